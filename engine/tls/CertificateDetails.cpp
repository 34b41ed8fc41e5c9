#include "tls/CertificateDetails.h"

#include "tls/HostName.h"

#include <QStringList>

#include <functional>

namespace tegami {

namespace {

QString distinguishedName(
    const QList<QByteArray>& attributes, const std::function<QStringList(const QByteArray&)>& values)
{
    QStringList parts;
    QList<QByteArray> seen;
    // Qt lists attributes in certificate order (country first); people read the CN first.
    for (auto it = attributes.crbegin(); it != attributes.crend(); ++it) {
        if (seen.contains(*it))
            continue;
        seen << *it;
        for (const QString& v : values(*it))
            parts << QString::fromLatin1(*it) + QLatin1Char('=') + v;
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString certificateThumbprint(const QSslCertificate& cert, QCryptographicHash::Algorithm algorithm)
{
    const QByteArray hex = cert.digest(algorithm).toHex().toUpper();
    QString out;
    out.reserve(hex.size() * 3 / 2);
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        if (i > 0)
            out += QLatin1Char(':');
        out += QLatin1String(hex.mid(i, 2));
    }
    return out;
}

QString certificateId(const QSslCertificate& cert)
{
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex().left(16));
}

QString subjectName(const QSslCertificate& cert)
{
    return distinguishedName(cert.subjectInfoAttributes(), [&](const QByteArray& a) { return cert.subjectInfo(a); });
}

QString issuerName(const QSslCertificate& cert)
{
    return distinguishedName(cert.issuerInfoAttributes(), [&](const QByteArray& a) { return cert.issuerInfo(a); });
}

QString keyAlgorithmName(QSsl::KeyAlgorithm algorithm)
{
    switch (algorithm) {
    case QSsl::Rsa:
        return QStringLiteral("rsa");
    case QSsl::Ec:
        return QStringLiteral("ec");
    case QSsl::Dsa:
        return QStringLiteral("dsa");
    default:
        return QStringLiteral("unknown");
    }
}

CertificateInfo describeCertificate(const LoadedCertificate& loaded)
{
    const QSslCertificate& cert = loaded.certificate;
    CertificateInfo info;
    info.id = certificateId(cert);
    info.sha256 = certificateThumbprint(cert, QCryptographicHash::Sha256);
    info.sha1 = certificateThumbprint(cert, QCryptographicHash::Sha1);
    info.serialNumber = QString::fromLatin1(cert.serialNumber()).toUpper();
    info.subject = subjectName(cert);
    info.issuer = issuerName(cert);
    const auto sans = cert.subjectAlternativeNames();
    if (!sans.isEmpty())
        info.sans = certificateNames(cert);
    info.notBefore = cert.effectiveDate().toUTC();
    info.notAfter = cert.expiryDate().toUTC();
    const QSslKey publicKey = cert.publicKey();
    info.keyType = keyAlgorithmName(publicKey.algorithm());
    info.keyBits = publicKey.length();
    info.selfSigned = cert.isSelfSigned();
    info.chainLength = 1 + int(loaded.chain.size());
    return info;
}

} // namespace tegami
