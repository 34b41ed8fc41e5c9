#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "tls/CryptoBackend.h"
#include "tls/TlsTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>

namespace tegami {

// The server's certificates and their private keys, in files under one directory (the
// service passes DATA/certs):
//   <id>/certificate.pem, chain.pem (when there are intermediates), key.pem, meta.json
//   pending/<id>/request.pem, key.pem, request.json   (CSRs waiting for the CA's answer)
// Directories are 0700 and every file 0600. Each entry is written into a staging
// directory and renamed into place, so a failed or interrupted operation leaves the store
// as it was. Every input is validated completely before anything is written. Key material
// is never logged and never leaves the store except through exportPkcs12().
// Not thread-safe: the engine thread owns it; LoadedCertificate copies may go anywhere.
class CertificateStore {
public:
    static constexpr qint64 kMaxInputBytes = 1024 * 1024; // certificates are a few KB; anything bigger is a mistake

    static Result<std::unique_ptr<CertificateStore>> open(
        const QString& dir, const Clock& clock = Clock::system(), std::shared_ptr<CryptoBackend> backend = {});
    ~CertificateStore();
    CertificateStore(const CertificateStore&) = delete;
    CertificateStore& operator=(const CertificateStore&) = delete;

    QString directory() const { return m_dir; }
    const CryptoBackend& backend() const { return *m_backend; }
    // Entries open() skipped or repaired, each with the reason (for the service log).
    QStringList openWarnings() const { return m_openWarnings; }

    QList<CertificateInfo> list() const; // sorted by notAfter, latest first
    // An id, or a unique prefix (at least 4 hex digits) of the SHA-256 or SHA-1 thumbprint,
    // with or without colons, in any case.
    Result<CertificateInfo> find(const QString& idOrThumbprint) const;
    Result<LoadedCertificate> load(const QString& idOrThumbprint) const;

    // A certificate with its private key and chain, as PEM: all in `pem`, or the key in
    // `separateKeyPem`. The key may be encrypted (`passphrase`). Without a key, the
    // certificate must answer a pending request (then the request is completed).
    Result<CertificateInfo> importPem(
        const QByteArray& pem, const QByteArray& separateKeyPem = {}, const QByteArray& passphrase = {});
    Result<CertificateInfo> importPkcs12(const QByteArray& data, const QByteArray& password);
    // `request.sans` plus the CN are put in the certificate; the caller adds the server FQDN.
    Result<CertificateInfo> generateSelfSigned(const SelfSignedRequest& request);

    // A new key and CSR; the key stays in pending/ until completeCsr() or removePending().
    Result<PendingRequest> createCsr(const CsrRequest& request);
    QList<PendingRequest> pendingRequests() const; // oldest first
    // Imports the CA's answer (the certificate, optionally followed by its chain) with the
    // pending key it matches; that pending request is then gone.
    Result<CertificateInfo> completeCsr(const QByteArray& caAnswerPem);

    // The public certificate (and its chain) as PEM.
    Result<QByteArray> exportCertificate(const QString& idOrThumbprint, bool withChain = true) const;
    // Certificate, chain and private key as a PKCS#12 file protected by `password`
    // (required), to move the certificate to another server.
    Result<QByteArray> exportPkcs12(const QString& idOrThumbprint, const QByteArray& password) const;

    // The caller makes sure no listener still uses the certificate.
    Result<void> remove(const QString& idOrThumbprint);
    Result<void> removePending(const QString& id);

private:
    struct Entry {
        LoadedCertificate loaded;
        CertificateInfo info; // trust as of m_trustCheckedAt
    };
    struct Pending {
        PendingRequest request;
        PrivateKeyPem key;
    };
    // A certificate that passed every check, ready to be written.
    struct Candidate {
        QSslCertificate leaf;
        QList<QSslCertificate> chain;
        PrivateKeyPem key;
        QString origin;
        QString pendingId; // the request it completes, if any
    };
    enum class KeySource { Given, PendingOnly };

    CertificateStore(QString dir, const Clock& clock, std::shared_ptr<CryptoBackend> backend);

    // CertificateStore.cpp
    void loadAll();
    Result<Entry> loadEntry(const QString& id, QStringList* warnings) const;
    Result<Pending> loadPending(const QString& id, QStringList* warnings) const;
    const Entry* resolve(const QString& idOrThumbprint, Error* error) const;
    CertificateInfo describe(const LoadedCertificate& loaded, const QString& origin, const QDateTime& added) const;
    void refreshTrustIfStale() const;

    // CertificateStoreImport.cpp
    Result<Candidate> assemble(const QList<QSslCertificate>& certs, const std::optional<PrivateKeyPem>& key,
        const QString& origin, KeySource source) const;
    Result<CertificateInfo> commit(const Candidate& candidate);
    Result<bool> keyMatches(const PrivateKeyPem& key, const QSslCertificate& cert) const;

    QString m_dir;
    const Clock& m_clock;
    std::shared_ptr<CryptoBackend> m_backend;
    mutable std::map<QString, Entry> m_entries; // by id; mutable for the trust refresh
    std::map<QString, Pending> m_pending; // by id
    QStringList m_openWarnings;
    mutable QDateTime m_trustCheckedAt;
};

} // namespace tegami
