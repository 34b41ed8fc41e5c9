// The operations that add to the certificate store: imports, generation, requests.
#include "tls/CertificateDetails.h"
#include "tls/CertificateStore.h"
#include "tls/HostName.h"
#include "tls/PemInput.h"
#include "tls/TlsFiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace tegami {

namespace {

constexpr int kMinValidityDays = 1;
constexpr int kMaxValidityDays = 3650;
// Clients whose clocks run a little behind must not see a brand-new certificate as "not yet valid".
constexpr qint64 kBackdateSecs = 3600;

QByteArray jsonBytes(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<void> checkInputSize(const QByteArray& data, const QString& field)
{
    if (data.size() > CertificateStore::kMaxInputBytes) {
        return Error::invalid(field,
            QStringLiteral("the data is %1 bytes; certificate files are a few kilobytes, so "
                           "this is not one (limit %2 bytes)")
                .arg(data.size())
                .arg(CertificateStore::kMaxInputBytes));
    }
    return {};
}

// One subject field: trimmed, printable, within the X.520 upper bound.
Result<QString> subjectField(const QString& value, const QString& field, int maxLength)
{
    const QString v = value.trimmed();
    if (v.size() > maxLength)
        return Error::invalid(field, QStringLiteral("is longer than %1 characters").arg(maxLength));
    for (QChar c : v) {
        if (c.category() == QChar::Other_Control)
            return Error::invalid(field, QStringLiteral("contains a control character"));
    }
    return v;
}

// The CN: a host name (the server's FQDN, or a wildcard), at most 64 characters.
Result<QString> commonNameOf(const QString& commonName, const QStringList& sans)
{
    QString cn = commonName.trimmed();
    if (cn.isEmpty()) {
        for (const QString& s : sans) {
            if (!s.trimmed().isEmpty() && !s.contains(QLatin1Char(':')) && s.count(QLatin1Char('.')) != 3) {
                cn = s.trimmed();
                break;
            }
        }
    }
    if (cn.isEmpty()) {
        return Error::invalid(QStringLiteral("commonName"),
            QStringLiteral("give the server's host name (e.g. mail.example.com) as the common name"));
    }
    auto normalised = normaliseCertificateName(cn, QStringLiteral("commonName"));
    if (!normalised)
        return normalised.error();
    if (normalised->size() > 64) {
        return Error::invalid(QStringLiteral("commonName"),
            QStringLiteral("'%1' is longer than the 64 characters a "
                           "common name may have; put it in the SANs "
                           "and use a shorter name as common name")
                .arg(cn));
    }
    return *normalised;
}

QString newPendingId()
{
    return QString::number(QRandomGenerator::system()->generate64() | (quint64(1) << 63), 16);
}

// Leaf first, then each certificate's issuer as far as the given certificates go; the
// rest (cross-signed roots, unrelated extras) keep their order at the end.
QList<QSslCertificate> orderChain(const QSslCertificate& leaf, QList<QSslCertificate> others)
{
    QList<QSslCertificate> ordered;
    QSslCertificate current = leaf;
    while (!current.isSelfSigned()) {
        const QString issuer = issuerName(current);
        const auto it = std::find_if(
            others.begin(), others.end(), [&](const QSslCertificate& c) { return subjectName(c) == issuer; });
        if (it == others.end())
            break;
        current = *it;
        ordered << current;
        others.erase(it);
    }
    return ordered + others;
}

} // namespace

Result<bool> CertificateStore::keyMatches(const PrivateKeyPem& key, const QSslCertificate& cert) const
{
    return m_backend->keyMatchesCertificate(key, cert.toPem());
}

Result<CertificateStore::Candidate> CertificateStore::assemble(const QList<QSslCertificate>& given,
    const std::optional<PrivateKeyPem>& key, const QString& origin, KeySource source) const
{
    QList<QSslCertificate> certs;
    for (const QSslCertificate& c : given) {
        if (!certs.contains(c)) // a "full chain" file plus the certificate again is a common mix-up
            certs << c;
    }
    Candidate candidate;
    candidate.origin = origin;
    qsizetype leafIndex = -1;
    if (key) {
        for (qsizetype i = 0; i < certs.size() && leafIndex < 0; ++i) {
            auto match = keyMatches(*key, certs.at(i));
            if (!match)
                return match.error();
            if (*match)
                leafIndex = i;
        }
        if (leafIndex < 0) {
            return Error::invalid(QStringLiteral("key"),
                QStringLiteral("the private key does not belong to the certificate (%1): it is the "
                               "key of another certificate. Give the key that was created together "
                               "with this certificate's request")
                    .arg(subjectName(certs.first())));
        }
        candidate.key = *key;
    } else {
        for (const auto& [id, pending] : m_pending) {
            for (qsizetype i = 0; i < certs.size() && leafIndex < 0; ++i) {
                auto match = keyMatches(pending.key, certs.at(i));
                if (!match)
                    return match.error();
                if (*match) {
                    leafIndex = i;
                    candidate.key = pending.key;
                    candidate.pendingId = id;
                    candidate.origin = QStringLiteral("csr");
                }
            }
            if (leafIndex >= 0)
                break;
        }
        if (leafIndex < 0 && source == KeySource::PendingOnly) {
            return Error::invalid(QStringLiteral("answer"),
                QStringLiteral("no pending request has the key of this certificate (%1): it answers "
                               "a request made elsewhere, or the request was removed. Import it "
                               "with its private key instead")
                    .arg(subjectName(certs.first())));
        }
        if (leafIndex < 0) {
            return Error::invalid(QStringLiteral("key"),
                QStringLiteral("the private key is missing: the data holds only the certificate (%1). "
                               "Import it together with its private key (in the same PEM text or as "
                               "a separate key file), or as a PKCS#12 (.pfx/.p12) file")
                    .arg(subjectName(certs.first())));
        }
    }
    candidate.leaf = certs.takeAt(leafIndex);
    candidate.chain = orderChain(candidate.leaf, certs);
    return candidate;
}

Result<CertificateInfo> CertificateStore::commit(const Candidate& c)
{
    const QString id = certificateId(c.leaf);
    if (m_entries.find(id) != m_entries.end())
        return Error::exists(QStringLiteral("this certificate is already in the store (id %1)").arg(id));

    LoadedCertificate loaded { c.leaf, c.chain, QSslKey(c.key.pem, c.key.algorithm, QSsl::Pem, QSsl::PrivateKey) };
    if (loaded.key.isNull()) {
        return Error::invalid(QStringLiteral("key"),
            QStringLiteral("Qt's TLS backend cannot use this %1 key; use an "
                           "RSA or ECDSA (P-256, P-384) key")
                .arg(keyAlgorithmName(c.key.algorithm)));
    }
    const QDateTime now = m_clock.now();
    auto staging = tlsfiles::createStagingDir(m_dir);
    if (!staging)
        return staging.error();
    const QDir dir(*staging);
    QByteArray chainPem;
    for (const QSslCertificate& cert : c.chain)
        chainPem += cert.toPem();
    const QJsonObject meta { { QStringLiteral("origin"), c.origin }, { QStringLiteral("added"), isoUtc(now) } };
    Result<void> written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("certificate.pem")), c.leaf.toPem());
    if (written && !chainPem.isEmpty())
        written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("chain.pem")), chainPem);
    if (written)
        written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("key.pem")), c.key.pem);
    if (written)
        written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("meta.json")), jsonBytes(meta));
    if (!written) {
        QDir(*staging).removeRecursively();
        return written.error();
    }
    if (auto r = tlsfiles::publishDir(*staging, QDir(m_dir).filePath(id)); !r)
        return r.error();

    Entry entry { loaded, describe(loaded, c.origin, now) };
    const CertificateInfo info = entry.info;
    m_entries.emplace(id, std::move(entry));
    if (!c.pendingId.isEmpty()) {
        // Should this fail, open() removes a request whose certificate is in the store.
        (void)tlsfiles::removeDir(QDir(m_dir).filePath(QStringLiteral("pending/") + c.pendingId));
        m_pending.erase(c.pendingId);
    }
    return info;
}

Result<CertificateInfo> CertificateStore::importPem(
    const QByteArray& pem, const QByteArray& separateKeyPem, const QByteArray& passphrase)
{
    if (auto r = checkInputSize(pem, QStringLiteral("pem")); !r)
        return r.error();
    if (auto r = checkInputSize(separateKeyPem, QStringLiteral("key")); !r)
        return r.error();
    auto blocks = splitPem(pem, QStringLiteral("pem"), QStringLiteral("the certificate data"));
    if (!blocks)
        return blocks.error();
    auto contents = classifyPem(*blocks, QStringLiteral("pem"), QStringLiteral("the certificate data"));
    if (!contents)
        return contents.error();
    if (!separateKeyPem.isEmpty()) {
        auto keyBlocks = splitPem(separateKeyPem, QStringLiteral("key"), QStringLiteral("the key data"));
        if (!keyBlocks)
            return keyBlocks.error();
        auto keyContents = classifyPem(*keyBlocks, QStringLiteral("key"), QStringLiteral("the key data"));
        if (!keyContents)
            return keyContents.error();
        contents->keys += keyContents->keys;
        contents->certificates += keyContents->certificates;
    }
    if (contents->certificates.isEmpty()) {
        return Error::invalid(QStringLiteral("pem"),
            contents->keys.isEmpty() ? QStringLiteral("the data holds no certificate")
                                     : QStringLiteral("the data holds a private key but no "
                                                      "certificate; give the certificate with it"));
    }
    if (contents->keys.size() > 1) {
        return Error::invalid(QStringLiteral("key"),
            QStringLiteral("%1 private keys were given; give only the key of "
                           "the certificate")
                .arg(contents->keys.size()));
    }
    std::optional<PrivateKeyPem> key;
    if (!contents->keys.isEmpty()) {
        auto read = m_backend->readPrivateKey(contents->keys.first().text, passphrase);
        if (!read)
            return read.error();
        key = *read;
    }
    auto candidate = assemble(contents->certificates, key, QStringLiteral("pem"), KeySource::Given);
    if (!candidate)
        return candidate.error();
    return commit(*candidate);
}

Result<CertificateInfo> CertificateStore::importPkcs12(const QByteArray& data, const QByteArray& password)
{
    if (data.isEmpty())
        return Error::invalid(QStringLiteral("file"), QStringLiteral("the PKCS#12 data is empty"));
    if (auto r = checkInputSize(data, QStringLiteral("file")); !r)
        return r.error();
    auto contents = m_backend->parsePkcs12(data, password);
    if (!contents)
        return contents.error();
    QList<QSslCertificate> certs = QSslCertificate::fromData(contents->certificatePem, QSsl::Pem);
    for (const QByteArray& pem : contents->chainPem)
        certs += QSslCertificate::fromData(pem, QSsl::Pem);
    if (certs.isEmpty() || certs.first().isNull())
        return Error::internal(QStringLiteral("the certificate from the PKCS#12 file cannot be read by Qt"));
    auto candidate = assemble(certs, contents->key, QStringLiteral("pkcs12"), KeySource::Given);
    if (!candidate)
        return candidate.error();
    return commit(*candidate);
}

Result<CertificateInfo> CertificateStore::generateSelfSigned(const SelfSignedRequest& request)
{
    auto cn = commonNameOf(request.commonName, request.sans);
    if (!cn)
        return cn.error();
    auto names = parseSubjectNames(QStringList { *cn } + request.sans, QStringLiteral("sans"));
    if (!names)
        return names.error();
    if (request.validityDays < kMinValidityDays || request.validityDays > kMaxValidityDays) {
        return Error::invalid(QStringLiteral("validityDays"),
            QStringLiteral("must be from %1 to %2 days (825, the default, is the most Apple devices "
                           "accept)")
                .arg(kMinValidityDays)
                .arg(kMaxValidityDays));
    }
    auto key = m_backend->generateKey(request.keyType);
    if (!key)
        return key.error();
    const QDateTime now = m_clock.now();
    CertificateSpec spec;
    spec.subject.commonName = *cn;
    spec.names = *names;
    spec.notBefore = now.addSecs(-kBackdateSecs);
    spec.notAfter = now.addDays(request.validityDays);
    auto pem = m_backend->createSelfSigned(*key, spec);
    if (!pem)
        return pem.error();
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certs.size() != 1)
        return Error::internal(QStringLiteral("the generated certificate cannot be read back"));
    return commit(Candidate { certs.first(), {}, *key, QStringLiteral("self-signed"), {} });
}

Result<PendingRequest> CertificateStore::createCsr(const CsrRequest& request)
{
    auto cn = commonNameOf(request.commonName, {});
    if (!cn)
        return cn.error();
    auto names = parseSubjectNames(QStringList { *cn } + request.sans, QStringLiteral("sans"));
    if (!names)
        return names.error();
    SubjectFields subject;
    subject.commonName = *cn;
    const struct {
        const QString& in;
        QString& out;
        const char* field;
        int max;
    } fields[] = {
        { request.organisation, subject.organisation, "organisation", 64 },
        { request.organisationalUnit, subject.organisationalUnit, "organisationalUnit", 64 },
        { request.locality, subject.locality, "locality", 128 },
        { request.state, subject.state, "state", 128 },
    };
    for (const auto& f : fields) {
        auto v = subjectField(f.in, QString::fromLatin1(f.field), f.max);
        if (!v)
            return v.error();
        f.out = *v;
    }
    subject.country = request.country.trimmed().toUpper();
    static const QRegularExpression countryRe(QStringLiteral("^[A-Z]{2}$"));
    if (!subject.country.isEmpty() && !countryRe.match(subject.country).hasMatch()) {
        return Error::invalid(QStringLiteral("country"),
            QStringLiteral("'%1' is not a two-letter country code (ISO 3166, e.g. DE, GB, JP)").arg(request.country));
    }
    subject.email = request.email.trimmed();
    static const QRegularExpression emailRe(
        QStringLiteral("^[!-?A-~]+@[A-Za-z0-9.-]+$")); // ASCII without '@' in the local part
    if (!subject.email.isEmpty() && (!emailRe.match(subject.email).hasMatch() || subject.email.size() > 128)) {
        return Error::invalid(QStringLiteral("email"),
            QStringLiteral("'%1' is not a plain ASCII e-mail address like admin@example.com").arg(request.email));
    }

    auto key = m_backend->generateKey(request.keyType);
    if (!key)
        return key.error();
    auto csr = m_backend->createCsr(*key, subject, *names);
    if (!csr)
        return csr.error();

    PendingRequest pending;
    pending.id = newPendingId();
    pending.commonName = *cn;
    pending.sans = names->dns + names->ip;
    pending.created = m_clock.now();
    pending.csrPem = *csr;
    const QJsonObject meta { { QStringLiteral("commonName"), pending.commonName },
        { QStringLiteral("sans"), QJsonArray::fromStringList(pending.sans) },
        { QStringLiteral("created"), isoUtc(pending.created) },
        { QStringLiteral("keyType"), keyTypeName(request.keyType) } };

    const QString pendingDir = QDir(m_dir).filePath(QStringLiteral("pending"));
    auto staging = tlsfiles::createStagingDir(pendingDir);
    if (!staging)
        return staging.error();
    const QDir dir(*staging);
    Result<void> written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("key.pem")), key->pem);
    if (written)
        written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("request.pem")), pending.csrPem);
    if (written)
        written = tlsfiles::writePrivateFile(dir.filePath(QStringLiteral("request.json")), jsonBytes(meta));
    if (!written) {
        QDir(*staging).removeRecursively();
        return written.error();
    }
    if (auto r = tlsfiles::publishDir(*staging, QDir(pendingDir).filePath(pending.id)); !r)
        return r.error();
    m_pending.emplace(pending.id, Pending { pending, *key });
    return pending;
}

Result<CertificateInfo> CertificateStore::completeCsr(const QByteArray& caAnswerPem)
{
    const QString field = QStringLiteral("answer");
    const QString what = QStringLiteral("the CA's answer");
    if (auto r = checkInputSize(caAnswerPem, field); !r)
        return r.error();
    auto blocks = splitPem(caAnswerPem, field, what);
    if (!blocks)
        return blocks.error();
    auto contents = classifyPem(*blocks, field, what);
    if (!contents)
        return contents.error();
    if (!contents->keys.isEmpty()) {
        return Error::invalid(field,
            QStringLiteral("the CA's answer holds a private key; a CA never sends one. To "
                           "import a certificate with its key, use the PEM import"));
    }
    if (contents->certificates.isEmpty())
        return Error::invalid(field, QStringLiteral("the CA's answer holds no certificate"));
    if (m_pending.empty()) {
        return Error::notFound(QStringLiteral("there is no pending certificate request to complete; create a request "
                                              "first, or import the certificate with its private key"));
    }
    auto candidate = assemble(contents->certificates, std::nullopt, QStringLiteral("csr"), KeySource::PendingOnly);
    if (!candidate)
        return candidate.error();
    return commit(*candidate);
}

} // namespace tegami
