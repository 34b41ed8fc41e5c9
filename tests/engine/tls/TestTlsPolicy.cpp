#include "tls/CertificateCheck.h"
#include "tls/OpenSslBackend.h"
#include "tls/TlsPolicy.h"

#include <QJsonArray>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include "engine/tls/TlsTestUtil.h"

using namespace tegami;
using namespace tegami::test;

namespace {

const QDateTime kStart(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

// A self-signed certificate valid from kStart for 60 days, made by the backend.
LoadedCertificate makeLoaded(const OpenSslBackend& backend, KeyType type, const QString& cn, const QStringList& dns,
    const QDateTime& notBefore = kStart, int days = 60)
{
    auto key = backend.generateKey(type);
    if (!key)
        return {};
    CertificateSpec spec;
    spec.subject.commonName = cn;
    spec.names.dns = dns;
    spec.notBefore = notBefore;
    spec.notAfter = notBefore.addDays(days);
    auto pem = backend.createSelfSigned(*key, spec);
    if (!pem)
        return {};
    return LoadedCertificate { QSslCertificate(*pem, QSsl::Pem), {}, QSslKey(key->pem, key->algorithm) };
}

bool containsText(const QStringList& list, const QString& text)
{
    for (const QString& s : list) {
        if (s.contains(text))
            return true;
    }
    return false;
}

// A TLS server on 127.0.0.1 (any free port) that records what its sessions negotiated
// and whether a handshake failed.
class TestServer {
public:
    explicit TestServer(const QSslConfiguration& config)
    {
        m_server.setSslConfiguration(config);
        m_server.setHandshakeTimeout(5000);
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                auto* ssl = qobject_cast<QSslSocket*>(s);
                m_sessions << describeTlsSession(*ssl);
                m_sockets << ssl;
            }
        });
        QObject::connect(&m_server, &QSslServer::errorOccurred, &m_server,
            [this](QSslSocket*, QAbstractSocket::SocketError) { ++m_failures; });
        QObject::connect(&m_server, &QSslServer::handshakeInterruptedOnError, &m_server,
            [this](QSslSocket*, const QSslError&) { ++m_failures; });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    const QStringList& sessions() const { return m_sessions; }
    int failures() const { return m_failures; }

private:
    QSslServer m_server;
    QStringList m_sessions;
    QList<QPointer<QSslSocket>> m_sockets;
    int m_failures = 0;
};

} // namespace

class TestTlsPolicy : public QObject {
    Q_OBJECT

private:
    OpenSslBackend m_backend;
    LoadedCertificate m_ec; // mail.example.com, *.example.org
    LoadedCertificate m_rsa; // mail.example.com
    QTemporaryDir m_tmp;

    // Runs `openssl s_client` against the local server without blocking the event loop
    // the server needs; returns its exit code and what it printed.
    ProcessResult sClient(quint16 port, const QStringList& extra)
    {
        QProcess p;
        p.start(QStringLiteral("openssl"),
            QStringList { QStringLiteral("s_client"), QStringLiteral("-connect"),
                QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-brief"), QStringLiteral("-servername"),
                QStringLiteral("mail.example.com") }
                + extra);
        ProcessResult r;
        if (!p.waitForStarted(10000))
            return r;
        p.closeWriteChannel(); // s_client quits after the handshake when its input ends
        QElapsedTimer timer;
        timer.start();
        while (p.state() != QProcess::NotRunning && timer.elapsed() < 15000)
            QTest::qWait(20);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(2000);
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_ec = makeLoaded(m_backend, KeyType::EcP256, QStringLiteral("mail.example.com"),
            { QStringLiteral("mail.example.com"), QStringLiteral("*.example.org") }, now.addDays(-1));
        m_rsa = makeLoaded(m_backend, KeyType::Rsa2048, QStringLiteral("mail.example.com"),
            { QStringLiteral("mail.example.com") }, now.addDays(-1));
        QVERIFY(!m_ec.certificate.isNull() && !m_ec.key.isNull());
        QVERIFY(!m_rsa.certificate.isNull() && !m_rsa.key.isNull());
    }

    void checkValidityWindow_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("usable");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("warning");
        QTest::newRow("valid") << kStart.addDays(1) << true << QString() << QString();
        QTest::newRow("not yet valid") << kStart.addDays(-1) << false << "not valid yet" << QString();
        QTest::newRow("expired") << kStart.addDays(61) << false << "expired on 2026-04-30" << QString();
        QTest::newRow("expires in 10 days") << kStart.addDays(50) << true << QString() << "expires in 10 day(s)";
        QTest::newRow("expires in 31 days") << kStart.addDays(29) << true << QString() << QString();
    }

    void checkValidityWindow()
    {
        QFETCH(QDateTime, now);
        QFETCH(bool, usable);
        QFETCH(QString, problem);
        QFETCH(QString, warning);
        const LoadedCertificate c = makeLoaded(
            m_backend, KeyType::EcP256, QStringLiteral("mail.example.com"), { QStringLiteral("mail.example.com") });
        const CertificateCheck check = checkCertificate(c, QStringLiteral("mail.example.com"), now, &m_backend);
        QCOMPARE(check.usable, usable);
        if (problem.isEmpty())
            QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(QStringLiteral("; "))));
        else
            QVERIFY2(containsText(check.problems, problem), qPrintable(check.problems.join(QStringLiteral("; "))));
        if (!warning.isEmpty())
            QVERIFY2(containsText(check.warnings, warning), qPrintable(check.warnings.join(QStringLiteral("; "))));
        else
            QVERIFY(!containsText(check.warnings, QStringLiteral("expires")));
        // Self-signed is always worth a warning, never a problem.
        QVERIFY(containsText(check.warnings, QStringLiteral("self-signed")));
        QCOMPARE(check.toJson().value(QStringLiteral("usable")).toBool(), usable);
    }

    void checkHostAndKey()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(checkCertificate(m_ec, QStringLiteral("mail.example.com"), now, &m_backend).usable);
        QVERIFY(checkCertificate(m_ec, QStringLiteral("imap.example.org"), now, &m_backend).usable);
        QVERIFY(checkCertificate(m_ec, QString(), now, &m_backend).usable); // no FQDN: nothing to match

        const CertificateCheck wrongHost = checkCertificate(m_ec, QStringLiteral("a.b.example.org"), now, &m_backend);
        QVERIFY(!wrongHost.usable);
        QVERIFY2(containsText(wrongHost.problems,
                     QStringLiteral("for mail.example.com, *.example.org, not for "
                                    "a.b.example.org")),
            qPrintable(wrongHost.problems.join(QStringLiteral("; "))));

        LoadedCertificate mismatched = m_ec;
        mismatched.key = makeLoaded(m_backend, KeyType::EcP256, QStringLiteral("x.example.com"), {}).key;
        const CertificateCheck mismatch
            = checkCertificate(mismatched, QStringLiteral("mail.example.com"), now, &m_backend);
        QVERIFY(!mismatch.usable);
        QVERIFY(containsText(mismatch.problems, QStringLiteral("does not belong")));

        LoadedCertificate crossType = m_ec; // an RSA key with an EC certificate
        crossType.key = m_rsa.key;
        QVERIFY(!checkCertificate(crossType, QStringLiteral("mail.example.com"), now, &m_backend).usable);

        LoadedCertificate noKey = m_ec;
        noKey.key = QSslKey();
        const CertificateCheck missing = checkCertificate(noKey, QStringLiteral("mail.example.com"), now);
        QVERIFY(!missing.usable);
        QVERIFY(containsText(missing.problems, QStringLiteral("private key")));
        QVERIFY(!checkCertificate(LoadedCertificate {}, QStringLiteral("mail.example.com"), now).usable);
    }

    void weakRsaKeyIsAProblem()
    {
        const ExternalCert weak
            = makeExternalCert(m_tmp.path(), QStringLiteral("weak"), QStringLiteral("mail.example.com"),
                QStringLiteral("DNS:mail.example.com"), { QStringLiteral("-newkey"), QStringLiteral("rsa:1024") });
        QVERIFY(!weak.certPem.isEmpty());
        const LoadedCertificate c { QSslCertificate(weak.certPem, QSsl::Pem), {}, QSslKey(weak.keyPem, QSsl::Rsa) };
        QVERIFY(!c.key.isNull());
        const CertificateCheck check
            = checkCertificate(c, QStringLiteral("mail.example.com"), QDateTime::currentDateTimeUtc(), &m_backend);
        QVERIFY(!check.usable);
        QVERIFY(containsText(check.problems, QStringLiteral("only 1024 bits")));
    }

    void strongCiphersOnly()
    {
        const QList<QSslCipher> ciphers = strongCiphers();
        QVERIFY(!ciphers.isEmpty());
        int tls13 = 0;
        for (const QSslCipher& c : ciphers) {
            const QString name = c.name();
            QVERIFY2(!name.contains(QStringLiteral("PSK")) && !name.contains(QStringLiteral("SRP")), qPrintable(name));
            if (c.protocol() == QSsl::TlsV1_3) {
                ++tls13;
                continue;
            }
            QCOMPARE(c.protocol(), QSsl::TlsV1_2);
            QVERIFY2(
                name.startsWith(QStringLiteral("ECDHE-")) || name.startsWith(QStringLiteral("DHE-")), qPrintable(name));
            QVERIFY2(
                name.contains(QStringLiteral("GCM")) || name.contains(QStringLiteral("CHACHA20")), qPrintable(name));
        }
        QVERIFY(tls13 >= 2);
        const QStringList names = [&] {
            QStringList n;
            for (const QSslCipher& c : ciphers)
                n << c.name();
            return n;
        }();
        QVERIFY(names.contains(QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384")));
        QVERIFY(names.contains(QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305")));
        QVERIFY(!names.contains(QStringLiteral("AES256-GCM-SHA384"))); // static RSA key exchange
        QVERIFY(!names.contains(QStringLiteral("ECDHE-RSA-AES128-SHA"))); // CBC

        const QSslConfiguration config = serverTlsConfiguration(m_ec, TlsMinimum::V1_2);
        QCOMPARE(config.protocol(), QSsl::TlsV1_2OrLater);
        QCOMPARE(serverTlsConfiguration(m_ec, TlsMinimum::V1_3).protocol(), QSsl::TlsV1_3OrLater);
        QCOMPARE(config.localCertificate(), m_ec.certificate);
        QCOMPARE(config.privateKey(), m_ec.key);
        QCOMPARE(config.peerVerifyMode(), QSslSocket::VerifyNone);
        QCOMPARE(config.ciphers(), ciphers);
    }

    void qtHandshake_data()
    {
        QTest::addColumn<bool>("rsa");
        QTest::addColumn<TlsMinimum>("minimum");
        QTest::addColumn<QSsl::SslProtocol>("clientProtocol");
        QTest::addColumn<QString>("expected"); // start of describeTlsSession(); empty: refused
        QTest::newRow("1.2+ server, any client")
            << false << TlsMinimum::V1_2 << QSsl::SecureProtocols << "TLSv1.3 TLS_";
        QTest::newRow("1.2+ server, 1.2 client ECDSA")
            << false << TlsMinimum::V1_2 << QSsl::TlsV1_2 << "TLSv1.2 ECDHE-ECDSA-";
        QTest::newRow("1.2+ server, 1.2 client RSA")
            << true << TlsMinimum::V1_2 << QSsl::TlsV1_2 << "TLSv1.2 ECDHE-RSA-";
        QTest::newRow("1.3 server, 1.3 client") << false << TlsMinimum::V1_3 << QSsl::TlsV1_3 << "TLSv1.3 TLS_";
        QTest::newRow("1.3 server, 1.2 client") << false << TlsMinimum::V1_3 << QSsl::TlsV1_2 << QString();
    }

    void qtHandshake()
    {
        QFETCH(bool, rsa);
        QFETCH(TlsMinimum, minimum);
        QFETCH(QSsl::SslProtocol, clientProtocol);
        QFETCH(QString, expected);
        const LoadedCertificate& cert = rsa ? m_rsa : m_ec;
        TestServer server(serverTlsConfiguration(cert, minimum));
        QVERIFY(server.port() != 0);

        QSslSocket client;
        QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
        clientConfig.setProtocol(clientProtocol);
        // The client trusts the self-signed certificate and checks the host name, as a
        // mail client would after the user accepted it.
        clientConfig.setCaCertificates({ cert.certificate });
        clientConfig.setPeerVerifyMode(QSslSocket::VerifyPeer);
        client.setSslConfiguration(clientConfig);
        client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("mail.example.com"));

        if (expected.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(server.failures() > 0, 10000);
            QVERIFY(!client.isEncrypted());
            QVERIFY(server.sessions().isEmpty());
            return;
        }
        QTRY_VERIFY_WITH_TIMEOUT(client.isEncrypted() && server.sessions().size() == 1, 10000);
        const QString description = describeTlsSession(client);
        QVERIFY2(description.startsWith(expected), qPrintable(description));
        QCOMPARE(server.sessions().first(), description);
        QCOMPARE(client.peerCertificate(), cert.certificate);
        QCOMPARE(describeTlsSession(QSslSocket()), QStringLiteral("no TLS"));
    }

    void opensslClientVersionsAndCiphers_data()
    {
        QTest::addColumn<bool>("rsa");
        QTest::addColumn<TlsMinimum>("minimum");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("protocol"); // empty: refused
        QTest::newRow("TLS 1.3") << false << TlsMinimum::V1_2 << QStringList { QStringLiteral("-tls1_3") } << "TLSv1.3";
        QTest::newRow("TLS 1.2") << false << TlsMinimum::V1_2 << QStringList { QStringLiteral("-tls1_2") } << "TLSv1.2";
        // SECLEVEL=0 lets the client offer TLS 1.1 at all (OpenSSL 3 refuses it by default),
        // so the refusal comes from the server's policy.
        QTest::newRow("TLS 1.1") << false << TlsMinimum::V1_2
                                 << QStringList { QStringLiteral("-tls1_1"), QStringLiteral("-cipher"),
                                        QStringLiteral("DEFAULT@SECLEVEL=0") }
                                 << QString();
        QTest::newRow("TLS 1.0") << false << TlsMinimum::V1_2
                                 << QStringList { QStringLiteral("-tls1"), QStringLiteral("-cipher"),
                                        QStringLiteral("DEFAULT@SECLEVEL=0") }
                                 << QString();
        QTest::newRow("TLS 1.2 on a 1.3 server")
            << false << TlsMinimum::V1_3 << QStringList { QStringLiteral("-tls1_2") } << QString();
        QTest::newRow("CBC suite") << true << TlsMinimum::V1_2
                                   << QStringList { QStringLiteral("-tls1_2"), QStringLiteral("-cipher"),
                                          QStringLiteral("ECDHE-RSA-AES128-SHA") }
                                   << QString();
        QTest::newRow("static RSA suite")
            << true << TlsMinimum::V1_2
            << QStringList { QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), QStringLiteral("AES256-GCM-SHA384") }
            << QString();
    }

    void opensslClientVersionsAndCiphers()
    {
        QFETCH(bool, rsa);
        QFETCH(TlsMinimum, minimum);
        QFETCH(QStringList, args);
        QFETCH(QString, protocol);
        TestServer server(serverTlsConfiguration(rsa ? m_rsa : m_ec, minimum));
        QVERIFY(server.port() != 0);
        const ProcessResult r = sClient(server.port(), args);
        const QByteArray output = r.out + r.err;
        if (protocol.isEmpty()) {
            QVERIFY2(r.exitCode != 0, output.constData());
            QVERIFY(!output.contains("CONNECTION ESTABLISHED"));
            QTRY_VERIFY_WITH_TIMEOUT(server.failures() > 0, 5000);
            QVERIFY(server.sessions().isEmpty());
            return;
        }
        QVERIFY2(r.exitCode == 0, output.constData());
        QVERIFY2(output.contains("Protocol version: " + protocol.toLatin1()), output.constData());
        QTRY_COMPARE_WITH_TIMEOUT(server.sessions().size(), 1, 5000);
        QVERIFY(server.sessions().first().startsWith(protocol + QLatin1Char(' ')));
        // The suite the client reports is the one describeTlsSession() logged.
        const QString suite = server.sessions().first().section(QLatin1Char(' '), 1);
        QVERIFY2(output.contains("Ciphersuite: " + suite.toLatin1()), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestTlsPolicy)
#include "TestTlsPolicy.moc"
