#include "Commands.h"

#include "service/ControlClient.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <functional>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

std::optional<QJsonArray> protocolList(const QString& text)
{
    QJsonArray out;
    for (const QString& p : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.append(p.trimmed().toLower());
    return out;
}

int cmdStatus(Context& ctx)
{
    return call(ctx, QStringLiteral("status"), {}, [](const QJsonValue& v) { printStatus(v.toObject()); });
}

int cmdDomainAdd(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl domain add DOMAIN"));
    return call(
        ctx, QStringLiteral("domain.add"), { { QStringLiteral("name"), ctx.cl.word(2) } }, [](const QJsonValue& v) {
            std::printf("Added domain %s\n", qPrintable(v.toObject().value(QStringLiteral("name")).toString()));
        });
}

int cmdDomainList(Context& ctx)
{
    return call(ctx, QStringLiteral("domain.list"), {}, [](const QJsonValue& v) { printDomains(v.toArray()); });
}

int cmdDomainRemove(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl domain remove DOMAIN"));
    return call(ctx, QStringLiteral("domain.remove"), { { QStringLiteral("name"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Removed domain %s\n", qPrintable(ctx.cl.word(2))); });
}

// Options shared by `user add` and `user set`.
std::optional<QJsonObject> userOptions(const CommandLine& cl, QString* error)
{
    QJsonObject params;
    if (cl.has(QStringLiteral("--name")))
        params.insert(QStringLiteral("displayName"), cl.option(QStringLiteral("--name")));
    if (cl.has(QStringLiteral("--quota"))) {
        const std::optional<qint64> q = parseSize(cl.option(QStringLiteral("--quota")));
        if (!q) {
            *error = QStringLiteral("--quota takes a size such as 500M, 2G or unlimited");
            return std::nullopt;
        }
        params.insert(QStringLiteral("quotaBytes"), *q);
    }
    if (cl.has(QStringLiteral("--protocols")))
        params.insert(QStringLiteral("protocols"), *protocolList(cl.option(QStringLiteral("--protocols"))));
    if (cl.has(QStringLiteral("--pop-scope")))
        params.insert(QStringLiteral("popScope"), cl.option(QStringLiteral("--pop-scope")));
    if (cl.has(QStringLiteral("--pop-after")))
        params.insert(QStringLiteral("popAfterRetrieval"), cl.option(QStringLiteral("--pop-after")));
    if (cl.has(QStringLiteral("--imap-delete")))
        params.insert(QStringLiteral("imapDeleteAction"), cl.option(QStringLiteral("--imap-delete")));
    for (const char* flag : { "--enabled", "--admin", "--imap-auto-expunge" }) {
        const QString name = QString::fromLatin1(flag);
        if (!cl.has(name))
            continue;
        const QString v = cl.option(name).toLower();
        if (v != QLatin1String("true") && v != QLatin1String("false") && v != QLatin1String("yes")
            && v != QLatin1String("no")) {
            *error = QStringLiteral("%1 takes true or false").arg(name);
            return std::nullopt;
        }
        const QString key
            = name == QLatin1String("--imap-auto-expunge") ? QStringLiteral("imapAutoExpunge") : name.mid(2);
        params.insert(key, v == QLatin1String("true") || v == QLatin1String("yes"));
    }
    return params;
}

int cmdUserAdd(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral(
            "usage: tegamictl user add ADDRESS [--name NAME] [--quota SIZE] [--protocols LIST] [--admin true]"));
    QString error;
    std::optional<QJsonObject> params = userOptions(ctx.cl, &error);
    if (!params)
        return usageError(error);
    const std::optional<QString> password
        = readPassword(ctx.cl, QStringLiteral("Password for %1: ").arg(ctx.cl.word(2)));
    if (!password)
        return usageError(QStringLiteral(
            "no password given: type it at the prompt, pipe it on standard input, or use --password-stdin"));
    params->insert(QStringLiteral("address"), ctx.cl.word(2));
    params->insert(QStringLiteral("password"), *password);
    return call(ctx, QStringLiteral("user.add"), *params, [](const QJsonValue& v) {
        std::printf("Added mailbox %s\n", qPrintable(v.toObject().value(QStringLiteral("address")).toString()));
    });
}

int cmdUserList(Context& ctx)
{
    QJsonObject params;
    if (ctx.cl.words.size() == 3)
        params.insert(QStringLiteral("domain"), ctx.cl.word(2));
    return call(ctx, QStringLiteral("user.list"), params, [](const QJsonValue& v) { printUsers(v.toArray()); });
}

int cmdUserPasswd(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl user passwd ADDRESS"));
    const std::optional<QString> password
        = readPassword(ctx.cl, QStringLiteral("New password for %1: ").arg(ctx.cl.word(2)));
    if (!password)
        return usageError(QStringLiteral("no password given"));
    return call(ctx, QStringLiteral("user.passwd"),
        { { QStringLiteral("address"), ctx.cl.word(2) }, { QStringLiteral("password"), *password } },
        [&](const QJsonValue&) { std::printf("Changed the password of %s\n", qPrintable(ctx.cl.word(2))); });
}

int cmdUserRemove(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl user remove ADDRESS"));
    return call(ctx, QStringLiteral("user.remove"), { { QStringLiteral("address"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Removed mailbox %s\n", qPrintable(ctx.cl.word(2))); });
}

int cmdUserSet(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(
            QStringLiteral("usage: tegamictl user set ADDRESS [--enabled true|false] [--protocols LIST] [--quota SIZE] "
                           "[--name NAME] [--pop-scope all|new] [--pop-after keep|read|archive|delete] "
                           "[--imap-auto-expunge true|false] [--imap-delete trash|archive|delete]"));
    QString error;
    std::optional<QJsonObject> params = userOptions(ctx.cl, &error);
    if (!params)
        return usageError(error);
    if (params->isEmpty())
        return usageError(QStringLiteral(
            "nothing to change: give --enabled, --protocols, --quota, --name, --admin, --pop-scope, --pop-after, "
            "--imap-auto-expunge or --imap-delete"));
    params->insert(QStringLiteral("address"), ctx.cl.word(2));
    return call(ctx, QStringLiteral("user.set"), *params, [](const QJsonValue& v) { printUsers(QJsonArray { v }); });
}

int cmdAliasAdd(Context& ctx)
{
    if (ctx.cl.words.size() < 4)
        return usageError(QStringLiteral("usage: tegamictl alias add ADDRESS TARGET [TARGET...]"));
    return call(ctx, QStringLiteral("alias.add"),
        { { QStringLiteral("address"), ctx.cl.word(2) },
            { QStringLiteral("targets"), QJsonArray::fromStringList(ctx.cl.words.mid(3)) } },
        [](const QJsonValue& v) {
            std::printf("Added alias %s\n", qPrintable(v.toObject().value(QStringLiteral("address")).toString()));
        });
}

int cmdAliasList(Context& ctx)
{
    return call(ctx, QStringLiteral("alias.list"), {}, [](const QJsonValue& v) { printAliases(v.toArray()); });
}

int cmdAliasRemove(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl alias remove ADDRESS"));
    return call(ctx, QStringLiteral("alias.remove"), { { QStringLiteral("address"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Removed alias %s\n", qPrintable(ctx.cl.word(2))); });
}

int cmdProtocol(Context& ctx, bool enable)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl protocol enable|disable smtp|submission|pop3|imap"));
    return call(ctx, enable ? QStringLiteral("protocol.enable") : QStringLiteral("protocol.disable"),
        { { QStringLiteral("protocol"), ctx.cl.word(2) } },
        [](const QJsonValue& v) { printProtocolChange(v.toObject()); });
}

int cmdListenerList(Context& ctx)
{
    return call(ctx, QStringLiteral("listener.list"), {}, [](const QJsonValue& v) { printListeners(v.toArray()); });
}

int cmdConfigGet(Context& ctx)
{
    QJsonObject params;
    if (ctx.cl.words.size() == 3)
        params.insert(QStringLiteral("key"), ctx.cl.word(2));
    else if (ctx.cl.words.size() > 3)
        return usageError(QStringLiteral("usage: tegamictl config get [KEY]"));
    return call(ctx, QStringLiteral("config.get"), params, [](const QJsonValue& v) { printConfig(v); });
}

int cmdConfigSet(Context& ctx)
{
    if (ctx.cl.words.size() != 4)
        return usageError(QStringLiteral("usage: tegamictl config set KEY VALUE   (lists: a,b or a JSON array)"));
    return call(ctx, QStringLiteral("config.set"),
        { { QStringLiteral("key"), ctx.cl.word(2) }, { QStringLiteral("text"), ctx.cl.word(3) } },
        [](const QJsonValue& v) { printConfigChange(v.toObject()); });
}

QJsonObject logFilter(const CommandLine& cl)
{
    QJsonObject filter;
    for (const auto& [option, key] :
        { std::pair { "--proto", "proto" }, { "--session", "sid" }, { "--remote", "remote" }, { "--user", "user" } }) {
        if (cl.has(QString::fromLatin1(option)))
            filter.insert(QString::fromLatin1(key), cl.option(QString::fromLatin1(option)));
    }
    return filter;
}

int cmdLogTail(Context& ctx)
{
    QJsonObject params = logFilter(ctx.cl);
    bool ok = true;
    const int lines = ctx.cl.option(QStringLiteral("--lines"), QStringLiteral("50")).toInt(&ok);
    if (!ok || lines < 0)
        return usageError(QStringLiteral("--lines takes a number"));
    params.insert(QStringLiteral("lines"), lines);
    const Result<QJsonValue> r = ctx.client.call(QStringLiteral("log.tail"), params);
    if (!r)
        return serviceError(r.error());
    for (const QJsonValue& e : r->toObject().value(QStringLiteral("events")).toArray())
        ctx.json ? printJson(e) : printLogEvent(e.toObject());
    std::fflush(stdout);
    if (!ctx.cl.has(QStringLiteral("--follow")))
        return ExitOk;

    const Result<QJsonValue> sub = ctx.client.call(QStringLiteral("log.follow"), logFilter(ctx.cl));
    if (!sub)
        return serviceError(sub.error());
    for (;;) {
        const std::optional<QJsonObject> n = ctx.client.nextNotification(1000);
        if (!n) {
            if (!ctx.client.isConnected()) {
                std::fprintf(stderr, "tegamictl: tegamid closed the connection\n");
                return ExitFailed;
            }
            continue;
        }
        const QString method = n->value(QStringLiteral("method")).toString();
        const QJsonObject params2 = n->value(QStringLiteral("params")).toObject();
        if (method == QLatin1String("log.event"))
            ctx.json ? printJson(params2) : printLogEvent(params2);
        else if (method == QLatin1String("log.dropped"))
            std::fprintf(stderr, "tegamictl: %lld events were dropped because this terminal read too slowly\n",
                params2.value(QStringLiteral("count")).toInteger());
        std::fflush(stdout);
    }
}

int cmdMailTransfer(Context& ctx, bool import)
{
    const QString usage = import
        ? QStringLiteral("usage: tegamictl mail import ADDRESS (--maildir DIR | --mbox FILE) [--folder NAME]")
        : QStringLiteral("usage: tegamictl mail export ADDRESS (--maildir DIR | --mbox FILE) [--folder NAME]");
    const bool maildir = ctx.cl.has(QStringLiteral("--maildir"));
    const bool mbox = ctx.cl.has(QStringLiteral("--mbox"));
    if (ctx.cl.words.size() != 3 || maildir == mbox)
        return usageError(usage);
    const QString path
        = QFileInfo(ctx.cl.option(maildir ? QStringLiteral("--maildir") : QStringLiteral("--mbox"))).absoluteFilePath();
    QJsonObject params { { QStringLiteral("address"), ctx.cl.word(2) },
        { QStringLiteral("format"), maildir ? QStringLiteral("maildir") : QStringLiteral("mbox") },
        { QStringLiteral("path"), path } };
    if (ctx.cl.has(QStringLiteral("--folder")))
        params.insert(QStringLiteral("folder"), ctx.cl.option(QStringLiteral("--folder")));
    return call(
        ctx, import ? QStringLiteral("mail.import") : QStringLiteral("mail.export"), params, [&](const QJsonValue& v) {
            const QJsonObject r = v.toObject();
            std::printf("%s %lld messages %s %s\n", import ? "Imported" : "Exported",
                r.value(QStringLiteral("messages")).toInteger(), import ? "from" : "to", qPrintable(path));
            for (const QJsonValue& e : r.value(QStringLiteral("errors")).toArray())
                std::printf("  skipped: %s\n", qPrintable(e.toString()));
        });
}

const QList<Command>& commands()
{
    static const QList<Command> table = [] {
        QList<Command> t = {
            { { QStringLiteral("status") }, QStringLiteral("status"),
                QStringLiteral("service, listeners and accounts at a glance"), cmdStatus },
            { { QStringLiteral("domain"), QStringLiteral("add") }, QStringLiteral("domain add DOMAIN"),
                QStringLiteral("accept mail for a domain"), cmdDomainAdd },
            { { QStringLiteral("domain"), QStringLiteral("list") }, QStringLiteral("domain list"),
                QStringLiteral("local domains"), cmdDomainList },
            { { QStringLiteral("domain"), QStringLiteral("remove") }, QStringLiteral("domain remove DOMAIN"),
                QStringLiteral("stop accepting mail for a domain"), cmdDomainRemove },
            { { QStringLiteral("user"), QStringLiteral("add") },
                QStringLiteral("user add ADDRESS [--name NAME] [--quota SIZE] [--protocols LIST] [--admin true] "
                               "[--password-stdin]"),
                QStringLiteral("create a mailbox"), cmdUserAdd },
            { { QStringLiteral("user"), QStringLiteral("list") }, QStringLiteral("user list [DOMAIN]"),
                QStringLiteral("mailboxes"), cmdUserList },
            { { QStringLiteral("user"), QStringLiteral("passwd") },
                QStringLiteral("user passwd ADDRESS [--password-stdin]"), QStringLiteral("set a new password"),
                cmdUserPasswd },
            { { QStringLiteral("user"), QStringLiteral("remove") }, QStringLiteral("user remove ADDRESS"),
                QStringLiteral("delete a mailbox and its mail"), cmdUserRemove },
            { { QStringLiteral("user"), QStringLiteral("set") },
                QStringLiteral(
                    "user set ADDRESS [--enabled BOOL] [--protocols LIST] [--quota SIZE] [--name NAME] [--admin "
                    "BOOL] [--pop-scope all|new] [--pop-after keep|read|archive|delete] [--imap-auto-expunge BOOL] "
                    "[--imap-delete trash|archive|delete]"),
                QStringLiteral("change a mailbox (POP3: which mail it sees, what happens after a download; IMAP: "
                               "expunge at once, what deleting does)"),
                cmdUserSet },
            { { QStringLiteral("alias"), QStringLiteral("add") },
                QStringLiteral("alias add ADDRESS TARGET [TARGET...]"), QStringLiteral("forward an address to others"),
                cmdAliasAdd },
            { { QStringLiteral("alias"), QStringLiteral("list") }, QStringLiteral("alias list"),
                QStringLiteral("aliases and their targets"), cmdAliasList },
            { { QStringLiteral("alias"), QStringLiteral("remove") }, QStringLiteral("alias remove ADDRESS"),
                QStringLiteral("delete an alias"), cmdAliasRemove },
            { { QStringLiteral("mail"), QStringLiteral("import") },
                QStringLiteral("mail import ADDRESS (--maildir DIR | --mbox FILE) [--folder NAME]"),
                QStringLiteral("bring mail in (folder INBOX unless given)"),
                [](Context& c) { return cmdMailTransfer(c, true); } },
            { { QStringLiteral("mail"), QStringLiteral("export") },
                QStringLiteral("mail export ADDRESS (--maildir DIR | --mbox FILE) [--folder NAME]"),
                QStringLiteral("copy a folder's mail out"), [](Context& c) { return cmdMailTransfer(c, false); } },
            { { QStringLiteral("protocol"), QStringLiteral("enable") },
                QStringLiteral("protocol enable smtp|submission|pop3|imap"),
                QStringLiteral("start a protocol's listeners"), [](Context& c) { return cmdProtocol(c, true); } },
            { { QStringLiteral("protocol"), QStringLiteral("disable") },
                QStringLiteral("protocol disable smtp|submission|pop3|imap"),
                QStringLiteral("stop a protocol's listeners"), [](Context& c) { return cmdProtocol(c, false); } },
            { { QStringLiteral("listener"), QStringLiteral("list") }, QStringLiteral("listener list"),
                QStringLiteral("listeners, their state and why one failed"), cmdListenerList },
            { { QStringLiteral("config"), QStringLiteral("get") }, QStringLiteral("config get [KEY]"),
                QStringLiteral("settings with their defaults and meaning"), cmdConfigGet },
            { { QStringLiteral("config"), QStringLiteral("set") }, QStringLiteral("config set KEY VALUE"),
                QStringLiteral("change a setting (validated, applied at once)"), cmdConfigSet },
            { { QStringLiteral("log"), QStringLiteral("tail") },
                QStringLiteral(
                    "log tail [--follow] [--lines N] [--proto P] [--session SID] [--remote ADDR] [--user USER]"),
                QStringLiteral("the protocol log"), cmdLogTail },
        };
        t += certificateCommands();
        t += queueCommands();
        t += diagnosticTestCommands();
        t += clientSettingsCommands();
        t += backupCommands();
        t += serviceCommands();
        return t;
    }();
    return table;
}

} // namespace

QStringList commandFlags()
{
    return diagnosticTestFlags() + clientSettingsFlags() + backupFlags() + serviceFlags()
        + QStringList { QStringLiteral("--json"), QStringLiteral("--follow"), QStringLiteral("--password-stdin"),
              QStringLiteral("--help"), QStringLiteral("--version"), QStringLiteral("--force"),
              QStringLiteral("--no-chain"), QStringLiteral("--pkcs12"), QStringLiteral("--all") };
}

QString usageText()
{
    QString text = QStringLiteral("Usage: tegamictl [--data-dir DIR | --socket PATH] [--json] COMMAND\n\n"
                                  "Controls a running tegamid. Without --data-dir, the default data directory is used\n"
                                  "($TEGAMI_DATA_DIR, else the user's data location).\n\nCommands:\n");
    for (const Command& c : commands())
        text += QStringLiteral("  %1\n      %2\n").arg(c.synopsis, c.summary);
    text += QStringLiteral("\nExit status: 0 done, 1 the service refused (the message says why), 2 bad usage,\n"
                           "3 the service cannot be reached.\n");
    return text;
}

int runCommand(const CommandLine& cl, const QString& socketName)
{
    const Command* match = nullptr;
    for (const Command& c : commands()) {
        if (cl.words.mid(0, c.words.size()) == c.words) {
            match = &c;
            break;
        }
    }
    if (!match) {
        const QString what = cl.words.mid(0, 2).join(QLatin1Char(' '));
        return usageError(QStringLiteral("unknown command '%1'").arg(what));
    }
    ControlClient client(socketName);
    if (match->needsService) {
        if (Result<void> c = client.connectToService(); !c)
            return serviceError(c.error());
    }
    Context ctx { cl, client, cl.has(QStringLiteral("--json")) };
    return match->run(ctx);
}

} // namespace tegami::cli
