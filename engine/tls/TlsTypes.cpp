#include "tls/TlsTypes.h"

#include <QJsonArray>

namespace tegami {

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::Rsa2048:
        return QStringLiteral("rsa2048");
    case KeyType::Rsa3072:
        return QStringLiteral("rsa3072");
    case KeyType::Rsa4096:
        return QStringLiteral("rsa4096");
    case KeyType::EcP256:
        return QStringLiteral("ec-p256");
    }
    return QString();
}

std::optional<KeyType> keyTypeFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    for (KeyType t : { KeyType::Rsa2048, KeyType::Rsa3072, KeyType::Rsa4096, KeyType::EcP256 }) {
        if (n == keyTypeName(t))
            return t;
    }
    if (n == QLatin1String("rsa-2048"))
        return KeyType::Rsa2048;
    if (n == QLatin1String("rsa-3072"))
        return KeyType::Rsa3072;
    if (n == QLatin1String("rsa-4096"))
        return KeyType::Rsa4096;
    if (n == QLatin1String("ecdsa-p256") || n == QLatin1String("p256") || n == QLatin1String("p-256")
        || n == QLatin1String("ecp256"))
        return KeyType::EcP256;
    return std::nullopt;
}

QStringList keyTypeNames()
{
    return { keyTypeName(KeyType::Rsa2048), keyTypeName(KeyType::Rsa3072), keyTypeName(KeyType::Rsa4096),
        keyTypeName(KeyType::EcP256) };
}

QString isoUtc(const QDateTime& t)
{
    if (!t.isValid())
        return QString();
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject CertificateInfo::toJson() const
{
    return QJsonObject {
        { QStringLiteral("id"), id },
        { QStringLiteral("sha256"), sha256 },
        { QStringLiteral("sha1"), sha1 },
        { QStringLiteral("serialNumber"), serialNumber },
        { QStringLiteral("subject"), subject },
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("sans"), QJsonArray::fromStringList(sans) },
        { QStringLiteral("notBefore"), isoUtc(notBefore) },
        { QStringLiteral("notAfter"), isoUtc(notAfter) },
        { QStringLiteral("keyType"), keyType },
        { QStringLiteral("keyBits"), keyBits },
        { QStringLiteral("selfSigned"), selfSigned },
        { QStringLiteral("trusted"), trusted },
        { QStringLiteral("trustProblem"), trustProblem },
        { QStringLiteral("chainLength"), chainLength },
        { QStringLiteral("origin"), origin },
        { QStringLiteral("added"), isoUtc(added) },
    };
}

QJsonObject PendingRequest::toJson() const
{
    return QJsonObject {
        { QStringLiteral("id"), id },
        { QStringLiteral("commonName"), commonName },
        { QStringLiteral("sans"), QJsonArray::fromStringList(sans) },
        { QStringLiteral("created"), isoUtc(created) },
        { QStringLiteral("csrPem"), QString::fromLatin1(csrPem) },
    };
}

} // namespace tegami
