#include "tls/CertificateStore.h"

#include "tls/CertificateDetails.h"
#include "tls/TlsFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace tegami {

namespace {

const QString kCertificateFile = QStringLiteral("certificate.pem");
const QString kChainFile = QStringLiteral("chain.pem");
const QString kKeyFile = QStringLiteral("key.pem");
const QString kMetaFile = QStringLiteral("meta.json");
const QString kRequestFile = QStringLiteral("request.pem");
const QString kRequestMetaFile = QStringLiteral("request.json");
const QString kPendingDir = QStringLiteral("pending");

constexpr qint64 kMaxFileBytes = CertificateStore::kMaxInputBytes;
constexpr qint64 kTrustRecheckSecs = 3600;

bool isEntryName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{16}$"));
    return re.match(name).hasMatch();
}

QString hexOnly(const QString& text)
{
    QString out;
    for (QChar c : text) {
        if (c == QLatin1Char(':') || c.isSpace())
            continue;
        out += c.toUpper();
    }
    return out;
}

bool isHex(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-F]+$"));
    return re.match(s).hasMatch();
}

Result<QJsonObject> readJson(const QString& path)
{
    auto data = tlsfiles::readFile(path, kMaxFileBytes);
    if (!data)
        return data.error();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &error);
    if (!doc.isObject())
        return Error::io(QStringLiteral("%1 is not a JSON object (%2)").arg(path, error.errorString()));
    return doc.object();
}

Result<void> checkKeyFileMode(const QString& path, QStringList* warnings)
{
    if (!tlsfiles::accessibleByOthers(path))
        return {};
    if (!tlsfiles::restrictToOwner(path))
        return Error::io(
            QStringLiteral("%1 is readable by other users and its mode cannot be changed to 0600").arg(path));
    *warnings << QStringLiteral("%1 was readable by other users; its mode is now 0600").arg(path);
    return {};
}

} // namespace

CertificateStore::CertificateStore(QString dir, const Clock& clock, std::shared_ptr<CryptoBackend> backend)
    : m_dir(std::move(dir))
    , m_clock(clock)
    , m_backend(std::move(backend))
{ }

CertificateStore::~CertificateStore() = default;

Result<std::unique_ptr<CertificateStore>> CertificateStore::open(
    const QString& dir, const Clock& clock, std::shared_ptr<CryptoBackend> backend)
{
    if (dir.isEmpty())
        return Error::invalid(QStringLiteral("dir"), QStringLiteral("no directory given for the certificate store"));
    const QString absolute = QFileInfo(dir).absoluteFilePath();
    if (auto r = tlsfiles::ensurePrivateDir(absolute); !r)
        return r.error();
    if (auto r = tlsfiles::ensurePrivateDir(QDir(absolute).filePath(kPendingDir)); !r)
        return r.error();
    tlsfiles::removeLeftovers(absolute);
    tlsfiles::removeLeftovers(QDir(absolute).filePath(kPendingDir));
    std::unique_ptr<CertificateStore> store(
        new CertificateStore(absolute, clock, backend ? std::move(backend) : defaultCryptoBackend()));
    store->loadAll();
    return store;
}

void CertificateStore::loadAll()
{
    const QDir dir(m_dir);
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name == kPendingDir)
            continue;
        if (!isEntryName(name)) {
            m_openWarnings << QStringLiteral("%1: ignored (not a certificate entry)").arg(dir.filePath(name));
            continue;
        }
        auto entry = loadEntry(name, &m_openWarnings);
        if (!entry) {
            m_openWarnings << QStringLiteral("%1: skipped: %2").arg(dir.filePath(name), entry.error().message);
            continue;
        }
        m_entries.emplace(name, std::move(*entry));
    }
    const QDir pendingDir(dir.filePath(kPendingDir));
    for (const QString& name : pendingDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        auto pending = loadPending(name, &m_openWarnings);
        if (!pending) {
            m_openWarnings << QStringLiteral("%1: skipped: %2").arg(pendingDir.filePath(name), pending.error().message);
            continue;
        }
        // A crash between storing a completed request's certificate and deleting the
        // request leaves both; the request is done, so finish the job.
        bool completed = false;
        for (const auto& [id, entry] : m_entries) {
            auto match = keyMatches(pending->key, entry.loaded.certificate);
            if (match && *match) {
                completed = true;
                break;
            }
        }
        if (completed) {
            if (auto r = tlsfiles::removeDir(pendingDir.filePath(name)); !r)
                m_openWarnings << r.error().message;
            continue;
        }
        m_pending.emplace(name, std::move(*pending));
    }
    m_trustCheckedAt = m_clock.now();
}

Result<CertificateStore::Entry> CertificateStore::loadEntry(const QString& id, QStringList* warnings) const
{
    const QDir dir(QDir(m_dir).filePath(id));
    auto certPem = tlsfiles::readFile(dir.filePath(kCertificateFile), kMaxFileBytes);
    if (!certPem)
        return certPem.error();
    const QList<QSslCertificate> certs = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (certs.size() != 1 || certs.first().isNull())
        return Error::io(QStringLiteral("%1 does not hold one certificate").arg(dir.filePath(kCertificateFile)));
    Entry entry;
    entry.loaded.certificate = certs.first();
    if (certificateId(entry.loaded.certificate) != id)
        return Error::io(QStringLiteral("the certificate in it does not have the id %1 (was it edited?)").arg(id));
    if (QFileInfo::exists(dir.filePath(kChainFile))) {
        auto chainPem = tlsfiles::readFile(dir.filePath(kChainFile), kMaxFileBytes);
        if (!chainPem)
            return chainPem.error();
        entry.loaded.chain = QSslCertificate::fromData(*chainPem, QSsl::Pem);
    }
    if (auto r = checkKeyFileMode(dir.filePath(kKeyFile), warnings); !r)
        return r.error();
    auto keyPem = tlsfiles::readFile(dir.filePath(kKeyFile), kMaxFileBytes);
    if (!keyPem)
        return keyPem.error();
    const QSsl::KeyAlgorithm algorithm = entry.loaded.certificate.publicKey().algorithm();
    entry.loaded.key = QSslKey(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (entry.loaded.key.isNull())
        return Error::io(QStringLiteral("%1 cannot be read as a %2 private key")
                             .arg(dir.filePath(kKeyFile), keyAlgorithmName(algorithm)));
    auto match = keyMatches(PrivateKeyPem { *keyPem, algorithm, entry.loaded.key.length() }, entry.loaded.certificate);
    if (!match)
        return match.error();
    if (!*match)
        return Error::io(QStringLiteral("%1 does not belong to the certificate").arg(dir.filePath(kKeyFile)));

    QString origin = QStringLiteral("unknown");
    QDateTime added;
    if (auto meta = readJson(dir.filePath(kMetaFile))) {
        origin = meta->value(QStringLiteral("origin")).toString(origin);
        added = QDateTime::fromString(meta->value(QStringLiteral("added")).toString(), Qt::ISODate);
    }
    entry.info = describe(entry.loaded, origin, added);
    return entry;
}

Result<CertificateStore::Pending> CertificateStore::loadPending(const QString& id, QStringList* warnings) const
{
    const QDir dir(QDir(m_dir).filePath(kPendingDir + QLatin1Char('/') + id));
    auto meta = readJson(dir.filePath(kRequestMetaFile));
    if (!meta)
        return meta.error();
    auto csr = tlsfiles::readFile(dir.filePath(kRequestFile), kMaxFileBytes);
    if (!csr)
        return csr.error();
    if (auto r = checkKeyFileMode(dir.filePath(kKeyFile), warnings); !r)
        return r.error();
    auto keyPem = tlsfiles::readFile(dir.filePath(kKeyFile), kMaxFileBytes);
    if (!keyPem)
        return keyPem.error();
    auto key = m_backend->readPrivateKey(*keyPem, {});
    if (!key)
        return Error::io(QStringLiteral("%1: %2").arg(dir.filePath(kKeyFile), key.error().message));
    Pending p;
    p.key = *key;
    p.request.id = id;
    p.request.commonName = meta->value(QStringLiteral("commonName")).toString();
    for (const QJsonValue& v : meta->value(QStringLiteral("sans")).toArray())
        p.request.sans << v.toString();
    p.request.created = QDateTime::fromString(meta->value(QStringLiteral("created")).toString(), Qt::ISODate);
    p.request.csrPem = *csr;
    return p;
}

CertificateInfo CertificateStore::describe(
    const LoadedCertificate& loaded, const QString& origin, const QDateTime& added) const
{
    CertificateInfo info = describeCertificate(loaded);
    QList<QByteArray> chainPem;
    for (const QSslCertificate& c : loaded.chain)
        chainPem << c.toPem();
    info.trustProblem = m_backend->verifyChain(loaded.certificate.toPem(), chainPem, m_clock.now());
    info.trusted = info.trustProblem.isEmpty();
    info.origin = origin;
    info.added = added;
    return info;
}

void CertificateStore::refreshTrustIfStale() const
{
    // Trust changes with time (a chain member expires); checking costs a little, so at
    // most once an hour of the store's clock.
    const QDateTime now = m_clock.now();
    if (m_trustCheckedAt.isValid() && qAbs(m_trustCheckedAt.secsTo(now)) < kTrustRecheckSecs)
        return;
    for (auto& [id, entry] : m_entries)
        entry.info = describe(entry.loaded, entry.info.origin, entry.info.added);
    m_trustCheckedAt = now;
}

QList<CertificateInfo> CertificateStore::list() const
{
    refreshTrustIfStale();
    QList<CertificateInfo> out;
    for (const auto& [id, entry] : m_entries)
        out << entry.info;
    std::stable_sort(out.begin(), out.end(),
        [](const CertificateInfo& a, const CertificateInfo& b) { return a.notAfter > b.notAfter; });
    return out;
}

const CertificateStore::Entry* CertificateStore::resolve(const QString& idOrThumbprint, Error* error) const
{
    const QString query = idOrThumbprint.trimmed();
    if (query.isEmpty()) {
        *error = Error::invalid(QStringLiteral("id"), QStringLiteral("no certificate id or thumbprint given"));
        return nullptr;
    }
    if (auto it = m_entries.find(query.toLower()); it != m_entries.end())
        return &it->second;
    const QString hex = hexOnly(query);
    if (!isHex(hex)) {
        *error = Error::invalid(QStringLiteral("id"),
            QStringLiteral("'%1' is neither a certificate id nor a thumbprint "
                           "(hex digits, colons optional)")
                .arg(query));
        return nullptr;
    }
    if (hex.size() < 4) {
        *error = Error::invalid(QStringLiteral("id"),
            QStringLiteral("'%1' is too short: give the id or at least 4 digits of a thumbprint").arg(query));
        return nullptr;
    }
    QList<const Entry*> matches;
    for (const auto& [id, entry] : m_entries) {
        if (hexOnly(entry.info.sha256).startsWith(hex) || hexOnly(entry.info.sha1).startsWith(hex))
            matches << &entry;
    }
    if (matches.size() == 1)
        return matches.first();
    if (matches.isEmpty()) {
        *error = Error::notFound(QStringLiteral("no certificate with the id or thumbprint '%1' is in the store (the "
                                                "certificate list shows them)")
                                     .arg(query));
        return nullptr;
    }
    QStringList ids;
    for (const Entry* e : matches)
        ids << e->info.id;
    *error = Error::invalid(QStringLiteral("id"),
        QStringLiteral("'%1' matches several certificates (%2); give more "
                       "digits")
            .arg(query, ids.join(QStringLiteral(", "))));
    return nullptr;
}

Result<CertificateInfo> CertificateStore::find(const QString& idOrThumbprint) const
{
    refreshTrustIfStale();
    Error error;
    const Entry* entry = resolve(idOrThumbprint, &error);
    if (!entry)
        return error;
    return entry->info;
}

Result<LoadedCertificate> CertificateStore::load(const QString& idOrThumbprint) const
{
    Error error;
    const Entry* entry = resolve(idOrThumbprint, &error);
    if (!entry)
        return error;
    return entry->loaded;
}

QList<PendingRequest> CertificateStore::pendingRequests() const
{
    QList<PendingRequest> out;
    for (const auto& [id, pending] : m_pending)
        out << pending.request;
    std::stable_sort(
        out.begin(), out.end(), [](const PendingRequest& a, const PendingRequest& b) { return a.created < b.created; });
    return out;
}

Result<QByteArray> CertificateStore::exportCertificate(const QString& idOrThumbprint, bool withChain) const
{
    Error error;
    const Entry* entry = resolve(idOrThumbprint, &error);
    if (!entry)
        return error;
    QByteArray pem = entry->loaded.certificate.toPem();
    if (withChain) {
        for (const QSslCertificate& c : entry->loaded.chain)
            pem += c.toPem();
    }
    return pem;
}

Result<QByteArray> CertificateStore::exportPkcs12(const QString& idOrThumbprint, const QByteArray& password) const
{
    if (password.isEmpty()) {
        return Error::invalid(
            QStringLiteral("password"), QStringLiteral("a password is required: the file carries the private key"));
    }
    Error error;
    const Entry* entry = resolve(idOrThumbprint, &error);
    if (!entry)
        return error;
    const QSslKey& key = entry->loaded.key;
    QList<QByteArray> chainPem;
    for (const QSslCertificate& c : entry->loaded.chain)
        chainPem << c.toPem();
    const QStringList cn = entry->loaded.certificate.subjectInfo(QSslCertificate::CommonName);
    return m_backend->createPkcs12(entry->loaded.certificate.toPem(),
        PrivateKeyPem { key.toPem(), key.algorithm(), key.length() }, chainPem, password, cn.value(0));
}

Result<void> CertificateStore::remove(const QString& idOrThumbprint)
{
    Error error;
    const Entry* entry = resolve(idOrThumbprint, &error);
    if (!entry)
        return error;
    const QString id = entry->info.id;
    if (auto r = tlsfiles::removeDir(QDir(m_dir).filePath(id)); !r)
        return r.error();
    m_entries.erase(id);
    return {};
}

Result<void> CertificateStore::removePending(const QString& id)
{
    const QString key = id.trimmed().toLower();
    if (m_pending.find(key) == m_pending.end())
        return Error::notFound(QStringLiteral("no pending certificate request has the id '%1'").arg(id));
    if (auto r = tlsfiles::removeDir(QDir(m_dir).filePath(kPendingDir + QLatin1Char('/') + key)); !r)
        return r.error();
    m_pending.erase(key);
    return {};
}

} // namespace tegami
