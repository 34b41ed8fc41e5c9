// The platform layer's interface (service/Platform.h), checked the same way against the
// POSIX implementation here and the Windows one there: who may open the control socket,
// the system service's definition, and what service control does where the platform's
// own tool (systemctl) manages the service.
#include "core/DataPaths.h"
#include "service/ControlServer.h"
#include "service/Platform.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace tegami;

namespace {

// Connects, calls "ping" and returns whether the answer came: the endpoint is usable.
bool answers(const QString& name)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    for (int i = 0; i < 300 && socket.state() != QLocalSocket::ConnectedState; ++i)
        QTest::qWait(10);
    if (socket.state() != QLocalSocket::ConnectedState)
        return false;
    socket.write(R"({"jsonrpc":"2.0","id":1,"method":"ping"})"
                 "\n");
    QByteArray reply;
    for (int i = 0; i < 300 && !reply.contains('\n'); ++i) {
        QTest::qWait(10);
        reply += socket.readAll();
    }
    return QJsonDocument::fromJson(reply.trimmed()).object().value(QStringLiteral("result")).toString()
        == QLatin1String("pong");
}

void addPing(ControlServer& server)
{
    server.registerMethod(QStringLiteral("ping"), [](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
        return QJsonValue(QStringLiteral("pong"));
    });
}

} // namespace

class TestPlatform : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ownerOnlyEndpointAdmitsTheOwnerAlone()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ControlServer server;
        addPing(server);
        server.setEndpointAccess(platform::controlEndpointAccess(platform::ControlAccess::Owner));
        const Result<void> listening = server.listen(DataPaths(dir.path()).controlSocket());
        QVERIFY2(listening.ok(), qPrintable(listening.ok() ? QString() : listening.error().toString()));

        QString error;
        const QStringList principals = platform::endpointPrincipals(server.serverName(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(principals, QStringList { platform::currentAccountName() });
        QVERIFY(answers(server.serverName()));
    }

    void systemServiceEndpointAdmitsItsAdminGroup()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ControlServer server;
        addPing(server);
        server.setEndpointAccess(platform::controlEndpointAccess(platform::ControlAccess::OwnerAndAdmins));
        const Result<void> listening = server.listen(DataPaths(dir.path()).controlSocket());
        QVERIFY2(listening.ok(), qPrintable(listening.ok() ? QString() : listening.error().toString()));

        QString error;
        const QStringList principals = platform::endpointPrincipals(server.serverName(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString group = platform::serviceAdminGroup(platform::ControlAccess::OwnerAndAdmins);
        QVERIFY(!group.isEmpty());
        // The owner and the admin group, and nobody else (never everyone).
        QCOMPARE(principals, (QStringList { platform::currentAccountName(), group }));
        QVERIFY(answers(server.serverName()));
        // After a restart the endpoint is opened again with the same rights.
        server.close();
        QVERIFY(server.listen(DataPaths(dir.path()).controlSocket()).ok());
        QCOMPARE(platform::endpointPrincipals(server.serverName(), &error), principals);
        QVERIFY(answers(server.serverName()));
    }

    void ownerOnlyHasNoAdminGroup() { QVERIFY(platform::serviceAdminGroup(platform::ControlAccess::Owner).isEmpty()); }

    void missingEndpointIsAnErrorNotAnEmptyList()
    {
        QTemporaryDir dir;
        QString error;
        const QStringList principals
            = platform::endpointPrincipals(DataPaths(dir.path() + QStringLiteral("/none")).controlSocket(), &error);
        QVERIFY(principals.isEmpty());
        QVERIFY(!error.isEmpty());
    }

    void systemServiceRunsTegamidAsAService()
    {
        const platform::ServiceDefinition service = platform::systemService(QStringLiteral("/opt/x/tegamid"));
        QCOMPARE(service.name, QStringLiteral("tegami"));
        QCOMPARE(service.program, QStringLiteral("/opt/x/tegamid"));
        QCOMPARE(service.arguments, QStringList { QStringLiteral("--service") });
        QVERIFY(!service.displayName.isEmpty());
    }

    void everyStateHasAName()
    {
        QStringList names;
        for (auto s : { platform::ServiceState::NotInstalled, platform::ServiceState::Stopped,
                 platform::ServiceState::Starting, platform::ServiceState::Running, platform::ServiceState::Stopping })
            names << platform::serviceStateName(s);
        names.removeDuplicates();
        QCOMPARE(names.size(), 5);
        QVERIFY(!names.contains(QStringLiteral("unknown")));
    }

    void serviceControlNamesThePlatformsToolWhereItDoesNotManageTheService()
    {
        if (platform::managesServiceItself())
            QSKIP("this platform's layer manages the service itself (see serviceLifecycle)");
        const platform::ServiceDefinition service = platform::systemService(QStringLiteral("/usr/bin/tegamid"));
        const QList<QPair<QString, Result<void>>> results = {
            { QStringLiteral("install"), platform::installService(service) },
            { QStringLiteral("remove"), platform::removeService(service.name) },
            { QStringLiteral("start"), platform::startService(service.name) },
            { QStringLiteral("stop"), platform::stopService(service.name) },
        };
        for (const auto& [action, result] : results) {
            QVERIFY2(!result.ok(), qPrintable(action));
            const QString hint = platform::serviceCommandHint(action);
            QVERIFY(!hint.isEmpty());
            QVERIFY2(result.error().message.contains(hint), qPrintable(result.error().message));
        }
        QVERIFY(!platform::serviceState(service.name).ok());
        // systemd supervises a plain process: nothing to connect to, nothing to report.
        QVERIFY(platform::beginService(service.name, [] {}).ok());
        platform::reportServiceRunning();
        platform::endService(0);
    }

    void beginServiceOutsideTheServiceManagerSaysSo()
    {
        if (!platform::managesServiceItself())
            QSKIP("no service manager connection on this platform (covered above)");
        const Result<void> r = platform::beginService(QStringLiteral("tegami"), [] {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("service control manager")), qPrintable(r.error().message));
    }

    void serviceLifecycle()
    {
        // Registers a throwaway service: needs an elevated prompt, so only on request.
        if (!platform::managesServiceItself() || qEnvironmentVariableIsEmpty("TEGAMI_TEST_SERVICE_INSTALL"))
            QSKIP("set TEGAMI_TEST_SERVICE_INSTALL=1 in an elevated prompt on Windows to register a test service");
        platform::ServiceDefinition service = platform::systemService(QCoreApplication::applicationFilePath());
        service.name = QStringLiteral("tegami-test-%1").arg(QCoreApplication::applicationPid());
        const Result<void> installed = platform::installService(service);
        QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().toString()));
        const Result<platform::ServiceState> state = platform::serviceState(service.name);
        const bool stopped = state.ok() && *state == platform::ServiceState::Stopped;
        const Result<void> again = platform::installService(service);
        const Result<void> removed = platform::removeService(service.name);
        QVERIFY(stopped);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().toString()));
        const Result<platform::ServiceState> gone = platform::serviceState(service.name);
        QVERIFY(gone.ok() && *gone == platform::ServiceState::NotInstalled);
        QVERIFY(!platform::removeService(service.name).ok());
    }

    void systemPathsAreUsedOnlyByTheInstalledPrograms()
    {
        // The system service's directory maps to its own socket, apart from the data.
        QCOMPARE(DataPaths(DataPaths::systemDataDir()).controlSocket(), DataPaths::systemControlSocket());
        QVERIFY(DataPaths(QStringLiteral("/elsewhere/tegami")).controlSocket() != DataPaths::systemControlSocket());
        // A test binary is not the installed program, whatever is installed on the machine.
        QVERIFY(!DataPaths::isSystemInstall());
        qunsetenv("TEGAMI_DATA_DIR");
        QVERIFY(DataPaths::defaultDataDir() != DataPaths::systemDataDir());
        // A tegamid started by hand never takes the system service's directory.
        QVERIFY(DataPaths::personalDataDir() != DataPaths::systemDataDir());
        QCOMPARE(DataPaths::defaultDataDir(), DataPaths::personalDataDir());
        // $TEGAMI_DATA_DIR wins everywhere.
        QTemporaryDir dir;
        qputenv("TEGAMI_DATA_DIR", QFile::encodeName(dir.path()));
        QCOMPARE(DataPaths::defaultDataDir(), dir.path());
        QCOMPARE(DataPaths::personalDataDir(), dir.path());
        qunsetenv("TEGAMI_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestPlatform)
#include "TestPlatform.moc"
