// tegamid: the Tegami mail service. One instance per data directory; it keeps running
// when the console closes, and everything talks to it over its control socket.
#include "core/DataPaths.h"
#include "net/Listener.h"
#include "net/ListenerManager.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Platform.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMutex>
#include <QStandardPaths>

#include <cstdio>

using namespace tegami;

namespace {

// The service's own operational log: everything qInfo/qWarning say, with a time stamp,
// to logs/tegamid.log and to stderr (which systemd's journal collects).
QFile* g_serviceLog = nullptr;
QMutex g_serviceLogMutex;

void serviceLogHandler(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    const char* level = type == QtDebugMsg ? "debug"
        : type == QtInfoMsg                ? "info"
        : type == QtWarningMsg             ? "warning"
                                           : "error";
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + level + ": "
        + message.toUtf8() + '\n';
    QMutexLocker lock(&g_serviceLogMutex);
    std::fputs(message.toUtf8().constData(), stderr);
    std::fputc('\n', stderr);
    if (g_serviceLog) {
        g_serviceLog->write(line);
        g_serviceLog->flush();
    }
}

void printListening(Engine& engine, const ControlServer& control, bool asService)
{
    std::printf("tegamid is running. Data directory: %s\n", qPrintable(engine.paths().dataDir()));
    std::printf("Control socket: %s\n", qPrintable(control.serverName()));
    const QList<const Listener*> listeners = engine.listeners().listeners();
    if (listeners.isEmpty()) {
        std::printf("\nNo protocol is enabled yet, so nothing listens for mail. In another terminal:\n");
    } else {
        std::printf("\nListeners:\n");
        for (const Listener* l : listeners) {
            std::printf("  %-28s %-9s %s\n", qPrintable(l->spec().id()), qPrintable(tlsModeName(l->spec().tlsMode)),
                l->state() == ListenerState::Listening ? "listening"
                                                       : qPrintable(QStringLiteral("FAILED: ") + l->failure()));
        }
    }
    const QStringList steps = engine.nextSteps();
    if (!steps.isEmpty() && !listeners.isEmpty())
        std::printf("\nNext steps:\n");
    for (const QString& step : steps)
        std::printf("  %s\n", qPrintable(step));
    for (const QString& w : engine.warnings())
        std::printf("Warning: %s\n", qPrintable(w));
    if (asService)
        std::printf("\nStop with: %s\n", qPrintable(platform::serviceCommandHint(QStringLiteral("stop"))));
    else
        std::printf("\nStop with Ctrl+C (or SIGTERM).\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tegamid"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TEGAMI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tegami mail service"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QStringLiteral("Data directory (default: %1).").arg(DataPaths::personalDataDir()), QStringLiteral("DIR"),
        DataPaths::personalDataDir());
    const QCommandLineOption checkOption(
        QStringLiteral("check-config"), QStringLiteral("Validate the settings file and exit (0 when valid)."));
    const QCommandLineOption serviceOption(QStringLiteral("service"),
        QStringLiteral("Run as the machine's system service, as the service manager starts it (the systemd unit "
                       "tegami.service, or the Windows service): data in %1 unless --data-dir is given, control "
                       "socket %2, which the service's admin group may use too.")
            .arg(QDir::toNativeSeparators(DataPaths::systemDataDir()), DataPaths::systemControlSocket()));
    QCommandLineOption testHashOption(
        QStringLiteral("test-password-hashing"), QStringLiteral("Cheap password hashing, for automated tests only."));
    testHashOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ dataDirOption, checkOption, serviceOption, testHashOption });
    parser.process(app);

    const bool asService = parser.isSet(serviceOption);
    platform::restrictNewFiles();
    const DataPaths paths(
        asService && !parser.isSet(dataDirOption) ? DataPaths::systemDataDir() : parser.value(dataDirOption));
    if (asService && !parser.isSet(checkOption)) {
        // First, so the service manager hears from us in time and its stop requests reach us.
        if (Result<void> begun = platform::beginService(QStringLiteral("tegami"), [] { QCoreApplication::quit(); });
            !begun) {
            std::fprintf(stderr, "tegamid: %s\n", qPrintable(begun.error().toString()));
            return 1;
        }
    }
    // Every exit after beginService tells the service manager how it ended.
    const auto finish = [asService](int rc) {
        if (asService)
            platform::endService(rc);
        return rc;
    };
    QString error;
    if (!paths.ensureExists(&error)) {
        std::fprintf(stderr, "tegamid: %s\n", qPrintable(error));
        return finish(1);
    }

    if (parser.isSet(checkOption)) {
        const Result<Settings> s = SettingsFile(paths.settingsFile()).load();
        if (!s) {
            std::fprintf(stderr, "tegamid: %s\n", qPrintable(s.error().toString()));
            return 1;
        }
        std::printf("%s is valid\n", qPrintable(paths.settingsFile()));
        return 0;
    }

    QLockFile lock(paths.lockFile());
    lock.setStaleLockTime(0); // a lock is stale only when its process is gone
    if (!lock.tryLock(0)) {
        qint64 pid = 0;
        QString host, appName;
        lock.getLockInfo(&pid, &host, &appName);
        std::fprintf(stderr,
            "tegamid: another tegamid (pid %lld) is already running for %s. Use `tegamictl --data-dir %s status` "
            "to talk to it, or stop it first.\n",
            pid, qPrintable(paths.dataDir()), qPrintable(paths.dataDir()));
        return finish(1);
    }

    QFile serviceLog(paths.serviceLogFile());
    if (serviceLog.open(QIODevice::WriteOnly | QIODevice::Append))
        g_serviceLog = &serviceLog;
    qInstallMessageHandler(serviceLogHandler);

    EngineOptions options;
    // Name tegamictl so the printed commands work as they are: by name when it is on
    // PATH, else by the full path of the one installed or built beside tegamid.
    const QString sibling = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("tegamictl"));
    if (QStandardPaths::findExecutable(QStringLiteral("tegamictl")) != sibling && QFile::exists(sibling))
        options.ctlCommand = sibling;
    if (parser.isSet(testHashOption))
        options.argon2 = Argon2Params::forTests();
    Engine engine(paths, options);
    if (Result<void> started = engine.start(); !started) {
        qCritical("tegamid cannot start: %s", qPrintable(started.error().toString()));
        return finish(1);
    }

    ControlServer control;
    registerControlApi(control, engine);
    control.setEndpointAccess(platform::controlEndpointAccess(
        asService ? platform::ControlAccess::OwnerAndAdmins : platform::ControlAccess::Owner));
    const QString socket = paths.controlSocket();
    if (Result<void> listening = control.listen(socket); !listening) {
        qCritical("tegamid cannot start: %s", qPrintable(listening.error().toString()));
        if (socket.contains(QLatin1Char('/')) && !QFileInfo(socket).dir().exists()) {
            qCritical("The directory %s does not exist. The service manager creates it (RuntimeDirectory= in "
                      "tegami.service); to run tegamid --service by hand, create it first (install -d -o tegami -g "
                      "tegami -m 0750 %s).",
                qPrintable(QFileInfo(socket).absolutePath()), qPrintable(QFileInfo(socket).absolutePath()));
        }
        return finish(1);
    }

    platform::installShutdownHandler([&](const QString& signalName) {
        qInfo("tegamid: %s received, shutting down", qPrintable(signalName));
        QCoreApplication::quit();
    });

    qInfo("tegamid %s started (pid %lld) on %s", TEGAMI_VERSION, QCoreApplication::applicationPid(),
        qPrintable(paths.dataDir()));
    printListening(engine, control, asService);
    if (asService)
        platform::reportServiceRunning();

    const int rc = app.exec();
    control.close();
    engine.stop();
    qInfo("tegamid stopped");
    qInstallMessageHandler(nullptr);
    g_serviceLog = nullptr;
    return finish(rc);
}
