// tegamictl service install|remove|start|stop|status: the machine's Tegami service through
// the platform layer. On Windows that is the service control manager (run from an
// elevated prompt); on Linux the package installs the systemd unit, and these commands say
// which systemctl or apt command does the job.
#include "core/DataPaths.h"
#include "service/Platform.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

QString tegamidBesideUs()
{
    // The installer puts tegamid and tegamictl in the same folder, with the same suffix.
    const QString suffix = QFileInfo(QCoreApplication::applicationFilePath()).suffix();
    const QString name = suffix.isEmpty() ? QStringLiteral("tegamid") : QStringLiteral("tegamid.") + suffix;
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(name);
}

int report(Context& ctx, const QString& action, const Result<void>& r, const QString& done)
{
    if (!r) {
        if (!platform::managesServiceItself()) {
            std::fprintf(stderr, "tegamictl: %s\n", qPrintable(r.error().message));
            return ExitUsage;
        }
        return serviceError(r.error());
    }
    if (ctx.json)
        printJson(QJsonObject {
            { QStringLiteral("service"), QStringLiteral("tegami") }, { QStringLiteral("action"), action } });
    else
        std::printf("%s\n", qPrintable(done));
    return ExitOk;
}

int cmdInstall(Context& ctx)
{
    const platform::ServiceDefinition service = platform::systemService(tegamidBesideUs());
    const Result<void> r = platform::installService(service);
    return report(ctx, QStringLiteral("install"), r,
        QStringLiteral("The service %1 is installed (%2 %3) and starts with the machine. Start it now: tegamictl "
                       "service start")
            .arg(service.name, QDir::toNativeSeparators(service.program), service.arguments.join(QLatin1Char(' '))));
}

int cmdRemove(Context& ctx)
{
    const Result<void> r = platform::removeService(QStringLiteral("tegami"));
    return report(ctx, QStringLiteral("remove"), r,
        QStringLiteral("The service tegami is removed. The mail and settings in %1 are kept.")
            .arg(QDir::toNativeSeparators(DataPaths::systemDataDir())));
}

int cmdStart(Context& ctx)
{
    return report(ctx, QStringLiteral("start"), platform::startService(QStringLiteral("tegami")),
        QStringLiteral("The service tegami is starting; `tegamictl status` shows it once it answers."));
}

int cmdStop(Context& ctx)
{
    return report(ctx, QStringLiteral("stop"), platform::stopService(QStringLiteral("tegami")),
        QStringLiteral("The service tegami is stopping."));
}

int cmdState(Context& ctx)
{
    const Result<platform::ServiceState> state = platform::serviceState(QStringLiteral("tegami"));
    if (!state)
        return report(ctx, QStringLiteral("state"), state.error(), {});
    const QString name = platform::serviceStateName(*state);
    if (ctx.json)
        printJson(
            QJsonObject { { QStringLiteral("service"), QStringLiteral("tegami") }, { QStringLiteral("state"), name } });
    else
        std::printf("tegami: %s\n", qPrintable(name));
    return ExitOk;
}

} // namespace

QList<Command> serviceCommands()
{
    const QString where = platform::managesServiceItself()
        ? QString()
        : QStringLiteral(" (Linux: says which systemctl or apt command to use)");
    return {
        { { QStringLiteral("service"), QStringLiteral("install") }, QStringLiteral("service install"),
            QStringLiteral("register tegamid as the machine's service, started at boot") + where, cmdInstall, false },
        { { QStringLiteral("service"), QStringLiteral("remove") }, QStringLiteral("service remove"),
            QStringLiteral("unregister the service (its mail and settings stay)") + where, cmdRemove, false },
        { { QStringLiteral("service"), QStringLiteral("start") }, QStringLiteral("service start"),
            QStringLiteral("start the machine's service") + where, cmdStart, false },
        { { QStringLiteral("service"), QStringLiteral("stop") }, QStringLiteral("service stop"),
            QStringLiteral("stop the machine's service") + where, cmdStop, false },
        { { QStringLiteral("service"), QStringLiteral("status") }, QStringLiteral("service status"),
            QStringLiteral("whether the machine's service is installed and running") + where, cmdState, false },
    };
}

QStringList serviceFlags()
{
    return {};
}

} // namespace tegami::cli
