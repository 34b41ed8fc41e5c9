#pragma once

#include "tls/CryptoBackend.h"

#include <memory>

namespace tegami {

// CryptoBackend on OpenSSL 3's libcrypto (EVP, X509, PKCS12 APIs; nothing deprecated).
// This header stays free of OpenSSL types: only OpenSslBackend.cpp includes OpenSSL.
class OpenSslBackend final : public CryptoBackend {
public:
    struct Options {
        bool systemRoots = true; // trust the operating system's root certificates
        QList<QByteArray> extraRootsPem; // and these (tests; an office's private CA)
    };

    OpenSslBackend();
    explicit OpenSslBackend(Options options);
    ~OpenSslBackend() override;

    QString name() const override;
    Result<PrivateKeyPem> generateKey(KeyType type) const override;
    Result<PrivateKeyPem> readPrivateKey(const QByteArray& pem, const QByteArray& passphrase) const override;
    Result<QByteArray> createSelfSigned(const PrivateKeyPem& key, const CertificateSpec& spec) const override;
    Result<QByteArray> createCsr(
        const PrivateKeyPem& key, const SubjectFields& subject, const SubjectNames& names) const override;
    Result<Pkcs12Contents> parsePkcs12(const QByteArray& der, const QByteArray& password) const override;
    Result<QByteArray> createPkcs12(const QByteArray& certificatePem, const PrivateKeyPem& key,
        const QList<QByteArray>& chainPem, const QByteArray& password, const QString& friendlyName) const override;
    Result<bool> keyMatchesCertificate(const PrivateKeyPem& key, const QByteArray& certificatePem) const override;
    QString verifyChain(
        const QByteArray& leafPem, const QList<QByteArray>& chainPem, const QDateTime& at) const override;

private:
    struct TrustStore;
    Options m_options;
    std::unique_ptr<TrustStore> m_trust; // built on first use: loading the roots is not free
};

} // namespace tegami
