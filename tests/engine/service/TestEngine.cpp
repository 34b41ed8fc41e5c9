#include "accounts/AccountStore.h"
#include "log/ProtocolLog.h"
#include "net/ListenerManager.h"
#include "service/Engine.h"
#include "store/MailStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace tegami;

namespace {

EngineOptions testOptions()
{
    EngineOptions o;
    o.argon2 = Argon2Params::forTests();
    return o;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aFreshDataDirectoryStartsWithNothingEnabled();
    void aBrokenSettingsFileStopsTheStartAndIsKept();
    void enablingAProtocolStartsItsListenersAndPersists();
    void theMxListenerServesAndLogs();
    void aDamagedSpoolEntryIsAWarning();
};

void TestEngine::aDamagedSpoolEntryIsAWarning()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.filePath(QStringLiteral("data")));
    QVERIFY(QDir().mkpath(paths.spoolDir() + QStringLiteral("/messages")));
    // An acknowledged message whose envelope cannot be read (a disk problem, a hand edit).
    const QString id = QStringLiteral("20260101T000000000-0001-abcd");
    for (const auto& [suffix, content] :
        { std::pair { QStringLiteral(".eml"), QByteArray("Subject: x\r\n\r\nbody\r\n") },
            std::pair { QStringLiteral(".json"), QByteArray("{ not json") } }) {
        QFile f(paths.spoolDir() + QStringLiteral("/messages/") + id + suffix);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    Engine engine(paths, testOptions());
    const Result<void> started = engine.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    const QString warnings = engine.warnings().join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("1 queued messages could not be read")), qPrintable(warnings));
    QVERIFY(warnings.contains(paths.spoolDir() + QStringLiteral("/damaged")));
}

void TestEngine::aFreshDataDirectoryStartsWithNothingEnabled()
{
    QTemporaryDir dir;
    Engine engine(DataPaths(dir.filePath(QStringLiteral("data"))), testOptions());
    const Result<void> started = engine.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
    QVERIFY(engine.settingsFileCreated());
    QVERIFY(QFile::exists(engine.paths().settingsFile()));
    QVERIFY(engine.listeners().listeners().isEmpty());
    const QStringList steps = engine.nextSteps();
    QVERIFY(steps.join(QLatin1Char('\n')).contains(QStringLiteral("domain add")));
    QVERIFY(steps.join(QLatin1Char('\n')).contains(QStringLiteral("protocol enable")));
}

void TestEngine::aBrokenSettingsFileStopsTheStartAndIsKept()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.filePath(QStringLiteral("data")));
    QVERIFY(paths.ensureExists(nullptr));
    const QByteArray broken = R"({"schemaVersion":1,"imap":{"maxCommandSize":"huge"}})";
    {
        QFile f(paths.settingsFile());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(broken);
    }
    Engine engine(paths, testOptions());
    const Result<void> started = engine.start();
    QVERIFY(!started.ok());
    const QString message = started.error().toString();
    QVERIFY2(message.contains(paths.settingsFile()), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("imap.maxCommandSize")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("default")), qPrintable(message));
    QCOMPARE(readAll(paths.settingsFile()), broken);
}

void TestEngine::enablingAProtocolStartsItsListenersAndPersists()
{
    QTemporaryDir dir;
    const DataPaths paths(dir.filePath(QStringLiteral("data")));
    const quint16 plain = freePort();
    const quint16 tls = freePort();
    {
        Engine engine(paths, testOptions());
        QVERIFY(engine.start().ok());
        Settings s = engine.settings();
        QVERIFY(s.set(QStringLiteral("pop3.bindings"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(plain) }).ok());
        QVERIFY(s.set(QStringLiteral("pop3.tlsBindings"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(tls) }).ok());
        QVERIFY(s.set(QStringLiteral("pop3.enabled"), true).ok());
        const Result<ApplyReport> report = engine.applySettings(s);
        QVERIFY(report.ok());
        QVERIFY(report->failedListeners.isEmpty());
        QVERIFY(report->changedKeys.contains(QStringLiteral("pop3.enabled")));
        QCOMPARE(engine.listeners().listeners().size(), 2);
        for (const Listener* l : engine.listeners().listeners())
            QCOMPARE(l->state(), ListenerState::Listening);
        engine.stop();
    }
    Engine again(paths, testOptions());
    QVERIFY(again.start().ok());
    QVERIFY(!again.settingsFileCreated());
    QVERIFY(again.settings().protocolEnabled(Protocol::Pop3));
    QCOMPARE(again.listeners().listeners().size(), 2);
}

void TestEngine::theMxListenerServesAndLogs()
{
    QTemporaryDir dir;
    Engine engine(DataPaths(dir.filePath(QStringLiteral("data"))), testOptions());
    QVERIFY(engine.start().ok());
    const quint16 port = freePort();
    Settings s = engine.settings();
    QVERIFY(s.set(QStringLiteral("smtp.bindings"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) }).ok());
    QVERIFY(s.set(QStringLiteral("smtp.enabled"), true).ok());
    const Result<ApplyReport> report = engine.applySettings(s);
    QVERIFY(report.ok());
    QVERIFY2(report->failedListeners.isEmpty(), "the free port was taken meanwhile by another test");

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), 20000);
    QVERIFY(client.readLine().startsWith("220 "));
    client.write("EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nQUIT\r\n");
    QByteArray ehlo;
    while (!ehlo.contains("250 ")) {
        QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), 20000);
        ehlo += client.readLine();
    }
    QVERIFY(ehlo.startsWith("250-"));
    QVERIFY(!ehlo.contains("STARTTLS")); // not offered without a certificate
    QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), 20000);
    QVERIFY(client.readLine().startsWith("250 2.1.0 ")); // the MX takes mail from anyone
    QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), 20000);
    QVERIFY(client.readLine().startsWith("221 "));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 20000);

    QVERIFY(engine.protocolLog().flush(20000));
    const Result<QList<LogEvent>> events
        = engine.protocolLog().recent(20, LogFilter { QStringLiteral("smtp"), {}, {}, {} });
    QVERIFY(events.ok());
    QStringList dirs;
    QStringList fromClient;
    for (const LogEvent& e : *events) {
        dirs << logDirectionSymbol(e.dir);
        if (e.dir == LogDirection::FromClient)
            fromClient << e.data;
    }
    QCOMPARE(dirs.first(), QStringLiteral("+"));
    QCOMPARE(dirs.last(), QStringLiteral("-"));
    QCOMPARE(fromClient,
        (QStringList { QStringLiteral("EHLO client.example"), QStringLiteral("MAIL FROM:<a@example.org>"),
            QStringLiteral("QUIT") }));
}

QTEST_GUILESS_MAIN(TestEngine)
#include "TestEngine.moc"
