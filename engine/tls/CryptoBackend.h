#pragma once

#include "core/Result.h"
#include "tls/HostName.h"
#include "tls/TlsTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSsl>
#include <QString>

#include <memory>

namespace tegami {

// An unencrypted private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). It goes to a
// 0600 file or into a QSslKey, never to a log.
struct PrivateKeyPem {
    QByteArray pem;
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    int bits = 0;
};

// The distinguished name of a certificate or request; empty fields are left out.
struct SubjectFields {
    QString commonName;
    QString organisation;
    QString organisationalUnit;
    QString locality;
    QString state;
    QString country;
    QString email;
};

struct CertificateSpec {
    SubjectFields subject;
    SubjectNames names; // validated (parseSubjectNames)
    QDateTime notBefore;
    QDateTime notAfter;
};

struct Pkcs12Contents {
    QByteArray certificatePem; // the certificate whose key is in the file
    PrivateKeyPem key;
    QList<QByteArray> chainPem; // the other certificates, in file order
};

// Everything Qt Network cannot do with certificates and keys, behind one small interface
// so another library (QCA, Windows CNG) can replace OpenSSL without touching the store.
// Inputs and outputs are PEM or DER bytes; no library type crosses this boundary.
// Implementations are thread-safe (every call is independent).
class CryptoBackend {
public:
    virtual ~CryptoBackend() = default;

    virtual QString name() const = 0; // "OpenSSL 3.0.19 ..."

    virtual Result<PrivateKeyPem> generateKey(KeyType type) const = 0;

    // Reads a private key in any PEM form (PKCS#8, encrypted PKCS#8, traditional RSA/EC,
    // with or without "Proc-Type: 4,ENCRYPTED") and returns it unencrypted as PKCS#8.
    // A wrong or missing passphrase gets an error saying so (field "passphrase").
    virtual Result<PrivateKeyPem> readPrivateKey(const QByteArray& pem, const QByteArray& passphrase) const = 0;

    // A self-signed server certificate (X.509 v3, SHA-256, SANs, serverAuth) as PEM.
    virtual Result<QByteArray> createSelfSigned(const PrivateKeyPem& key, const CertificateSpec& spec) const = 0;

    // A PKCS#10 request (SHA-256, SANs in the extension request) as PEM.
    virtual Result<QByteArray> createCsr(
        const PrivateKeyPem& key, const SubjectFields& subject, const SubjectNames& names) const = 0;

    // A .pfx/.p12 file. A wrong password gets an error saying so (field "password").
    virtual Result<Pkcs12Contents> parsePkcs12(const QByteArray& der, const QByteArray& password) const = 0;
    virtual Result<QByteArray> createPkcs12(const QByteArray& certificatePem, const PrivateKeyPem& key,
        const QList<QByteArray>& chainPem, const QByteArray& password, const QString& friendlyName) const = 0;

    // Whether the private key belongs to the certificate (same public key).
    virtual Result<bool> keyMatchesCertificate(const PrivateKeyPem& key, const QByteArray& certificatePem) const = 0;

    // Builds the chain from the leaf through `chainPem` to a trusted root as a TLS server
    // certificate at time `at`; returns an empty string when it verifies, else the reason.
    virtual QString verifyChain(
        const QByteArray& leafPem, const QList<QByteArray>& chainPem, const QDateTime& at) const = 0;
};

// The backend this build uses (OpenSSL 3), shared.
std::shared_ptr<CryptoBackend> defaultCryptoBackend();

} // namespace tegami
