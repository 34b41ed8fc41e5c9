// AccountStore: aliases and recipient resolution.
#include "accounts/AccountStore.h"
#include "accounts/SqlSupport.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace tegami {

using sqlsupport::run;
using sqlsupport::WriteTransaction;

namespace {

QString domainOf(const QString& normalisedAddress)
{
    return normalisedAddress.mid(normalisedAddress.lastIndexOf(QLatin1Char('@')) + 1);
}

QString arrowPath(const QStringList& path)
{
    return path.join(QStringLiteral(" → "));
}

} // namespace

Result<Alias> AccountStore::findAliasNormalised(const QString& address) const
{
    Result<QSqlQuery> q
        = run(m_db, QStringLiteral("SELECT id, address, created FROM aliases WHERE address = ?"), { address });
    if (!q)
        return q.error();
    if (!q->next()) {
        return Error::notFound(
            QStringLiteral("there is no alias %1: `tegamictl alias list` shows the aliases").arg(address));
    }
    Alias alias { q->value(0).toLongLong(), q->value(1).toString(), {}, sqlsupport::fromStoredTime(q->value(2)) };
    Result<std::optional<QStringList>> targets = aliasTargets(address);
    if (!targets)
        return targets.error();
    alias.targets = targets->value_or(QStringList());
    return alias;
}

Result<QStringList> AccountStore::normaliseTargets(const EmailAddress& alias, const QStringList& targets) const
{
    const QString field = QStringLiteral("targets");
    if (targets.isEmpty()) {
        return Error::invalid(
            field, QStringLiteral("the alias %1 needs at least one target address").arg(alias.toString()));
    }
    if (targets.size() > maxAliasTargets) {
        return Error::invalid(field,
            QStringLiteral("the alias %1 has %2 targets; the limit is %3")
                .arg(alias.toString())
                .arg(targets.size())
                .arg(maxAliasTargets));
    }
    QStringList out;
    for (const QString& raw : targets) {
        Result<EmailAddress> target = parseAddress(raw, field);
        if (!target)
            return target.error();
        const QString key = target->toString();
        if (key == alias.toString())
            return Error::invalid(field, QStringLiteral("the alias %1 cannot forward to itself").arg(key));
        if (out.contains(key))
            continue;
        Result<qint64> localDomain = domainId(target->domain);
        if (!localDomain && localDomain.error().code != ErrorCode::NotFound)
            return localDomain.error();
        if (localDomain) {
            Result<bool> isMailbox = mailboxExists(key);
            if (!isMailbox)
                return isMailbox.error();
            Result<std::optional<QStringList>> isAlias = aliasTargets(key);
            if (!isAlias)
                return isAlias.error();
            if (!*isMailbox && !isAlias->has_value()) {
                return Error::invalid(field,
                    QStringLiteral("the target %1 is in the local domain %2 but there is no "
                                   "mailbox or alias with that address: add it first or "
                                   "check the spelling")
                        .arg(key, target->domain));
            }
        }
        out << key;
    }
    return out;
}

Result<void> AccountStore::writeAliasTargets(qint64 aliasId, const QStringList& targets)
{
    if (Result<QSqlQuery> q = run(m_db, QStringLiteral("DELETE FROM alias_targets WHERE alias_id = ?"), { aliasId });
        !q)
        return q.error();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        Result<QSqlQuery> q
            = run(m_db, QStringLiteral("INSERT INTO alias_targets (alias_id, position, target) VALUES (?, ?, ?)"),
                { aliasId, static_cast<qint64>(i), targets[i] });
        if (!q)
            return q.error();
    }
    return {};
}

Result<ResolvedRecipients> AccountStore::expand(const QString& address, bool strict) const
{
    ResolvedRecipients out;
    QSet<QString> seen;
    QStringList path;
    std::optional<Error> structural; // loops and limits: what strict mode refuses

    std::function<Result<void>(const QString&)> visit = [&](const QString& addr) -> Result<void> {
        if (path.contains(addr)) {
            const QString loop = QStringLiteral("loop: %1").arg(arrowPath(path + QStringList { addr }));
            out.notes << loop;
            if (!structural)
                structural = Error::invalid(
                    QStringLiteral("targets"), QStringLiteral("this would make an alias loop (%1)").arg(loop));
            return {};
        }
        if (seen.contains(addr))
            return {}; // reached again by another branch: deliver once
        seen.insert(addr);
        if (out.local.size() + out.remote.size() >= maxExpandedRecipients) {
            const QString note
                = QStringLiteral("stopped at %1: more than %2 recipients").arg(addr).arg(maxExpandedRecipients);
            out.notes << note;
            if (!structural)
                structural = Error::invalid(QStringLiteral("targets"),
                    QStringLiteral("the aliases would expand to "
                                   "more than %1 recipients")
                        .arg(maxExpandedRecipients));
            return {};
        }
        Result<bool> isMailbox = mailboxExists(addr);
        if (!isMailbox)
            return isMailbox.error();
        if (*isMailbox) {
            out.local << addr;
            return {};
        }
        Result<std::optional<QStringList>> targets = aliasTargets(addr);
        if (!targets)
            return targets.error();
        if (targets->has_value()) {
            if (path.size() >= maxAliasDepth) {
                const QString chain = arrowPath(path + QStringList { addr });
                out.notes << QStringLiteral("not expanded: aliases nest deeper than %1 levels (%2)")
                                 .arg(maxAliasDepth)
                                 .arg(chain);
                if (!structural) {
                    structural = Error::invalid(QStringLiteral("targets"),
                        QStringLiteral("aliases would nest deeper than %1 levels (%2)").arg(maxAliasDepth).arg(chain));
                }
                return {};
            }
            path.append(addr);
            for (const QString& target : **targets) {
                if (Result<void> r = visit(target); !r)
                    return r;
            }
            path.removeLast();
            return {};
        }
        Result<qint64> localDomain = domainId(domainOf(addr));
        if (!localDomain && localDomain.error().code != ErrorCode::NotFound)
            return localDomain.error();
        if (localDomain) {
            // Possible when a target's domain became local after the alias was made.
            out.notes << QStringLiteral("skipped %1: it is in a local domain but is neither a mailbox nor an alias")
                             .arg(addr);
        } else {
            out.remote << addr;
        }
        return {};
    };

    if (Result<void> r = visit(address); !r)
        return r.error();
    if (strict && structural)
        return *structural;
    return out;
}

Result<void> AccountStore::checkAllAliasesExpand() const
{
    Result<QSqlQuery> q = run(m_db, QStringLiteral("SELECT address FROM aliases ORDER BY address"));
    if (!q)
        return q.error();
    QStringList aliases;
    while (q->next())
        aliases << q->value(0).toString();
    for (const QString& alias : aliases) {
        Result<ResolvedRecipients> r = expand(alias, true);
        if (!r)
            return r.error();
    }
    return {};
}

Result<Alias> AccountStore::addAlias(const QString& address, const QStringList& targets)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<qint64> domain = domainId(parsed->domain);
    if (!domain) {
        if (domain.error().code == ErrorCode::NotFound) {
            return Error::invalid(QStringLiteral("address"),
                QStringLiteral("an alias must be in a local domain and %1 is not one: add it first "
                               "with `tegamictl domain add %1`")
                    .arg(parsed->domain));
        }
        return domain.error();
    }
    if (Result<void> free = refuseTakenAddress(key); !free)
        return free.error();
    Result<QStringList> normalised = normaliseTargets(*parsed, targets);
    if (!normalised)
        return normalised.error();
    Result<QSqlQuery> q
        = run(m_db, QStringLiteral("INSERT INTO aliases (domain_id, address, created) VALUES (?, ?, ?)"),
            { *domain, key, sqlsupport::toStoredTime(m_clock.now()) });
    if (!q)
        return q.error();
    if (Result<void> r = writeAliasTargets(q->lastInsertId().toLongLong(), *normalised); !r)
        return r.error();
    // A new alias cannot close a loop (nothing points to it yet) but can be one level too deep.
    if (Result<ResolvedRecipients> r = expand(key, true); !r)
        return r.error();
    Result<Alias> created = findAliasNormalised(key);
    if (!created)
        return created.error();
    if (Result<void> r = tx.commit(); !r)
        return r.error();
    return created;
}

Result<Alias> AccountStore::setAliasTargets(const QString& address, const QStringList& targets)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<Alias> existing = findAliasNormalised(key);
    if (!existing)
        return existing.error();
    Result<QStringList> normalised = normaliseTargets(*parsed, targets);
    if (!normalised)
        return normalised.error();
    if (Result<void> r = writeAliasTargets(existing->id, *normalised); !r)
        return r.error();
    // Other aliases may lead through this one, so check them all (small offices have few).
    if (Result<void> r = checkAllAliasesExpand(); !r)
        return r.error();
    Result<Alias> updated = findAliasNormalised(key);
    if (!updated)
        return updated.error();
    if (Result<void> r = tx.commit(); !r)
        return r.error();
    return updated;
}

Result<QList<Alias>> AccountStore::listAliases(const QString& domain) const
{
    QString sql = QStringLiteral("SELECT id, address, created FROM aliases");
    QVariantList binds;
    if (!domain.isEmpty()) {
        Result<QString> name = normaliseDomain(domain, QStringLiteral("domain"));
        if (!name)
            return name.error();
        Result<qint64> id = domainId(*name);
        if (!id)
            return id.error();
        sql += QStringLiteral(" WHERE domain_id = ?");
        binds << *id;
    }
    sql += QStringLiteral(" ORDER BY address");
    Result<QSqlQuery> q = run(m_db, sql, binds);
    if (!q)
        return q.error();
    QList<Alias> aliases;
    QHash<qint64, qsizetype> indexById;
    while (q->next()) {
        indexById.insert(q->value(0).toLongLong(), aliases.size());
        aliases.append(
            Alias { q->value(0).toLongLong(), q->value(1).toString(), {}, sqlsupport::fromStoredTime(q->value(2)) });
    }
    Result<QSqlQuery> t
        = run(m_db, QStringLiteral("SELECT alias_id, target FROM alias_targets ORDER BY alias_id, position"));
    if (!t)
        return t.error();
    while (t->next()) {
        const auto it = indexById.constFind(t->value(0).toLongLong());
        if (it != indexById.constEnd())
            aliases[*it].targets << t->value(1).toString();
    }
    return aliases;
}

Result<Alias> AccountStore::findAlias(const QString& address) const
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    return findAliasNormalised(parsed->toString());
}

Result<void> AccountStore::refuseWhileTargeted(const QString& key, const QString& subject) const
{
    Result<QStringList> referrers = aliasesTargeting(key);
    if (!referrers)
        return referrers.error();
    if (referrers->isEmpty())
        return {};
    return Error::invalid(QStringLiteral("address"),
        QStringLiteral("%1 is a target of the alias%2 %3: change or remove %4 first")
            .arg(subject, referrers->size() == 1 ? QString() : QStringLiteral("es"), referrers->join(QStringLiteral(", ")),
                referrers->size() == 1 ? QStringLiteral("it") : QStringLiteral("them")));
}

Result<void> AccountStore::removeAlias(const QString& address)
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    WriteTransaction tx(m_db);
    if (Result<void> r = tx.begin(); !r)
        return r.error();
    Result<Alias> existing = findAliasNormalised(key);
    if (!existing)
        return existing.error();
    if (Result<void> free = refuseWhileTargeted(key, QStringLiteral("the alias ") + key); !free)
        return free;
    if (Result<QSqlQuery> q = run(m_db, QStringLiteral("DELETE FROM aliases WHERE id = ?"), { existing->id }); !q)
        return q.error();
    return tx.commit();
}

Result<ResolvedRecipients> AccountStore::resolveRecipient(const QString& address) const
{
    Result<EmailAddress> parsed = parseAddress(address, QStringLiteral("address"));
    if (!parsed)
        return parsed.error();
    const QString key = parsed->toString();
    Result<qint64> localDomain = domainId(parsed->domain);
    if (!localDomain) {
        if (localDomain.error().code == ErrorCode::NotFound)
            return Error::notFound(QStringLiteral("%1 is not in a local domain").arg(key));
        return localDomain.error();
    }
    Result<bool> isMailbox = mailboxExists(key);
    if (!isMailbox)
        return isMailbox.error();
    Result<std::optional<QStringList>> isAlias = aliasTargets(key);
    if (!isAlias)
        return isAlias.error();
    if (!*isMailbox && !isAlias->has_value())
        return Error::notFound(QStringLiteral("there is no mailbox or alias %1").arg(key));
    Result<ResolvedRecipients> resolved = expand(key, false);
    if (!resolved)
        return resolved.error();
    if (resolved->local.isEmpty() && resolved->remote.isEmpty()) {
        return Error::notFound(QStringLiteral("the alias %1 leads to no deliverable address (%2)")
                                   .arg(key, resolved->notes.join(QStringLiteral("; "))));
    }
    return resolved;
}

} // namespace tegami
