// SmtpRemoteTransport against an independent SMTP server: Debian's python3-aiosmtpd
// (STARTTLS, SIZE, dot-stuffing as another implementation reads it). Skipped when it is
// not installed.

#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "OutboundTestUtil.h"

using namespace tegami;
using namespace tegami::test;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestOutboundAiosmtpd : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;

    // Starts aiosmtpd (Debugging handler: prints each message) with extra arguments.
    bool startServer(const QStringList& extra)
    {
        m_port = freePort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
        m_server.setProcessEnvironment(env);
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(kPython,
            QStringList { QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"), QStringLiteral("-l"),
                QStringLiteral("127.0.0.1:%1").arg(m_port) }
                + extra);
        if (!m_server.waitForStarted(10000))
            return false;
        return QTest::qWaitFor(
            [this] {
                QTcpSocket s;
                s.connectToHost(QHostAddress::LocalHost, m_port);
                return s.waitForConnected(200);
            },
            15000);
    }

    void stopServer()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(5000)) {
                m_server.kill();
                m_server.waitForFinished(5000);
            }
        }
    }

    std::unique_ptr<TransportHarness> harness()
    {
        auto h = std::make_unique<TransportHarness>(testTransportOptions(m_port));
        h->dns->setMx(QStringLiteral("example.net"), { { QStringLiteral("mx1.example.net"), 10 } });
        h->dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.1") });
        return h;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess check;
        check.start(kPython, { QStringLiteral("-c"), QStringLiteral("import aiosmtpd") });
        if (!check.waitForFinished(20000) || check.exitCode() != 0)
            QSKIP("python3-aiosmtpd is not installed");
        QVERIFY(m_dir.isValid());
    }

    void cleanup() { stopServer(); }

    void startTlsAndDotStuffing()
    {
        serverTls(m_dir.path()); // writes server.crt and server.key
        QVERIFY(startServer({ QStringLiteral("--tlscert"), m_dir.filePath(QStringLiteral("server.crt")),
            QStringLiteral("--tlskey"), m_dir.filePath(QStringLiteral("server.key")) }));
        auto h = harness();
        const QByteArray message = "From: alice@tegami.test\r\nTo: bob@example.net\r\nSubject: via aiosmtpd\r\n\r\n"
                                   ".leading dot line\r\n..double\r\n.\r\nlast line without CRLF";
        const auto results = h->deliver(makeDelivery(m_dir.filePath(QStringLiteral("m.eml")), message,
            { QStringLiteral("bob@example.net"), QStringLiteral("carol@example.net") }));
        QVERIFY(results.has_value());
        QCOMPARE(results->size(), size_t(2));
        for (const RecipientResult& r : *results)
            QCOMPARE(r.status, RecipientResult::Status::Delivered);
        const QString log = h->logText();
        QVERIFY2(log.contains(QLatin1String("TLS established")), qPrintable(log));

        QVERIFY(QTest::qWaitFor([this] { return m_server.bytesAvailable() > 0; }, 5000));
        QTest::qWait(200);
        const QByteArray out = m_server.readAll();
        QVERIFY2(out.contains("Subject: via aiosmtpd"), out.constData());
        // aiosmtpd undoes the dot-stuffing: the lines are as in the spool file.
        QVERIFY(out.contains("\n.leading dot line"));
        QVERIFY(out.contains("\n..double"));
        QVERIFY(out.contains("last line without CRLF"));
        QVERIFY(!out.contains("...double"));
    }

    void sizeLimitOfARealServer()
    {
        QVERIFY(startServer({ QStringLiteral("-s"), QStringLiteral("200") }));
        auto h = harness();
        const auto results = h->deliver(makeDelivery(
            m_dir.filePath(QStringLiteral("big.eml")), QByteArray(1000, 'x'), { QStringLiteral("bob@example.net") }));
        QVERIFY(results.has_value());
        QCOMPARE(results->front().status, RecipientResult::Status::PermanentFailure);
        QCOMPARE(results->front().enhancedCode, QStringLiteral("5.3.4"));
    }
};

QTEST_GUILESS_MAIN(TestOutboundAiosmtpd)
#include "TestOutboundAiosmtpd.moc"
