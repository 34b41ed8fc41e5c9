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

#include "Output.h"

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace tegami::cli {

namespace {

struct Context {
    const CommandLine& cl;
    ControlClient& client;
    bool json = false;
};

using CommandFn = std::function<int(Context&)>;

struct Command {
    QStringList words; // {"user", "add"}
    QString synopsis; // "user add ADDRESS [--name NAME] ..."
    QString summary;
    CommandFn run;
};

int usageError(const QString& message)
{
    std::fprintf(stderr, "tegamictl: %s\n(see `tegamictl help`)\n", qPrintable(message));
    return ExitUsage;
}

int serviceError(const Error& e)
{
    std::fprintf(stderr, "tegamictl: %s\n", qPrintable(e.toString()));
    return e.code == ErrorCode::Busy && e.message.startsWith(QLatin1String("cannot reach")) ? ExitUnreachable
                                                                                            : ExitFailed;
}

// Calls a method; prints the result as JSON with --json, else hands it to `print`.
int call(
    Context& ctx, const QString& method, const QJsonObject& params, const std::function<void(const QJsonValue&)>& print)
{
    const Result<QJsonValue> r = ctx.client.call(method, params);
    if (!r)
        return serviceError(r.error());
    if (ctx.json)
        printJson(*r);
    else
        print(*r);
    return ExitOk;
}

// Reads a password without echoing it: from stdin when it is not a terminal
// (scripts: `echo secret | tegamictl user add ...`), else from a prompt.
std::optional<QString> readPassword(const CommandLine& cl, const QString& prompt)
{
    if (cl.has(QStringLiteral("--password")))
        return cl.option(QStringLiteral("--password"));
    QTextStream in(stdin);
#ifdef Q_OS_UNIX
    const bool tty = isatty(STDIN_FILENO);
    if (tty && !cl.has(QStringLiteral("--password-stdin"))) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        termios old {};
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        const QString line = in.readLine();
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
        return line;
    }
#else
    Q_UNUSED(prompt);
#endif
    const QString line = in.readLine();
    if (line.isNull())
        return std::nullopt;
    return line;
}

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
    for (const char* flag : { "--enabled", "--admin" }) {
        const QString name = QString::fromLatin1(flag);
        if (!cl.has(name))
            continue;
        const QString v = cl.option(name).toLower();
        if (v != QLatin1String("true") && v != QLatin1String("false") && v != QLatin1String("yes")
            && v != QLatin1String("no")) {
            *error = QStringLiteral("%1 takes true or false").arg(name);
            return std::nullopt;
        }
        params.insert(name.mid(2), v == QLatin1String("true") || v == QLatin1String("yes"));
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
                           "[--name NAME] [--pop-scope all|new] [--pop-after keep|read|archive|delete]"));
    QString error;
    std::optional<QJsonObject> params = userOptions(ctx.cl, &error);
    if (!params)
        return usageError(error);
    if (params->isEmpty())
        return usageError(QStringLiteral(
            "nothing to change: give --enabled, --protocols, --quota, --name, --admin, --pop-scope or --pop-after"));
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

std::optional<QByteArray> readInputFile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return f.readAll();
}

int cmdCertList(Context& ctx)
{
    return call(ctx, QStringLiteral("cert.list"), {}, [](const QJsonValue& v) { printCertificates(v.toObject()); });
}

int cmdCertImport(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(
            QStringLiteral("usage: tegamictl cert import FILE [--key KEYFILE] [--passphrase-stdin]\n"
                           "  FILE: PEM (certificate, chain and key) or PKCS#12 (.pfx/.p12, asks for its password)"));
    QString error;
    const std::optional<QByteArray> data = readInputFile(ctx.cl.word(2), &error);
    if (!data)
        return usageError(error);
    QJsonObject params;
    const QString lower = ctx.cl.word(2).toLower();
    const bool pkcs12 = lower.endsWith(QLatin1String(".p12")) || lower.endsWith(QLatin1String(".pfx"));
    if (pkcs12) {
        params.insert(QStringLiteral("pkcs12"), QString::fromLatin1(data->toBase64()));
        const std::optional<QString> password
            = readPassword(ctx.cl, QStringLiteral("Password of %1: ").arg(ctx.cl.word(2)));
        params.insert(QStringLiteral("password"), password.value_or(QString()));
    } else {
        params.insert(QStringLiteral("pem"), QString::fromUtf8(*data));
        if (ctx.cl.has(QStringLiteral("--key"))) {
            const std::optional<QByteArray> key = readInputFile(ctx.cl.option(QStringLiteral("--key")), &error);
            if (!key)
                return usageError(error);
            params.insert(QStringLiteral("key"), QString::fromUtf8(*key));
        }
        const QByteArray all = *data + params.value(QStringLiteral("key")).toString().toUtf8();
        if (all.contains("ENCRYPTED")) {
            const std::optional<QString> passphrase
                = readPassword(ctx.cl, QStringLiteral("Passphrase of the private key: "));
            params.insert(QStringLiteral("passphrase"), passphrase.value_or(QString()));
        }
    }
    return call(
        ctx, QStringLiteral("cert.import"), params, [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertGenerate(Context& ctx)
{
    QJsonObject params;
    if (ctx.cl.has(QStringLiteral("--cn")))
        params.insert(QStringLiteral("commonName"), ctx.cl.option(QStringLiteral("--cn")));
    if (ctx.cl.has(QStringLiteral("--key-type")))
        params.insert(QStringLiteral("keyType"), ctx.cl.option(QStringLiteral("--key-type")));
    if (ctx.cl.has(QStringLiteral("--days")))
        params.insert(QStringLiteral("validityDays"), ctx.cl.option(QStringLiteral("--days")).toInt());
    if (ctx.cl.words.size() > 2)
        params.insert(QStringLiteral("sans"), QJsonArray::fromStringList(ctx.cl.words.mid(2)));
    return call(
        ctx, QStringLiteral("cert.generate"), params, [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertCsr(Context& ctx)
{
    QJsonObject params;
    for (const auto& [option, key] : { std::pair { "--cn", "commonName" }, { "--org", "organisation" },
             { "--unit", "organisationalUnit" }, { "--locality", "locality" }, { "--state", "state" },
             { "--country", "country" }, { "--email", "email" }, { "--key-type", "keyType" } }) {
        if (ctx.cl.has(QString::fromLatin1(option)))
            params.insert(QString::fromLatin1(key), ctx.cl.option(QString::fromLatin1(option)));
    }
    if (ctx.cl.words.size() > 2)
        params.insert(QStringLiteral("sans"), QJsonArray::fromStringList(ctx.cl.words.mid(2)));
    return call(ctx, QStringLiteral("cert.csr"), params, [&](const QJsonValue& v) {
        const QJsonObject r = v.toObject();
        const QByteArray csr = r.value(QStringLiteral("csrPem")).toString().toUtf8();
        if (ctx.cl.has(QStringLiteral("--out"))) {
            QFile out(ctx.cl.option(QStringLiteral("--out")));
            if (out.open(QIODevice::WriteOnly) && out.write(csr) == csr.size())
                std::printf("Wrote the request to %s\n", qPrintable(out.fileName()));
            else
                std::fprintf(stderr, "tegamictl: cannot write %s: %s\n", qPrintable(out.fileName()),
                    qPrintable(out.errorString()));
        } else {
            std::fputs(csr.constData(), stdout);
        }
        std::printf("Pending request %s: send the request to your CA, then run `tegamictl cert complete ANSWER.pem`.\n",
            qPrintable(r.value(QStringLiteral("id")).toString()));
    });
}

int cmdCertComplete(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert complete FILE   (the CA's answer, PEM)"));
    QString error;
    const std::optional<QByteArray> data = readInputFile(ctx.cl.word(2), &error);
    if (!data)
        return usageError(error);
    return call(ctx, QStringLiteral("cert.complete"), { { QStringLiteral("pem"), QString::fromUtf8(*data) } },
        [](const QJsonValue& v) { printCertificateAdded(v.toObject()); });
}

int cmdCertAssign(Context& ctx)
{
    if (ctx.cl.words.size() < 3 || ctx.cl.words.size() > 4)
        return usageError(
            QStringLiteral("usage: tegamictl cert assign ID [default|smtp|submission|pop3|imap] [--force]"));
    QJsonObject params { { QStringLiteral("id"), ctx.cl.word(2) } };
    if (ctx.cl.words.size() == 4)
        params.insert(QStringLiteral("protocol"), ctx.cl.word(3));
    if (ctx.cl.has(QStringLiteral("--force")))
        params.insert(QStringLiteral("force"), true);
    return call(ctx, QStringLiteral("cert.assign"), params,
        [](const QJsonValue& v) { printCertificateAssigned(v.toObject()); });
}

int cmdCertExport(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert export ID [--out FILE] [--no-chain] [--pkcs12]"));
    QJsonObject params { { QStringLiteral("id"), ctx.cl.word(2) } };
    if (ctx.cl.has(QStringLiteral("--no-chain")))
        params.insert(QStringLiteral("chain"), false);
    const bool pkcs12 = ctx.cl.has(QStringLiteral("--pkcs12"));
    if (pkcs12) {
        if (!ctx.cl.has(QStringLiteral("--out")))
            return usageError(QStringLiteral("--pkcs12 writes a binary file: give --out FILE"));
        const std::optional<QString> password
            = readPassword(ctx.cl, QStringLiteral("Password to protect the PKCS#12 file: "));
        params.insert(QStringLiteral("pkcs12Password"), password.value_or(QString()));
    }
    return call(ctx, QStringLiteral("cert.export"), params, [&](const QJsonValue& v) {
        const QJsonObject r = v.toObject();
        const QByteArray data = pkcs12 ? QByteArray::fromBase64(r.value(QStringLiteral("pkcs12")).toString().toLatin1())
                                       : r.value(QStringLiteral("pem")).toString().toUtf8();
        if (!ctx.cl.has(QStringLiteral("--out"))) {
            std::fputs(data.constData(), stdout);
            return;
        }
        QFile out(ctx.cl.option(QStringLiteral("--out")));
        if (out.open(QIODevice::WriteOnly) && out.write(data) == data.size())
            std::printf("Wrote %s\n", qPrintable(out.fileName()));
        else
            std::fprintf(
                stderr, "tegamictl: cannot write %s: %s\n", qPrintable(out.fileName()), qPrintable(out.errorString()));
    });
}

int cmdCertRemove(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl cert remove ID"));
    return call(ctx, QStringLiteral("cert.remove"), { { QStringLiteral("id"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Removed %s\n", qPrintable(ctx.cl.word(2))); });
}

const QList<Command>& commands()
{
    static const QList<Command> table = {
        { { QStringLiteral("status") }, QStringLiteral("status"),
            QStringLiteral("service, listeners and accounts at a glance"), cmdStatus },
        { { QStringLiteral("domain"), QStringLiteral("add") }, QStringLiteral("domain add DOMAIN"),
            QStringLiteral("accept mail for a domain"), cmdDomainAdd },
        { { QStringLiteral("domain"), QStringLiteral("list") }, QStringLiteral("domain list"),
            QStringLiteral("local domains"), cmdDomainList },
        { { QStringLiteral("domain"), QStringLiteral("remove") }, QStringLiteral("domain remove DOMAIN"),
            QStringLiteral("stop accepting mail for a domain"), cmdDomainRemove },
        { { QStringLiteral("user"), QStringLiteral("add") },
            QStringLiteral(
                "user add ADDRESS [--name NAME] [--quota SIZE] [--protocols LIST] [--admin true] [--password-stdin]"),
            QStringLiteral("create a mailbox"), cmdUserAdd },
        { { QStringLiteral("user"), QStringLiteral("list") }, QStringLiteral("user list [DOMAIN]"),
            QStringLiteral("mailboxes"), cmdUserList },
        { { QStringLiteral("user"), QStringLiteral("passwd") },
            QStringLiteral("user passwd ADDRESS [--password-stdin]"), QStringLiteral("set a new password"),
            cmdUserPasswd },
        { { QStringLiteral("user"), QStringLiteral("remove") }, QStringLiteral("user remove ADDRESS"),
            QStringLiteral("delete a mailbox and its mail"), cmdUserRemove },
        { { QStringLiteral("user"), QStringLiteral("set") },
            QStringLiteral("user set ADDRESS [--enabled BOOL] [--protocols LIST] [--quota SIZE] [--name NAME] [--admin "
                           "BOOL] [--pop-scope all|new] [--pop-after keep|read|archive|delete]"),
            QStringLiteral("change a mailbox (POP3: which mail it sees, what happens after a download)"), cmdUserSet },
        { { QStringLiteral("alias"), QStringLiteral("add") }, QStringLiteral("alias add ADDRESS TARGET [TARGET...]"),
            QStringLiteral("forward an address to others"), cmdAliasAdd },
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
            QStringLiteral("protocol enable smtp|submission|pop3|imap"), QStringLiteral("start a protocol's listeners"),
            [](Context& c) { return cmdProtocol(c, true); } },
        { { QStringLiteral("protocol"), QStringLiteral("disable") },
            QStringLiteral("protocol disable smtp|submission|pop3|imap"), QStringLiteral("stop a protocol's listeners"),
            [](Context& c) { return cmdProtocol(c, false); } },
        { { QStringLiteral("listener"), QStringLiteral("list") }, QStringLiteral("listener list"),
            QStringLiteral("listeners, their state and why one failed"), cmdListenerList },
        { { QStringLiteral("cert"), QStringLiteral("list") }, QStringLiteral("cert list"),
            QStringLiteral("certificates, pending requests and which protocol uses which"), cmdCertList },
        { { QStringLiteral("cert"), QStringLiteral("import") },
            QStringLiteral("cert import FILE [--key KEYFILE] [--password-stdin]"),
            QStringLiteral("import PEM (certificate, chain, key) or PKCS#12 (.pfx/.p12)"), cmdCertImport },
        { { QStringLiteral("cert"), QStringLiteral("generate") },
            QStringLiteral(
                "cert generate [NAME...] [--cn NAME] [--key-type ec-p256|rsa2048|rsa3072|rsa4096] [--days N]"),
            QStringLiteral("self-signed certificate for this server's names (plus NAMEs)"), cmdCertGenerate },
        { { QStringLiteral("cert"), QStringLiteral("csr") },
            QStringLiteral("cert csr [NAME...] [--cn NAME] [--org O] [--unit OU] [--locality L] [--state ST] "
                           "[--country CC] [--email E] [--key-type T] [--out FILE]"),
            QStringLiteral("key and signing request for a CA"), cmdCertCsr },
        { { QStringLiteral("cert"), QStringLiteral("complete") }, QStringLiteral("cert complete FILE"),
            QStringLiteral("import the CA's answer to a request"), cmdCertComplete },
        { { QStringLiteral("cert"), QStringLiteral("assign") },
            QStringLiteral("cert assign ID [default|smtp|submission|pop3|imap] [--force]"),
            QStringLiteral("use a certificate (checked against the listeners' names)"), cmdCertAssign },
        { { QStringLiteral("cert"), QStringLiteral("export") },
            QStringLiteral("cert export ID [--out FILE] [--no-chain] [--pkcs12]"),
            QStringLiteral("the public certificate (PEM), or with its key as PKCS#12"), cmdCertExport },
        { { QStringLiteral("cert"), QStringLiteral("remove") }, QStringLiteral("cert remove ID"),
            QStringLiteral("delete an unused certificate or a pending request"), cmdCertRemove },
        { { QStringLiteral("config"), QStringLiteral("get") }, QStringLiteral("config get [KEY]"),
            QStringLiteral("settings with their defaults and meaning"), cmdConfigGet },
        { { QStringLiteral("config"), QStringLiteral("set") }, QStringLiteral("config set KEY VALUE"),
            QStringLiteral("change a setting (validated, applied at once)"), cmdConfigSet },
        { { QStringLiteral("log"), QStringLiteral("tail") },
            QStringLiteral("log tail [--follow] [--lines N] [--proto P] [--session SID] [--remote ADDR] [--user USER]"),
            QStringLiteral("the protocol log"), cmdLogTail },
    };
    return table;
}

} // namespace

QStringList commandFlags()
{
    return { QStringLiteral("--json"), QStringLiteral("--follow"), QStringLiteral("--password-stdin"),
        QStringLiteral("--help"), QStringLiteral("--version"), QStringLiteral("--force"), QStringLiteral("--no-chain"),
        QStringLiteral("--pkcs12") };
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
    if (Result<void> c = client.connectToService(); !c)
        return serviceError(c.error());
    Context ctx { cl, client, cl.has(QStringLiteral("--json")) };
    return match->run(ctx);
}

} // namespace tegami::cli
