// tegamictl test pop3|imap|smtp|all: the connectivity test (diag.test), run by the service
// against its own listeners, shown as a table of steps.
#include "service/ControlClient.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

constexpr int kDefaultStepTimeoutSecs = 10;
// The service bounds each step by the step timeout and the wait for the test message; the
// call waits for the worst case of every step of every protocol, plus a margin.
constexpr int kStepsPerRun = 16;
constexpr int kFindWaitSecs = 30;

QString resultLabel(const QString& result)
{
    if (result == QLatin1String("success"))
        return QStringLiteral("Success");
    if (result == QLatin1String("skipped"))
        return QStringLiteral("Skipped");
    if (result == QLatin1String("failure"))
        return QStringLiteral("Failure");
    return result;
}

void printTestResult(const QJsonObject& result)
{
    const bool temporary = result.value(QStringLiteral("temporaryMailbox")).toBool();
    std::printf("Test mailbox: %s%s\n\n", qPrintable(result.value(QStringLiteral("user")).toString()),
        temporary ? " (temporary, removed after the test)" : "");
    for (const QJsonValue& v : result.value(QStringLiteral("tests")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString session = t.value(QStringLiteral("sessionId")).toString();
        std::printf("%s %s:%d (%s)%s: %s\n", qPrintable(t.value(QStringLiteral("protocol")).toString().toUpper()),
            qPrintable(t.value(QStringLiteral("host")).toString()), t.value(QStringLiteral("port")).toInt(),
            qPrintable(t.value(QStringLiteral("security")).toString()),
            session.isEmpty() ? "" : qPrintable(QStringLiteral(", session %1").arg(session)),
            t.value(QStringLiteral("passed")).toBool() ? "passed" : "FAILED");
        QList<QStringList> rows;
        for (const QJsonValue& s : t.value(QStringLiteral("steps")).toArray()) {
            const QJsonObject step = s.toObject();
            const QString stepResult = step.value(QStringLiteral("result")).toString();
            const QString error = step.value(QStringLiteral("error")).toString();
            const QString detail = step.value(QStringLiteral("detail")).toString();
            rows << QStringList { step.value(QStringLiteral("title")).toString(), resultLabel(stepResult),
                stepResult == QLatin1String("skipped")
                    ? QStringLiteral("-")
                    : QStringLiteral("%1 ms").arg(step.value(QStringLiteral("latencyMs")).toInteger()),
                error.isEmpty() ? detail : error };
        }
        printTable({ QStringLiteral("STEP"), QStringLiteral("RESULT"), QStringLiteral("LATENCY"),
                       QStringLiteral("DETAIL / ERROR") },
            rows);
        std::printf("\n");
    }
    for (const QJsonValue& w : result.value(QStringLiteral("warnings")).toArray())
        std::printf("Warning: %s\n", qPrintable(w.toString()));
    if (result.value(QStringLiteral("passed")).toBool())
        std::printf("All steps passed.\n");
    else
        std::printf(
            "The test failed: see the steps marked Failure (`tegamictl log tail --session SESSION` shows what the "
            "server saw).\n");
}

int cmdTest(Context& ctx)
{
    const QString usage = QStringLiteral(
        "usage: tegamictl test pop3|imap|smtp|all [--host H] [--port N] [--security plain|starttls|tls] "
        "[--user ADDRESS [--password-stdin]] [--trust-any] [--login-only] [--timeout SECONDS] [--json]");
    if (ctx.cl.words.size() != 2)
        return usageError(usage);
    const QString which = ctx.cl.word(1).toLower();
    QJsonObject params;
    if (which == QLatin1String("all")) {
        // Every enabled protocol: the service knows which.
    } else if (which == QLatin1String("pop3") || which == QLatin1String("imap") || which == QLatin1String("smtp")) {
        params.insert(QStringLiteral("protocols"), QJsonArray { which });
    } else {
        return usageError(QStringLiteral("\"%1\" cannot be tested: use pop3, imap, smtp or all\n%2").arg(which, usage));
    }
    if (ctx.cl.has(QStringLiteral("--host")))
        params.insert(QStringLiteral("host"), ctx.cl.option(QStringLiteral("--host")));
    if (ctx.cl.has(QStringLiteral("--port"))) {
        bool ok = false;
        const int port = ctx.cl.option(QStringLiteral("--port")).toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return usageError(QStringLiteral("--port needs a port number (1-65535)"));
        params.insert(QStringLiteral("port"), port);
    }
    if (ctx.cl.has(QStringLiteral("--security"))) {
        const QString security = ctx.cl.option(QStringLiteral("--security")).toLower();
        if (security != QLatin1String("plain") && security != QLatin1String("starttls")
            && security != QLatin1String("tls"))
            return usageError(QStringLiteral("--security is plain, starttls or tls"));
        params.insert(QStringLiteral("security"), security);
    }
    int timeoutSecs = kDefaultStepTimeoutSecs;
    if (ctx.cl.has(QStringLiteral("--timeout"))) {
        bool ok = false;
        timeoutSecs = ctx.cl.option(QStringLiteral("--timeout")).toInt(&ok);
        if (!ok || timeoutSecs < 1 || timeoutSecs > 600)
            return usageError(QStringLiteral("--timeout is the seconds each step may take (1-600)"));
        params.insert(QStringLiteral("timeoutSecs"), timeoutSecs);
    }
    if (ctx.cl.has(QStringLiteral("--user"))) {
        const QString user = ctx.cl.option(QStringLiteral("--user"));
        const std::optional<QString> password = readPassword(ctx.cl, QStringLiteral("Password of %1: ").arg(user));
        if (!password)
            return usageError(QStringLiteral("no password given for %1: type it at the prompt or pipe it with "
                                             "--password-stdin")
                                  .arg(user));
        params.insert(QStringLiteral("user"), user);
        params.insert(QStringLiteral("password"), *password);
        params.insert(QStringLiteral("temporaryMailbox"), false);
    }
    if (ctx.cl.has(QStringLiteral("--trust-any")))
        params.insert(QStringLiteral("trustAnyCertificate"), true);
    if (ctx.cl.has(QStringLiteral("--login-only")))
        params.insert(QStringLiteral("loginOnly"), true);

    const int callTimeoutMs = (kStepsPerRun * timeoutSecs + 3 * std::max(kFindWaitSecs, timeoutSecs) + 60) * 1000;
    const Result<QJsonValue> r = ctx.client.call(QStringLiteral("diag.test"), params, callTimeoutMs);
    if (!r)
        return serviceError(r.error());
    if (ctx.json)
        printJson(*r);
    else
        printTestResult(r->toObject());
    return r->toObject().value(QStringLiteral("passed")).toBool() ? ExitOk : ExitFailed;
}

} // namespace

QList<Command> diagnosticTestCommands()
{
    const QString options = QStringLiteral(
        " [--host H] [--port N] [--security plain|starttls|tls] [--user ADDRESS [--password-stdin]] [--trust-any] "
        "[--login-only] [--timeout SECONDS]");
    QList<Command> out;
    const QList<QPair<QString, QString>> kinds {
        { QStringLiteral("all"),
            QStringLiteral("connectivity test of every enabled protocol: submit a test message by SMTP, find it by "
                           "IMAP and POP3, delete it (exit status 0 only when every step passed)") },
        { QStringLiteral("pop3"), QStringLiteral("connectivity test of POP3: connect, TLS, login, STAT") },
        { QStringLiteral("imap"), QStringLiteral("connectivity test of IMAP: connect, TLS, login, SELECT INBOX") },
        { QStringLiteral("smtp"),
            QStringLiteral("connectivity test of authenticated submission: connect, TLS, AUTH, submit a message") },
    };
    for (const auto& [word, summary] : kinds)
        out.append(
            { { QStringLiteral("test"), word }, QStringLiteral("test %1").arg(word) + options, summary, cmdTest });
    return out;
}

QStringList diagnosticTestFlags()
{
    return { QStringLiteral("--trust-any"), QStringLiteral("--login-only") };
}

} // namespace tegami::cli
