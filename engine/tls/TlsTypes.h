#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

#include <optional>

namespace tegami {

// The key types Tegami generates. Imported certificates may carry other sizes (they are
// described by CertificateInfo::keyType/keyBits instead).
enum class KeyType { Rsa2048, Rsa3072, Rsa4096, EcP256 };

QString keyTypeName(KeyType type); // "rsa2048", "rsa3072", "rsa4096", "ec-p256"
std::optional<KeyType> keyTypeFromName(const QString& name); // case-insensitive; also "ecdsa-p256", "p256"
QStringList keyTypeNames();

// A certificate ready for a listener: the leaf, the intermediates to send after it (leaf
// excluded, issuer order) and the private key of the leaf.
struct LoadedCertificate {
    // Spelled out because QSslCertificate's default constructor is explicit, which would
    // otherwise break `LoadedCertificate{}` and `return {};`.
    QSslCertificate certificate = QSslCertificate();
    QList<QSslCertificate> chain;
    QSslKey key;
};

// What an admin needs to pick a certificate. Thumbprints are upper-case hex pairs joined
// by colons ("AB:CD:..."), as `openssl x509 -fingerprint` prints them; lookups accept
// them with or without colons.
struct CertificateInfo {
    QString id; // first 16 hex digits (lower-case) of the SHA-256 thumbprint; stable
    QString sha256;
    QString sha1;
    QString serialNumber; // hex pairs with colons, as Qt prints it
    QString subject; // "CN=mail.example.com, O=Example Ltd"
    QString issuer;
    QStringList sans; // DNS names and IP addresses, in certificate order
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
    QString keyType; // "rsa", "ec", "dsa" or "unknown"
    int keyBits = 0;
    bool selfSigned = false;
    bool trusted = false; // the chain builds to a trusted root (the system's, by default)
    QString trustProblem; // why not, when !trusted
    int chainLength = 1; // leaf included
    QString origin; // "self-signed", "pem", "pkcs12", "csr"
    QDateTime added; // when it entered the store (UTC)

    QJsonObject toJson() const;
};

struct SelfSignedRequest {
    QString commonName;
    QStringList sans; // DNS names (IDN allowed, "*.example.com" allowed) and IP addresses
    KeyType keyType = KeyType::EcP256;
    int validityDays = 825; // the longest lifetime Apple platforms accept for TLS server certificates
};

struct CsrRequest {
    QString commonName;
    QString organisation;
    QString organisationalUnit;
    QString locality;
    QString state;
    QString country; // ISO 3166 two-letter code
    QString email;
    QStringList sans;
    KeyType keyType = KeyType::Rsa2048; // what most commercial CAs expect
};

// A CSR whose private key waits in the store for the CA's answer.
struct PendingRequest {
    QString id; // 16 random hex digits
    QString commonName;
    QStringList sans;
    QDateTime created; // UTC
    QByteArray csrPem;

    QJsonObject toJson() const;
};

// "2026-01-01T00:00:00Z", the form every JSON date in Tegami uses.
QString isoUtc(const QDateTime& t);

} // namespace tegami
