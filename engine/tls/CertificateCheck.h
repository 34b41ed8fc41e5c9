#pragma once

#include "tls/CryptoBackend.h"
#include "tls/TlsTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace tegami {

// Whether a certificate can be assigned to a listener. Problems make it unusable;
// warnings are shown but do not block.
struct CertificateCheck {
    bool usable = false;
    QStringList problems;
    QStringList warnings;

    QJsonObject toJson() const; // {"usable":..., "problems":[...], "warnings":[...]}
};

inline constexpr int kExpiryWarningDays = 30;

// Problems: no certificate or key, key not of the certificate, not yet valid, expired,
// `fqdn` (when given) not covered by a SAN or (without DNS SANs) the CN, an RSA/DSA key
// under 2048 bits, a blacklisted certificate. Warnings: expiry within 30 days of `now`,
// self-signed. `backend` defaults to defaultCryptoBackend().
CertificateCheck checkCertificate(
    const LoadedCertificate& c, const QString& fqdn, const QDateTime& now, const CryptoBackend* backend = nullptr);

} // namespace tegami
