#include "accounts/AccountStore.h"

#include "accounts/AccountSchema.h"
#include "accounts/SqlSupport.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>

namespace tegami {

Q_LOGGING_CATEGORY(lcAccounts, "tegami.accounts")

using sqlsupport::run;
using sqlsupport::scalar;
using sqlsupport::WriteTransaction;

namespace {

QString counted(qint64 n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

AccountStore::AccountStore(QString path, QString connectionName, PasswordHasher hasher, const Clock& clock)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_hasher(hasher)
    , m_clock(clock)
{ }

AccountStore::~AccountStore()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<AccountStore>> AccountStore::open(const QString& path, PasswordHasher hasher, const Clock& clock)
{
    // QSqlDatabase connections are global by name; each store needs its own so two
    // stores (or a store and a test) never share one.
    static QAtomicInt counter;
    const QString name = QStringLiteral("tegami-accounts-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<AccountStore> store(new AccountStore(path, name, hasher, clock));

    const QFileInfo dir(QFileInfo(path).absolutePath());
    if (!dir.isDir()) {
        return Error::io(QStringLiteral("cannot open the accounts database %1: the directory %2 does not exist; "
                                        "create it or choose another data directory")
                             .arg(path, dir.filePath()));
    }
    store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!store->m_db.isValid()) {
        return Error::internal(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available: install "
                                              "libqt6sql6-sqlite"));
    }
    store->m_db.setDatabaseName(path);
    store->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!store->m_db.open()) {
        return Error::io(QStringLiteral("cannot open the accounts database %1: %2; check that the file is writable "
                                        "and not damaged")
                             .arg(path, store->m_db.lastError().text()));
    }
    // Password hashes live here: owner-only, whatever the umask was.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    Result<QVariant> mode = scalar(store->m_db, QStringLiteral("PRAGMA journal_mode = WAL"));
    if (!mode)
        return mode.error();
    if (mode->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        return Error::io(QStringLiteral("cannot switch the accounts database %1 to WAL mode (it reports '%2'); "
                                        "check that the file system supports shared memory files")
                             .arg(path, mode->toString()));
    }
    if (Result<QSqlQuery> q = run(store->m_db, QStringLiteral("PRAGMA foreign_keys = ON")); !q)
        return q.error();
    if (Result<void> migrated = migrateAccountsSchema(store->m_db); !migrated)
        return migrated.error();
    return store;
}

// ---- shared lookups ----

Result<qint64> AccountStore::domainId(const QString& domainName) const
{
    Result<QVariant> id = scalar(m_db, QStringLiteral("SELECT id FROM domains WHERE name = ?"), { domainName });
    if (!id)
        return id.error();
    if (id->isNull()) {
        return Error::notFound(QStringLiteral("the domain %1 is not a local domain: add it first with "
                                              "`tegamictl domain add %1`")
                                   .arg(domainName));
    }
    return id->toLongLong();
}

Result<bool> AccountStore::mailboxExists(const QString& address) const
{
    Result<QVariant> n = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM mailboxes WHERE address = ?"), { address });
    if (!n)
        return n.error();
    return n->toLongLong() > 0;
}

Result<std::optional<QStringList>> AccountStore::aliasTargets(const QString& address) const
{
    Result<QSqlQuery> q = run(m_db,
        QStringLiteral("SELECT t.target FROM aliases a LEFT JOIN alias_targets t ON t.alias_id = "
                       "a.id WHERE a.address = ? ORDER BY t.position"),
        { address });
    if (!q)
        return q.error();
    std::optional<QStringList> targets;
    while (q->next()) {
        if (!targets)
            targets.emplace();
        if (!q->value(0).isNull())
            targets->append(q->value(0).toString());
    }
    return targets;
}

Result<QStringList> AccountStore::aliasesTargeting(const QString& address) const
{
    Result<QSqlQuery> q = run(m_db,
        QStringLiteral("SELECT DISTINCT a.address FROM alias_targets t JOIN aliases a ON a.id = "
                       "t.alias_id WHERE t.target = ? ORDER BY a.address"),
        { address });
    if (!q)
        return q.error();
    QStringList aliases;
    while (q->next())
        aliases << q->value(0).toString();
    return aliases;
}

Result<void> AccountStore::refuseTakenAddress(const QString& address) const
{
    Result<bool> isMailbox = mailboxExists(address);
    if (!isMailbox)
        return isMailbox.error();
    if (*isMailbox)
        return Error::exists(QStringLiteral("a mailbox %1 already exists: choose another address").arg(address));
    Result<std::optional<QStringList>> targets = aliasTargets(address);
    if (!targets)
        return targets.error();
    if (targets->has_value()) {
        return Error::exists(QStringLiteral("%1 is already an alias (for %2): remove the alias first or choose "
                                            "another address")
                                 .arg(address, (*targets)->join(QStringLiteral(", "))));
    }
    return {};
}

// ---- domains ----

Result<Domain> AccountStore::addDomain(const QString& name)
{
    Result<DomainName> parsed = parseDomain(name, QStringLiteral("domain"));
    if (!parsed)
        return parsed.error();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<QVariant> n = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM domains WHERE name = ? OR ace = ?"),
        { parsed->unicode, parsed->ace });
    if (!n)
        return n.error();
    if (n->toLongLong() > 0)
        return Error::exists(QStringLiteral("the domain %1 already exists; `tegamictl domain list` lists the local domains").arg(parsed->unicode));
    const QDateTime now = m_clock.now();
    Result<QSqlQuery> q = run(m_db, QStringLiteral("INSERT INTO domains (name, ace, created) VALUES (?, ?, ?)"),
        { parsed->unicode, parsed->ace, sqlsupport::toStoredTime(now) });
    if (!q)
        return q.error();
    const qint64 id = q->lastInsertId().toLongLong();
    if (Result<void> r = tx.commit(); !r)
        return r.error();
    return Domain { id, parsed->unicode, parsed->ace, sqlsupport::fromStoredTime(sqlsupport::toStoredTime(now)) };
}

Result<void> AccountStore::removeDomain(const QString& name)
{
    Result<QString> domain = normaliseDomain(name, QStringLiteral("domain"));
    if (!domain)
        return domain.error();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<qint64> id = domainId(*domain);
    if (!id) {
        if (id.error().code == ErrorCode::NotFound) {
            return Error::notFound(QStringLiteral("there is no domain %1: `tegamictl domain list` shows the local "
                                                  "domains")
                                       .arg(*domain));
        }
        return id.error();
    }
    Result<QVariant> mailboxes
        = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM mailboxes WHERE domain_id = ?"), { *id });
    if (!mailboxes)
        return mailboxes.error();
    Result<QVariant> aliases
        = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM aliases WHERE domain_id = ?"), { *id });
    if (!aliases)
        return aliases.error();
    const qint64 nm = mailboxes->toLongLong();
    const qint64 na = aliases->toLongLong();
    if (nm > 0 || na > 0) {
        QStringList parts;
        if (nm > 0)
            parts << counted(nm, "mailbox", "mailboxes");
        if (na > 0)
            parts << counted(na, "alias", "aliases");
        return Error::invalid(QStringLiteral("domain"),
            QStringLiteral("the domain %1 still has %2: remove them first, then the domain")
                .arg(*domain, parts.join(QStringLiteral(" and "))));
    }
    if (Result<QSqlQuery> q = run(m_db, QStringLiteral("DELETE FROM domains WHERE id = ?"), { *id }); !q)
        return q.error();
    return tx.commit();
}

Result<QList<Domain>> AccountStore::listDomains() const
{
    Result<QSqlQuery> q = run(m_db, QStringLiteral("SELECT id, name, ace, created FROM domains ORDER BY name"));
    if (!q)
        return q.error();
    QList<Domain> domains;
    while (q->next()) {
        domains.append(Domain { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            sqlsupport::fromStoredTime(q->value(3)) });
    }
    return domains;
}

bool AccountStore::isLocalDomain(const QString& domain) const
{
    Result<QString> name = normaliseDomain(domain);
    if (!name)
        return false;
    Result<qint64> id = domainId(*name);
    if (!id && id.error().code != ErrorCode::NotFound)
        qCWarning(lcAccounts) << "cannot look up a domain:" << id.error().toString();
    return id.ok();
}

} // namespace tegami
