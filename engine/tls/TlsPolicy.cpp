#include "tls/TlsPolicy.h"

#include <QSslSocket>

namespace tegami {

QString tlsMinimumName(TlsMinimum minimum)
{
    return minimum == TlsMinimum::V1_3 ? QStringLiteral("1.3") : QStringLiteral("1.2");
}

std::optional<TlsMinimum> tlsMinimumFromName(const QString& name)
{
    QString n = name.trimmed().toLower();
    for (const QLatin1String prefix : { QLatin1String("tlsv"), QLatin1String("tls") }) {
        if (n.startsWith(prefix)) {
            n = n.mid(prefix.size());
            break;
        }
    }
    if (n == QLatin1String("1.2"))
        return TlsMinimum::V1_2;
    if (n == QLatin1String("1.3"))
        return TlsMinimum::V1_3;
    return std::nullopt;
}

QStringList tlsMinimumNames()
{
    return { tlsMinimumName(TlsMinimum::V1_2), tlsMinimumName(TlsMinimum::V1_3) };
}

QList<QSslCipher> strongCiphers()
{
    QList<QSslCipher> out;
    for (const QSslCipher& c : QSslConfiguration::supportedCiphers()) {
        if (c.protocol() == QSsl::TlsV1_3) {
            out << c; // every TLS 1.3 suite is AEAD with ephemeral key exchange
            continue;
        }
        if (c.protocol() != QSsl::TlsV1_2)
            continue;
        const QString kx = c.keyExchangeMethod();
        const QString auth = c.authenticationMethod();
        const QString enc = c.encryptionMethod();
        const bool forwardSecret = kx == QLatin1String("ECDH") || kx == QLatin1String("DH");
        const bool certificateAuth = auth == QLatin1String("RSA") || auth == QLatin1String("ECDSA");
        const bool aead = enc.startsWith(QLatin1String("AESGCM")) || enc.startsWith(QLatin1String("CHACHA20/POLY1305"));
        if (forwardSecret && certificateAuth && aead)
            out << c;
    }
    return out;
}

QSslConfiguration serverTlsConfiguration(const LoadedCertificate& c, TlsMinimum minimum)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(minimum == TlsMinimum::V1_3 ? QSsl::TlsV1_3OrLater : QSsl::TlsV1_2OrLater);
    conf.setCiphers(strongCiphers());
    conf.setLocalCertificateChain(QList<QSslCertificate> { c.certificate } + c.chain);
    conf.setPrivateKey(c.key);
    // Mail clients have no client certificates; asking would only slow the handshake.
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    // Compression invites CRIME-style attacks; Qt disables it by default, say so explicitly.
    conf.setSslOption(QSsl::SslOptionDisableCompression, true);
    return conf;
}

QString describeTlsSession(const QSslSocket& socket)
{
    if (!socket.isEncrypted())
        return QStringLiteral("no TLS");
    QString version;
    switch (socket.sessionProtocol()) {
    case QSsl::TlsV1_2:
        version = QStringLiteral("TLSv1.2");
        break;
    case QSsl::TlsV1_3:
        version = QStringLiteral("TLSv1.3");
        break;
    default:
        // Older versions cannot be negotiated with serverTlsConfiguration(); name them by number.
        version = QStringLiteral("TLS (protocol %1)").arg(int(socket.sessionProtocol()));
        break;
    }
    return version + QLatin1Char(' ') + socket.sessionCipher().name();
}

} // namespace tegami
