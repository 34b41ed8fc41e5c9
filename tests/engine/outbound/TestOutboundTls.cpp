// SmtpRemoteTransport with TLS: opportunistic STARTTLS to MX hosts (and its plain-text
// retry), outbound.requireTls, the smarthost's required STARTTLS, implicit TLS and
// certificate checks, AUTH PLAIN/LOGIN and the password's absence from the protocol log.

#include <QTemporaryDir>
#include <QTest>

#include "OutboundTestUtil.h"

using namespace tegami;
using namespace tegami::test;

namespace {

using Status = RecipientResult::Status;

QString describe(const std::optional<std::vector<RecipientResult>>& results)
{
    if (!results || results->size() != 1)
        return QStringLiteral("no result");
    const RecipientResult& r = results->front();
    const char* s = r.status == Status::Delivered ? "ok" : r.status == Status::TemporaryFailure ? "temp" : "perm";
    return QStringLiteral("%1 %2 %3").arg(QLatin1String(s)).arg(r.replyCode).arg(r.enhancedCode);
}

const QString kPassword = QStringLiteral("pa55 w\u00f6rd!");

} // namespace

class TestOutboundTls : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QSslConfiguration m_tls;

    QString messagePath() const { return m_dir.filePath(QStringLiteral("message.eml")); }
    RemoteDelivery delivery() const
    {
        return makeDelivery(messagePath(), "Subject: tls\r\n\r\nhello\r\n", { QStringLiteral("bob@example.net") });
    }

    FakeSmtpScript tlsScript() const
    {
        FakeSmtpScript s;
        s.startTls = true;
        s.tls = m_tls;
        return s;
    }

    std::unique_ptr<TransportHarness> mxHarness(const FakeSmtpServer& server)
    {
        auto h = std::make_unique<TransportHarness>(testTransportOptions(server.serverPort()));
        h->dns->setMx(QStringLiteral("example.net"), { { QStringLiteral("mx1.example.net"), 10 } });
        h->dns->setHost(QStringLiteral("mx1.example.net"), { QStringLiteral("127.0.0.1") });
        return h;
    }

    // A harness that sends everything through the smarthost "localhost:<port>" as office/kPassword.
    std::unique_ptr<TransportHarness> smarthostHarness(const FakeSmtpServer& server, const QString& tlsMode,
        bool verify = false, const QList<QSslCertificate>& trusted = {})
    {
        SmtpRemoteTransport::Options o = testTransportOptions(25);
        o.extraCaCertificates = trusted;
        auto h = std::make_unique<TransportHarness>(o);
        h->dns->setHost(QStringLiteral("localhost"), { QStringLiteral("127.0.0.1") });
        h->set(QStringLiteral("outbound.smarthost"), QStringLiteral("localhost:%1").arg(server.serverPort()));
        h->set(QStringLiteral("outbound.smarthostTls"), tlsMode);
        h->set(QStringLiteral("outbound.smarthostVerifyCertificate"), verify);
        h->set(QStringLiteral("outbound.smarthostUser"), QStringLiteral("office"));
        h->set(QStringLiteral("outbound.smarthostPassword"), kPassword);
        return h;
    }

    void verifyNoSecret(TransportHarness& h)
    {
        const QString log = h.logText();
        const QByteArray plain = (QByteArray() + '\0' + "office" + '\0' + kPassword.toUtf8()).toBase64();
        QVERIFY(!log.contains(kPassword));
        QVERIFY(!log.contains(QString::fromLatin1(plain)));
        QVERIFY(!log.contains(QString::fromLatin1(kPassword.toUtf8().toBase64())));
        QVERIFY2(log.contains(QLatin1String("< AUTH ")), qPrintable(log));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tls = serverTls(m_dir.path());
        QVERIFY(!m_tls.localCertificate().isNull());
    }

    void opportunisticStartTls()
    {
        FakeSmtpScript script = tlsScript();
        script.afterStartTls = "250 injected before the handshake\r\n"; // must not be read as a TLS reply
        FakeSmtpServer server(script);
        auto h = mxHarness(server);
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
        QCOMPARE(server.sessions.size(), 1);
        QVERIFY(server.sessions[0].tls);
        QCOMPARE(server.sessions[0].commands.mid(0, 3),
            (QByteArrayList { "EHLO tegami.test", "STARTTLS", "EHLO tegami.test" }));
        const QString log = h->logText();
        QVERIFY2(log.contains(QLatin1String("TLS established: TLSv1.")), qPrintable(log));
        QVERIFY(log.contains(QLatin1String("not verified")));
        QVERIFY(log.contains(QLatin1String("discarded")));
    }

    void brokenTlsFallsBackToPlainText()
    {
        FakeSmtpScript script = tlsScript();
        script.breakTls = true;
        FakeSmtpServer server(script);
        auto h = mxHarness(server);
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
        QCOMPARE(server.sessions.size(), 2);
        QVERIFY(server.sessions[0].commands.contains("STARTTLS"));
        QVERIFY(!server.sessions[1].commands.contains("STARTTLS"));
        QVERIFY(!server.sessions[1].tls);
        QVERIFY(h->logText().contains(QLatin1String("without STARTTLS")));
    }

    void requireTlsRefusesPlainMx()
    {
        FakeSmtpServer server; // no STARTTLS
        auto h = mxHarness(server);
        h->set(QStringLiteral("outbound.requireTls"), true);
        const auto results = h->deliver(delivery());
        QCOMPARE(describe(results), QStringLiteral("temp 0 4.4.1"));
        QVERIFY(results->front().text.contains(QLatin1String("does not offer TLS and outbound.requireTls is on")));
        QTRY_VERIFY(server.sessions[0].closed);
        QVERIFY(!server.sessions[0].commands.contains("MAIL FROM:<alice@tegami.test>"));

        // A broken handshake is not retried in plain text either.
        FakeSmtpScript broken = tlsScript();
        broken.breakTls = true;
        server.script = broken;
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("temp 0 4.4.1"));
        QCOMPARE(server.sessions.size(), 2);
    }

    void smarthostRequiresStartTls()
    {
        FakeSmtpScript plain;
        plain.authMechanisms = { "PLAIN" };
        plain.user = "office";
        plain.password = kPassword.toUtf8();
        FakeSmtpServer server(plain);
        auto h = smarthostHarness(server, QStringLiteral("starttls"));
        const auto results = h->deliver(delivery());
        QCOMPARE(describe(results), QStringLiteral("temp 0 4.4.1"));
        QVERIFY(results->front().text.contains(QLatin1String("does not offer STARTTLS")));
        QTRY_VERIFY(server.sessions[0].closed);
        // The password never went out in plain text.
        for (const QByteArray& c : server.sessions[0].commands)
            QVERIFY(!c.startsWith("AUTH"));
    }

    void authPlain()
    {
        FakeSmtpScript script = tlsScript();
        script.authMechanisms = { "LOGIN", "PLAIN" };
        script.user = "office";
        script.password = kPassword.toUtf8();
        FakeSmtpServer server(script);
        auto h = smarthostHarness(server, QStringLiteral("starttls"));
        const auto results = h->deliver(delivery());
        QCOMPARE(describe(results), QStringLiteral("ok 250 2.0.0"));
        QCOMPARE(results->front().remoteHost, QStringLiteral("localhost [127.0.0.1]"));
        QVERIFY(server.sessions[0].authenticated);
        QVERIFY(server.sessions[0].commands[3].startsWith("AUTH PLAIN "));
        verifyNoSecret(*h);
        QVERIFY(h->logText().contains(QLatin1String("authenticated as office")));
    }

    void authLogin()
    {
        FakeSmtpScript script = tlsScript();
        script.authMechanisms = { "LOGIN" };
        script.user = "office";
        script.password = kPassword.toUtf8();
        FakeSmtpServer server(script);
        auto h = smarthostHarness(server, QStringLiteral("starttls"));
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
        QVERIFY(server.sessions[0].authenticated);
        QCOMPARE(server.sessions[0].commands[3], QByteArray("AUTH LOGIN"));
        verifyNoSecret(*h);
    }

    void authRefused()
    {
        FakeSmtpScript script = tlsScript();
        script.authMechanisms = { "PLAIN" };
        script.user = "office";
        script.password = "another password";
        FakeSmtpServer server(script);
        auto h = smarthostHarness(server, QStringLiteral("starttls"));
        RemoteDelivery d = delivery();
        d.recipients.push_back(EnvelopeRecipient { QStringLiteral("carol@example.net"), {}, 0 });
        const auto results = h->deliver(d);
        QVERIFY(results.has_value());
        QCOMPARE(results->size(), size_t(2));
        for (const RecipientResult& r : *results) {
            QCOMPARE(r.status, Status::TemporaryFailure); // kept in the queue until the admin fixes the password
            QCOMPARE(r.replyCode, 535);
            QVERIFY(r.text.contains(QLatin1String("refused the user name or password (outbound.smarthostUser)")));
        }
        verifyNoSecret(*h);
        QVERIFY(!server.sessions[0].commands.contains("MAIL FROM:<alice@tegami.test>"));

        // No mechanism the client knows: a temporary failure that names the setting.
        server.script.authMechanisms = { "CRAM-MD5" };
        const auto r2 = h->deliver(delivery());
        QCOMPARE(describe(r2), QStringLiteral("temp 0 4.7.12"));
        QVERIFY(r2->front().text.contains(QLatin1String("outbound.smarthostUser")));
    }

    void certificateVerification()
    {
        FakeSmtpScript script = tlsScript();
        FakeSmtpServer server(script);
        {
            // Self-signed and not trusted: the smarthost fails, and the reason says where to look.
            auto h = smarthostHarness(server, QStringLiteral("starttls"), true);
            h->set(QStringLiteral("outbound.smarthostUser"), QString());
            const auto results = h->deliver(delivery());
            QCOMPARE(describe(results), QStringLiteral("temp 0 4.4.1"));
            QVERIFY(results->front().text.contains(QLatin1String("TLS handshake")));
            QVERIFY(results->front().text.contains(QLatin1String("outbound.smarthostVerifyCertificate")));
            QCOMPARE(server.sessions.size(), 1); // no plain-text retry for a required TLS
        }
        {
            // Trusted and issued for "localhost": verified.
            auto h = smarthostHarness(server, QStringLiteral("starttls"), true, { m_tls.localCertificate() });
            h->set(QStringLiteral("outbound.smarthostUser"), QString());
            QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
            QVERIFY(h->logText().contains(QLatin1String(", verified")));
        }
        {
            // Trusted, but the name does not match.
            auto h = smarthostHarness(server, QStringLiteral("starttls"), true, { m_tls.localCertificate() });
            h->set(QStringLiteral("outbound.smarthostUser"), QString());
            h->dns->setHost(QStringLiteral("relay.example"), { QStringLiteral("127.0.0.1") });
            h->set(QStringLiteral("outbound.smarthost"), QStringLiteral("relay.example:%1").arg(server.serverPort()));
            QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("temp 0 4.4.1"));
        }
    }

    void implicitTls()
    {
        FakeSmtpScript script;
        script.implicitTls = true;
        script.tls = m_tls;
        script.authMechanisms = { "PLAIN" };
        script.user = "office";
        script.password = kPassword.toUtf8();
        FakeSmtpServer server(script);
        auto h = smarthostHarness(server, QStringLiteral("implicit"), true, { m_tls.localCertificate() });
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
        QVERIFY(server.sessions[0].tls);
        QVERIFY(server.sessions[0].authenticated);
        QCOMPARE(server.sessions[0].commands.first(), QByteArray("EHLO tegami.test"));
        verifyNoSecret(*h);
    }

    void plainSmarthostWithAuth()
    {
        // smarthostTls=none: the admin chose plain text, AUTH goes without TLS.
        FakeSmtpScript script;
        script.authMechanisms = { "PLAIN" };
        script.user = "office";
        script.password = kPassword.toUtf8();
        FakeSmtpServer server(script);
        auto h = smarthostHarness(server, QStringLiteral("none"));
        QCOMPARE(describe(h->deliver(delivery())), QStringLiteral("ok 250 2.0.0"));
        QVERIFY(server.sessions[0].authenticated);
        verifyNoSecret(*h);
    }
};

QTEST_GUILESS_MAIN(TestOutboundTls)
#include "TestOutboundTls.moc"
