#pragma once

#include "tls/TlsTypes.h"

#include <QList>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

class QSslSocket;

namespace tegami {

// The oldest TLS version listeners accept. SSL 3.0, TLS 1.0 and 1.1 are never offered.
enum class TlsMinimum { V1_2, V1_3 };

QString tlsMinimumName(TlsMinimum minimum); // "1.2", "1.3"
std::optional<TlsMinimum> tlsMinimumFromName(const QString& name); // "1.2", "tls1.2", "TLSv1.2", ...
QStringList tlsMinimumNames();

// The cipher suites listeners offer: every TLS 1.3 suite, and for TLS 1.2 only forward-
// secret (ECDHE, DHE) key exchange with AEAD encryption (AES-GCM, ChaCha20-Poly1305) and
// certificate authentication (RSA, ECDSA): no static RSA, CBC, PSK, SRP or anonymous suites.
QList<QSslCipher> strongCiphers();

// The server side of a TLS session with this certificate: the given minimum version,
// strongCiphers(), the leaf followed by its chain, and no client certificate request.
QSslConfiguration serverTlsConfiguration(const LoadedCertificate& c, TlsMinimum minimum);

// "TLSv1.3 TLS_AES_256_GCM_SHA384" for the protocol log; "no TLS" on a plain connection.
QString describeTlsSession(const QSslSocket& socket);

} // namespace tegami
