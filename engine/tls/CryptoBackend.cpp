#include "tls/CryptoBackend.h"

#include "tls/OpenSslBackend.h"

namespace tegami {

std::shared_ptr<CryptoBackend> defaultCryptoBackend()
{
    // One instance, so the system's root certificates are loaded once per process.
    static const std::shared_ptr<CryptoBackend> backend = std::make_shared<OpenSslBackend>();
    return backend;
}

} // namespace tegami
