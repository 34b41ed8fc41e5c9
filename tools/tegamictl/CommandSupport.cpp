#include "CommandSupport.h"

#include "service/ControlClient.h"

#include <QTextStream>

#include <cstdio>

#include "Output.h"

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace tegami::cli {

int usageError(const QString& message)
{
    std::fprintf(stderr, "tegamictl: %s\n(see `tegamictl help`)\n", qPrintable(message));
    return ExitUsage;
}

int serviceError(const Error& e)
{
    std::fprintf(stderr, "tegamictl: %s\n", qPrintable(e.toString()));
    const bool unreachable = (e.code == ErrorCode::Busy && e.message.startsWith(QLatin1String("cannot reach")))
        || (e.code == ErrorCode::PermissionDenied && e.message.startsWith(QLatin1String("not allowed to use")));
    return unreachable ? ExitUnreachable : ExitFailed;
}

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

} // namespace tegami::cli
