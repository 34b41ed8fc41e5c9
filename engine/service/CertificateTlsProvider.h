#pragma once

#include "core/Clock.h"
#include "core/Settings.h"
#include "net/SessionFactory.h"
#include "tls/CertificateCheck.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

namespace tegami {

class CertificateStore;

// The TLS configuration of each protocol, from the certificate assigned in the settings
// and the store. Results are cached and rebuilt after invalidate() (a certificate was
// imported, assigned or removed; settings changed) or after a minute (a certificate can
// expire while the service runs), so a new certificate reaches the next connection
// without a restart while existing sessions keep theirs.
class CertificateTlsProvider final : public TlsProvider {
public:
    CertificateTlsProvider(const CertificateStore& store, const Settings& settings, const Clock& clock);

    std::optional<QSslConfiguration> serverConfiguration(Protocol protocol, QString* problem) const override;
    void invalidate() { m_cache.clear(); }

    // The check of the certificate a protocol would use, with the reason it cannot.
    CertificateCheck check(Protocol protocol) const;
    // Protocols (enabled or not) whose listeners would use the certificate `id`.
    QStringList usedBy(const QString& id) const;

private:
    struct Entry {
        std::optional<QSslConfiguration> configuration;
        CertificateCheck check;
        QDateTime builtAt;
    };
    const Entry& entry(Protocol protocol) const;

    const CertificateStore& m_store;
    const Settings& m_settings;
    const Clock& m_clock;
    mutable QHash<Protocol, Entry> m_cache;
};

} // namespace tegami
