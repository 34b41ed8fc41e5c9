// Control API: domains, mailboxes, aliases and login security.
#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "accounts/PasswordHasher.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "store/MailStore.h"

#include <QJsonArray>

namespace tegami {

namespace {

template <typename T> QJsonArray toJsonArray(const QList<T>& items)
{
    QJsonArray out;
    for (const T& item : items)
        out.append(item.toJson());
    return out;
}

// A mailbox with its usage from the store (mail size and count).
QJsonObject mailboxJson(Engine& engine, const Mailbox& m)
{
    QJsonObject o = m.toJson();
    if (const Result<Usage> u = engine.store().usage(m.address); u) {
        o.insert(QStringLiteral("usageBytes"), u->bytes);
        o.insert(QStringLiteral("messages"), u->messages);
    }
    return o;
}

Result<std::optional<ProtocolSet>> protocolsParam(const QJsonObject& params)
{
    Params p(params);
    const std::optional<QStringList> names = p.optionalStringList(QStringLiteral("protocols"));
    if (!p.ok())
        return p.error();
    if (!names)
        return std::optional<ProtocolSet>();
    Result<ProtocolSet> set = ProtocolSet::fromNames(*names);
    if (!set)
        return set.error();
    return std::optional<ProtocolSet>(*set);
}

// A new mailbox's POP3 and IMAP options: those in the request, else the defaults of the
// settings (pop3.defaultScope, pop3.defaultAfterRetrieval, imap.defaultAutoExpunge,
// imap.defaultDeleteAction). Checked before the mailbox is made, so a bad value adds nothing.
Result<MailboxChanges> newMailboxOptions(const QJsonObject& params, const Settings& settings)
{
    Params p(params);
    const QString scope
        = p.optionalString(QStringLiteral("popScope")).value_or(settings.string(QStringLiteral("pop3.defaultScope")));
    const QString after = p.optionalString(QStringLiteral("popAfterRetrieval"))
                              .value_or(settings.string(QStringLiteral("pop3.defaultAfterRetrieval")));
    const bool autoExpunge = p.optionalBool(QStringLiteral("imapAutoExpunge"))
                                 .value_or(settings.boolean(QStringLiteral("imap.defaultAutoExpunge")));
    const QString deleteAction = p.optionalString(QStringLiteral("imapDeleteAction"))
                                     .value_or(settings.string(QStringLiteral("imap.defaultDeleteAction")));
    if (!p.ok())
        return p.error();
    MailboxChanges c;
    c.popScope = popScopeFromName(scope);
    if (!c.popScope)
        return Error::invalid(QStringLiteral("popScope"),
            QStringLiteral("use all (every message) or new (mail that arrives from now on)"));
    c.popAfterRetrieval = popAfterRetrievalFromName(after);
    if (!c.popAfterRetrieval)
        return Error::invalid(QStringLiteral("popAfterRetrieval"), QStringLiteral("use keep, read, archive or delete"));
    c.imapAutoExpunge = autoExpunge;
    c.imapDeleteAction = imapDeleteActionFromName(deleteAction);
    if (!c.imapDeleteAction)
        return Error::invalid(QStringLiteral("imapDeleteAction"),
            QStringLiteral("use trash (move to Trash), archive (move to Archive) or delete"));
    return c;
}

} // namespace

void registerAccountMethods(ControlServer& server, Engine& engine)
{
    // Each call looks the store up: a restore (backup.restore) reopens it.
    server.registerMethod(
        QStringLiteral("domain.add"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString name = p.requiredString(QStringLiteral("name"));
            if (!p.ok())
                return p.error();
            Result<Domain> d = engine.accounts().addDomain(name);
            if (!d) {
                // Name the field as the caller sent it, so a form can show the error there.
                Error e = d.error();
                if (e.field == QLatin1String("domain"))
                    e.field = QStringLiteral("name");
                return e;
            }
            return QJsonValue(d->toJson());
        },
        QStringLiteral("Accept mail for a domain: {name}"));

    server.registerMethod(
        QStringLiteral("domain.list"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            Result<QList<Domain>> domains = engine.accounts().listDomains();
            if (!domains)
                return domains.error();
            QJsonArray out;
            for (const Domain& d : *domains) {
                QJsonObject o = d.toJson();
                const Result<QList<Mailbox>> m = engine.accounts().listMailboxes(d.name);
                const Result<QList<Alias>> a = engine.accounts().listAliases(d.name);
                o.insert(QStringLiteral("mailboxes"), m ? m->size() : 0);
                o.insert(QStringLiteral("aliases"), a ? a->size() : 0);
                out.append(o);
            }
            return QJsonValue(out);
        },
        QStringLiteral("Local domains with their mailbox and alias counts"));

    server.registerMethod(
        QStringLiteral("domain.remove"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString name = p.requiredString(QStringLiteral("name"));
            if (!p.ok())
                return p.error();
            if (Result<void> r = engine.accounts().removeDomain(name); !r)
                return r.error();
            return QJsonValue(true);
        },
        QStringLiteral("Stop accepting mail for a domain (refused while mailboxes or aliases use it): {name}"));

    server.registerMethod(
        QStringLiteral("user.add"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            NewMailbox m;
            m.address = p.requiredString(QStringLiteral("address"));
            m.password = p.requiredString(QStringLiteral("password"));
            m.displayName = p.optionalString(QStringLiteral("displayName")).value_or(QString());
            m.quotaBytes
                = p.optionalInt(QStringLiteral("quotaBytes"), 0, std::numeric_limits<qint64>::max()).value_or(0);
            m.admin = p.optionalBool(QStringLiteral("admin")).value_or(false);
            m.enabled = p.optionalBool(QStringLiteral("enabled")).value_or(true);
            if (!p.ok())
                return p.error();
            Result<std::optional<ProtocolSet>> protocols = protocolsParam(params);
            if (!protocols)
                return protocols.error();
            if (*protocols)
                m.protocols = **protocols;
            Result<MailboxChanges> options = newMailboxOptions(params, engine.settings());
            if (!options)
                return options.error();
            Result<Mailbox> added = engine.accounts().addMailbox(m);
            if (!added)
                return added.error();
            Result<Mailbox> updated = engine.accounts().updateMailbox(added->address, *options);
            if (!updated) {
                (void)engine.accounts().removeMailbox(added->address);
                return updated.error();
            }
            added = std::move(updated);
            // The folders (INBOX, Sent, Drafts, Trash, Junk, Archive) exist from the start, so
            // a client's first login finds them.
            if (Result<void> folders = engine.store().ensureOwner(added->address); !folders) {
                (void)engine.accounts().removeMailbox(added->address);
                return Error::io(QStringLiteral("could not create the folders of %1: %2")
                                     .arg(added->address, folders.error().message));
            }
            return QJsonValue(mailboxJson(engine, *added));
        },
        QStringLiteral(
            "Create a mailbox: {address, password, displayName?, quotaBytes?, protocols?, admin?, enabled?, popScope?, "
            "popAfterRetrieval?, imapAutoExpunge?, imapDeleteAction?} (the options default to pop3.default* and "
            "imap.default*)"));

    server.registerMethod(
        QStringLiteral("user.list"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString domain = p.optionalString(QStringLiteral("domain")).value_or(QString());
            if (!p.ok())
                return p.error();
            Result<QList<Mailbox>> list = engine.accounts().listMailboxes(domain);
            if (!list)
                return list.error();
            QJsonArray out;
            for (const Mailbox& m : *list)
                out.append(mailboxJson(engine, m));
            return QJsonValue(out);
        },
        QStringLiteral("Mailboxes, optionally of one domain: {domain?}"));

    server.registerMethod(
        QStringLiteral("user.passwd"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            const QString password = p.requiredString(QStringLiteral("password"));
            if (!p.ok())
                return p.error();
            if (Result<void> r = engine.accounts().setPassword(address, password); !r)
                return r.error();
            return QJsonValue(true);
        },
        QStringLiteral("Set a mailbox's password: {address, password}"));

    server.registerMethod(
        QStringLiteral("user.remove"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            if (!p.ok())
                return p.error();
            Result<Mailbox> mailbox = engine.accounts().findMailbox(address);
            if (!mailbox)
                return mailbox.error();
            if (Result<void> r = engine.accounts().removeMailbox(address); !r)
                return r.error();
            // Its mail goes with it, so an account created later with this address starts empty.
            if (Result<void> r = engine.store().removeOwner(mailbox->address); !r)
                return Error::io(QStringLiteral("the mailbox %1 was removed, but its mail could not be deleted: %2")
                                     .arg(mailbox->address, r.error().message));
            return QJsonValue(true);
        },
        QStringLiteral("Delete a mailbox and its mail: {address}"));

    server.registerMethod(
        QStringLiteral("user.set"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            MailboxChanges c;
            c.enabled = p.optionalBool(QStringLiteral("enabled"));
            c.admin = p.optionalBool(QStringLiteral("admin"));
            c.quotaBytes = p.optionalInt(QStringLiteral("quotaBytes"), 0, std::numeric_limits<qint64>::max());
            c.displayName = p.optionalString(QStringLiteral("displayName"));
            const std::optional<QString> popScope = p.optionalString(QStringLiteral("popScope"));
            const std::optional<QString> popAfter = p.optionalString(QStringLiteral("popAfterRetrieval"));
            c.imapAutoExpunge = p.optionalBool(QStringLiteral("imapAutoExpunge"));
            const std::optional<QString> imapDelete = p.optionalString(QStringLiteral("imapDeleteAction"));
            if (!p.ok())
                return p.error();
            if (imapDelete) {
                c.imapDeleteAction = imapDeleteActionFromName(*imapDelete);
                if (!c.imapDeleteAction)
                    return Error::invalid(QStringLiteral("imapDeleteAction"),
                        QStringLiteral("use trash (move to Trash), archive (move to Archive) or delete"));
            }
            if (popScope) {
                c.popScope = popScopeFromName(*popScope);
                if (!c.popScope)
                    return Error::invalid(QStringLiteral("popScope"),
                        QStringLiteral("must be all (every message) or new (mail that arrives from now on)"));
            }
            if (popAfter) {
                c.popAfterRetrieval = popAfterRetrievalFromName(*popAfter);
                if (!c.popAfterRetrieval)
                    return Error::invalid(
                        QStringLiteral("popAfterRetrieval"), QStringLiteral("must be keep, read, archive or delete"));
            }
            Result<std::optional<ProtocolSet>> protocols = protocolsParam(params);
            if (!protocols)
                return protocols.error();
            c.protocols = *protocols;
            if (c.isEmpty())
                return Error::invalid(QStringLiteral("address"),
                    QStringLiteral("nothing to change: give enabled, protocols, quotaBytes, displayName, admin, "
                                   "popScope, popAfterRetrieval, imapAutoExpunge or imapDeleteAction"));
            Result<Mailbox> m = engine.accounts().updateMailbox(address, c);
            if (!m)
                return m.error();
            return QJsonValue(mailboxJson(engine, *m));
        },
        QStringLiteral(
            "Change a mailbox: {address, enabled?, protocols?, quotaBytes?, displayName?, admin?, popScope? "
            "(all|new), popAfterRetrieval? (keep|read|archive|delete), imapAutoExpunge? (bool), imapDeleteAction? "
            "(trash|archive|delete)}"));

    server.registerMethod(
        QStringLiteral("alias.add"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            const QStringList targets = p.requiredStringList(QStringLiteral("targets"));
            if (!p.ok())
                return p.error();
            Result<Alias> a = engine.accounts().addAlias(address, targets);
            if (!a)
                return a.error();
            return QJsonValue(a->toJson());
        },
        QStringLiteral("Forward an address to one or more targets: {address, targets}"));

    server.registerMethod(
        QStringLiteral("alias.list"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString domain = p.optionalString(QStringLiteral("domain")).value_or(QString());
            if (!p.ok())
                return p.error();
            Result<QList<Alias>> list = engine.accounts().listAliases(domain);
            if (!list)
                return list.error();
            return QJsonValue(toJsonArray(*list));
        },
        QStringLiteral("Aliases, optionally of one domain: {domain?}"));

    server.registerMethod(
        QStringLiteral("alias.remove"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            if (!p.ok())
                return p.error();
            if (Result<void> r = engine.accounts().removeAlias(address); !r)
                return r.error();
            return QJsonValue(true);
        },
        QStringLiteral("Delete an alias: {address}"));

    server.registerMethod(
        QStringLiteral("security.bans"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            const LoginThrottle& t = engine.authenticator().throttle();
            return QJsonValue(QJsonObject { { QStringLiteral("bans"), toJsonArray(t.bans()) },
                { QStringLiteral("recentFailures"), toJsonArray(t.recentFailures()) } });
        },
        QStringLiteral("Current bans and recent failed logins"));

    server.registerMethod(
        QStringLiteral("security.unban"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString key = p.requiredString(QStringLiteral("key"));
            if (!p.ok())
                return p.error();
            if (Result<void> r = engine.authenticator().throttle().unban(key); !r)
                return r.error();
            return QJsonValue(true);
        },
        QStringLiteral("Lift the ban on an address or account: {key}"));

    server.registerMethod(
        QStringLiteral("security.ban"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString address = p.requiredString(QStringLiteral("address"));
            const qint64 secs = p.optionalInt(QStringLiteral("seconds"), 1, 365LL * 24 * 3600).value_or(24 * 3600);
            const QString reason = p.optionalString(QStringLiteral("reason")).value_or(QString());
            if (!p.ok())
                return p.error();
            Result<Ban> b = engine.authenticator().throttle().ban(address, secs, reason);
            if (!b)
                return b.error();
            return QJsonValue(b->toJson());
        },
        QStringLiteral("Ban a remote address: {address, seconds?, reason?}"));
}

} // namespace tegami
