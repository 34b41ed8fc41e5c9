// The console's non-blocking control client, its log source and health, against a real tegamid.
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "TestService.h"
#include "client/ServiceClient.h"
#include "client/ServiceHealth.h"
#include "client/ServiceLogSource.h"

using namespace tegami;

class TestServiceClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_service = std::make_unique<TestService>(m_dir.path());
        QVERIFY2(m_service->start(), "tegamid did not start");
    }

    void cleanupTestCase() { m_service.reset(); }

    void callsAndErrors()
    {
        ServiceClient client(m_service->socket());
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 10000);

        std::optional<RpcReply> status;
        client.call(QStringLiteral("status"), this, [&](const RpcReply& r) { status = r; });
        QTRY_VERIFY(status.has_value());
        QVERIFY(status->ok);
        QCOMPARE(status->result.toObject().value(QStringLiteral("dataDir")).toString(), m_dir.path());

        // A method the service does not know is "not available", not a failure of the console.
        std::optional<RpcReply> unknown;
        client.call(QStringLiteral("no.such.method"), this, [&](const RpcReply& r) { unknown = r; });
        QTRY_VERIFY(unknown.has_value());
        QVERIFY(unknown->methodNotFound());
        QCOMPARE(unknown->describe(), QStringLiteral("Not available in this service version."));

        // A validation error names its field.
        std::optional<RpcReply> invalid;
        client.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.maxConnections") }, { QStringLiteral("value"), 0 } }, this,
            [&](const RpcReply& r) { invalid = r; });
        QTRY_VERIFY(invalid.has_value());
        QVERIFY(!invalid->ok);
        QCOMPARE(invalid->field, QStringLiteral("pop3.maxConnections"));
        QVERIFY(!invalid->message.isEmpty());

        // Many calls in flight come back to their own callbacks.
        int answered = 0;
        for (int i = 0; i < 50; ++i) {
            client.call(QStringLiteral("config.get"), { { QStringLiteral("key"), QStringLiteral("pop3.enabled") } },
                this, [&answered](const RpcReply& r) {
                    if (r.ok
                        && r.result.toObject().value(QStringLiteral("key")).toString() == QLatin1String("pop3.enabled"))
                        ++answered;
                });
        }
        QTRY_COMPARE(answered, 50);
    }

    void callbackDroppedWithItsContext()
    {
        ServiceClient client(m_service->socket());
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 10000);
        bool ran = false;
        auto* context = new QObject;
        client.call(QStringLiteral("status"), context, [&](const RpcReply&) { ran = true; });
        delete context;
        bool later = false;
        client.call(QStringLiteral("status"), this, [&](const RpcReply&) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!ran);
    }

    void callWhileDisconnectedFailsAtOnce()
    {
        ServiceClient client(m_dir.path() + QStringLiteral("/nothing-here.sock"));
        QSignalSpy failed(&client, &ServiceClient::connectionFailed);
        client.start();
        QTRY_VERIFY(failed.count() >= 1);
        std::optional<RpcReply> reply;
        client.call(QStringLiteral("status"), this, [&](const RpcReply& r) { reply = r; });
        QVERIFY(!reply.has_value()); // never synchronously
        QTRY_VERIFY(reply.has_value());
        QVERIFY(reply->disconnected());
        // It keeps trying, with growing delays.
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 3, 5000);
        QVERIFY(failed.at(2).at(2).toInt() > failed.at(0).at(2).toInt());
    }

    void reconnectsWhenTheServiceRestarts()
    {
        ServiceClient client(m_service->socket());
        client.setMaxRetryDelay(300);
        QSignalSpy connected(&client, &ServiceClient::connected);
        QSignalSpy disconnected(&client, &ServiceClient::disconnected);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);

        std::optional<RpcReply> pending;
        m_service->stop();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 10000);
        QVERIFY(!client.isConnected());
        QVERIFY(m_service->start());
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 10000);
        client.call(QStringLiteral("status"), this, [&](const RpcReply& r) { pending = r; });
        QTRY_VERIFY(pending.has_value());
        QVERIFY(pending->ok);
    }

    void healthReportsRunningAndUnreachable()
    {
        ServiceClient client(m_service->socket());
        client.setMaxRetryDelay(300);
        ServiceHealth health(client);
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Running, 10000);
        QVERIFY(health.summary().contains(QStringLiteral("running")));
        m_service->stop();
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Unreachable, 10000);
        QVERIFY(m_service->start());
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Running, 10000);
    }

    void logSourceStreamsEvents()
    {
        ServiceClient client(m_service->socket());
        client.setMaxRetryDelay(300);
        ServiceLogSource source(client);
        QSignalSpy arrived(&source, &LogEventSource::eventsArrived);
        QSignalSpy connection(&source, &LogEventSource::connectionChanged);
        source.start(); // before the connection: remembered
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(source.isConnected(), 10000);
        QCOMPARE(connection.count(), 1);

        const quint16 port = TestService::freePort();
        bool enabled = false;
        client.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) } } },
            this, [&](const RpcReply& r) {
                QVERIFY2(r.ok, qPrintable(r.message));
                client.call(QStringLiteral("config.set"),
                    { { QStringLiteral("key"), QStringLiteral("pop3.tlsBindings") },
                        { QStringLiteral("value"), QJsonArray() } },
                    this, [&](const RpcReply& t) {
                        QVERIFY2(t.ok, qPrintable(t.message));
                        client.call(QStringLiteral("protocol.enable"),
                            { { QStringLiteral("protocol"), QStringLiteral("pop3") } }, this,
                            [&](const RpcReply& e) { enabled = e.ok; });
                    });
            });
        QTRY_VERIFY(enabled);

        QTcpSocket pop;
        pop.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(pop.waitForConnected(5000));
        QTRY_VERIFY_WITH_TIMEOUT(pop.bytesAvailable() > 0 || pop.waitForReadyRead(100), 5000);
        pop.write("QUIT\r\n");
        // The stream carries the service's own notes too ("control"); the POP3 session must be there.
        const auto sawPop3 = [&arrived] {
            for (const QList<QVariant>& batch : std::as_const(arrived)) {
                for (const LogEvent& e : batch.first().value<QList<LogEvent>>()) {
                    if (e.proto == QLatin1String("pop3") && e.dir == LogDirection::Connect)
                        return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sawPop3(), 10000);

        // Earlier days: answered either way, never left hanging.
        QSignalSpy listed(&source, &LogEventSource::daysListed);
        QSignalSpy listFailed(&source, &LogEventSource::daysFailed);
        source.requestDays();
        QTRY_VERIFY(listed.count() + listFailed.count() == 1);

        // A ban from the viewer reaches the service.
        QSignalSpy finished(&source, &LogEventSource::actionFinished);
        source.banAddress(QStringLiteral("192.0.2.99"), QStringLiteral("test"));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toString(), QStringLiteral("security.ban"));
        QVERIFY2(finished.first().at(2).toBool(), qPrintable(finished.first().at(3).toString()));

        source.stop();
        client.call(QStringLiteral("protocol.disable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } },
            this, [&](const RpcReply& r) { enabled = !r.ok; });
        QTRY_VERIFY(!enabled);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestService> m_service;
};

QTEST_MAIN(TestServiceClient)
#include "TestServiceClient.moc"
