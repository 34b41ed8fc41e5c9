#include "tls/CertificateCheck.h"

#include "tls/CertificateDetails.h"
#include "tls/HostName.h"

#include <QJsonArray>

namespace tegami {

namespace {

QString day(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

} // namespace

QJsonObject CertificateCheck::toJson() const
{
    return QJsonObject { { QStringLiteral("usable"), usable },
        { QStringLiteral("problems"), QJsonArray::fromStringList(problems) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(warnings) } };
}

CertificateCheck checkCertificate(
    const LoadedCertificate& c, const QString& fqdn, const QDateTime& now, const CryptoBackend* backend)
{
    CertificateCheck check;
    if (c.certificate.isNull()) {
        check.problems << QStringLiteral("there is no certificate");
        return check;
    }
    const QSslCertificate& cert = c.certificate;

    if (c.key.isNull()) {
        check.problems << QStringLiteral("the private key of the certificate is missing");
    } else {
        std::shared_ptr<CryptoBackend> fallback;
        if (!backend) {
            fallback = defaultCryptoBackend();
            backend = fallback.get();
        }
        const PrivateKeyPem key { c.key.toPem(), c.key.algorithm(), c.key.length() };
        auto match = backend->keyMatchesCertificate(key, cert.toPem());
        if (!match)
            check.problems
                << QStringLiteral("the key cannot be compared with the certificate: %1").arg(match.error().message);
        else if (!*match)
            check.problems << QStringLiteral("the private key does not belong to the certificate");
    }

    const QDateTime notBefore = cert.effectiveDate();
    const QDateTime notAfter = cert.expiryDate();
    if (now < notBefore) {
        check.problems << QStringLiteral("the certificate is not valid yet: it becomes valid on %1 (if that is wrong, "
                                         "check the system clock)")
                              .arg(day(notBefore));
    } else if (now > notAfter) {
        check.problems << QStringLiteral("the certificate expired on %1; renew it").arg(day(notAfter));
    } else if (now.secsTo(notAfter) < qint64(kExpiryWarningDays) * 86400) {
        const qint64 days = now.secsTo(notAfter) / 86400;
        check.warnings << QStringLiteral("the certificate expires in %1 day(s), on %2; renew it soon")
                              .arg(days)
                              .arg(day(notAfter));
    }

    if (!fqdn.trimmed().isEmpty() && !certificateMatchesHost(cert, fqdn)) {
        check.problems << QStringLiteral("the certificate is for %1, not for %2: clients will refuse it. Use a "
                                         "certificate with %2 among its names, or change the server's FQDN")
                              .arg(certificateNames(cert).join(QStringLiteral(", ")), fqdn.trimmed());
    }

    const QSslKey publicKey = cert.publicKey();
    if ((publicKey.algorithm() == QSsl::Rsa || publicKey.algorithm() == QSsl::Dsa) && publicKey.length() < 2048) {
        check.problems << QStringLiteral("the %1 key has only %2 bits; TLS libraries refuse keys under 2048 bits")
                              .arg(keyAlgorithmName(publicKey.algorithm()).toUpper())
                              .arg(publicKey.length());
    }
    if (cert.isBlacklisted())
        check.problems << QStringLiteral("the certificate is on Qt's list of known compromised certificates");

    if (cert.isSelfSigned()) {
        check.warnings << QStringLiteral("the certificate is self-signed: mail clients warn users unless each of them "
                                         "chooses to trust it");
    }
    check.usable = check.problems.isEmpty();
    return check;
}

} // namespace tegami
