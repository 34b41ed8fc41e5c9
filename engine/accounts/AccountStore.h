#pragma once

#include "accounts/AccountTypes.h"
#include "accounts/EmailAddress.h"
#include "accounts/PasswordHasher.h"
#include "core/Clock.h"
#include "core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace tegami {

// A mailbox together with its stored password hash: only for the Authenticator.
struct MailboxCredentials {
    Mailbox mailbox;
    QString passwordHash;
};

// Domains, mailboxes and aliases in one SQLite file (WAL, foreign keys on, schema version
// in PRAGMA user_version). Every address argument may be typed in any case and with a
// Unicode or ACE domain; results carry the normalised form. Errors are InvalidArgument
// (with the field at fault), NotFound, AlreadyExists or Io, each with a message that says
// what to do. One instance per thread: the connection belongs to the creating thread.
class AccountStore {
public:
    // Opens (creating when missing) the database at `path` and migrates it to the current
    // schema. `hasher` hashes new passwords; `clock` stamps creation times.
    static Result<std::unique_ptr<AccountStore>> open(
        const QString& path, PasswordHasher hasher = PasswordHasher(), const Clock& clock = Clock::system());
    ~AccountStore();
    AccountStore(const AccountStore&) = delete;
    AccountStore& operator=(const AccountStore&) = delete;

    QString path() const { return m_path; }
    const PasswordHasher& hasher() const { return m_hasher; }

    // Domains
    Result<Domain> addDomain(const QString& name);
    // Refused while mailboxes or aliases use the domain; the error says how many.
    Result<void> removeDomain(const QString& name);
    Result<QList<Domain>> listDomains() const;
    // False for unknown or malformed domains (and on a database error, which is logged).
    bool isLocalDomain(const QString& domain) const;

    // Mailboxes
    Result<Mailbox> addMailbox(const NewMailbox& mailbox);
    // All mailboxes, or those of one domain when `domain` is not empty.
    Result<QList<Mailbox>> listMailboxes(const QString& domain = {}) const;
    Result<Mailbox> findMailbox(const QString& address) const;
    Result<void> setPassword(const QString& address, const QString& password);
    Result<Mailbox> updateMailbox(const QString& address, const MailboxChanges& changes);
    // Refused while an alias forwards to the mailbox; the error names the aliases.
    Result<void> removeMailbox(const QString& address);

    // Aliases. Targets may be local mailboxes, local aliases or addresses in other domains;
    // a target in a local domain must already exist, so a typo is caught here and not at
    // delivery time. Changes that would create a loop or nest deeper than maxAliasDepth
    // are refused.
    Result<Alias> addAlias(const QString& address, const QStringList& targets);
    Result<Alias> setAliasTargets(const QString& address, const QStringList& targets);
    Result<QList<Alias>> listAliases(const QString& domain = {}) const;
    Result<Alias> findAlias(const QString& address) const;
    // Refused while another alias forwards to this one.
    Result<void> removeAlias(const QString& address);

    // Where mail for `address` goes: a mailbox is itself; an alias expands recursively.
    // Branches that cannot be followed (a loop, a dangling local target, the depth limit)
    // are skipped and described in `notes`. NotFound when the address is neither a
    // mailbox nor an alias (including addresses in domains that are not local: relaying
    // is the SMTP policy's decision, not an expansion result), or when nothing is left.
    Result<ResolvedRecipients> resolveRecipient(const QString& address) const;

    // For the Authenticator: the mailbox with its hash, NotFound when there is none.
    Result<MailboxCredentials> findCredentials(const EmailAddress& address) const;
    // Replaces the hash only if it is still `oldHash`, so an upgrade to new Argon2
    // parameters after a login never overwrites a password changed in between.
    Result<void> upgradePasswordHash(qint64 mailboxId, const QString& oldHash, const QString& newHash);

private:
    AccountStore(QString path, QString connectionName, PasswordHasher hasher, const Clock& clock);

    Result<qint64> domainId(const QString& domainName) const; // NotFound when not local
    Result<bool> mailboxExists(const QString& address) const;
    Result<std::optional<QStringList>> aliasTargets(const QString& address) const;
    Result<QStringList> aliasesTargeting(const QString& address) const;
    // Refuses removing `key` while aliases point to it (their names are in the message).
    Result<void> refuseWhileTargeted(const QString& key, const QString& subject) const;
    Result<Mailbox> findMailboxNormalised(const QString& address) const;
    Result<Alias> findAliasNormalised(const QString& address) const;
    Result<QStringList> normaliseTargets(const EmailAddress& alias, const QStringList& targets) const;
    Result<void> writeAliasTargets(qint64 aliasId, const QStringList& targets);
    Result<void> checkAllAliasesExpand() const;
    Result<ResolvedRecipients> expand(const QString& address, bool strict) const;
    Result<void> refuseTakenAddress(const QString& address) const;

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    PasswordHasher m_hasher;
    const Clock& m_clock;
};

} // namespace tegami
