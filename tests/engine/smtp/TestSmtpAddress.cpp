// The pure parts of MAIL and RCPT: paths, relay tricks, parameters (SIZE, BODY, SMTPUTF8,
// DSN), xtext, trusted networks; and SASL decoding.

#include "smtp/SmtpAddress.h"
#include "accounts/SaslExchange.h"

#include <QTest>

using namespace tegami;

class TestSmtpAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsPaths_data()
    {
        QTest::addColumn<QByteArray>("args");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("params");
        QTest::newRow("plain") << QByteArray("FROM:<a@b.example>") << QByteArray("a@b.example") << QByteArray();
        QTest::newRow("lower case") << QByteArray("from:<a@b>") << QByteArray("a@b") << QByteArray();
        QTest::newRow("null") << QByteArray("FROM:<>") << QByteArray() << QByteArray();
        QTest::newRow("space after colon") << QByteArray("FROM: <a@b>") << QByteArray("a@b") << QByteArray();
        QTest::newRow("params") << QByteArray("FROM:<a@b> SIZE=10  BODY=8BITMIME") << QByteArray("a@b")
                                << QByteArray("SIZE=10  BODY=8BITMIME");
        QTest::newRow("auth param with brackets")
            << QByteArray("FROM:<a@b> AUTH=<>") << QByteArray("a@b") << QByteArray("AUTH=<>");
        QTest::newRow("quoted with >") << QByteArray("FROM:<\"x>y\"@b>") << QByteArray("\"x>y\"@b") << QByteArray();
        QTest::newRow("source route") << QByteArray("FROM:<@a,@b:u@c>") << QByteArray("@a,@b:u@c") << QByteArray();
    }

    void splitsPaths()
    {
        QFETCH(QByteArray, args);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, params);
        const SmtpPathArgument a = splitPathArgument(args, "FROM", "5.1.7");
        QVERIFY2(!a.error, a.error ? a.error->text.constData() : "");
        QCOMPARE(a.path, path);
        QCOMPARE(a.parameters, params);
    }

    void refusesMalformedPaths_data()
    {
        QTest::addColumn<QByteArray>("args");
        QTest::newRow("no brackets") << QByteArray("TO:a@b");
        QTest::newRow("no colon") << QByteArray("TO <a@b>");
        QTest::newRow("wrong keyword") << QByteArray("FROM:<a@b>");
        QTest::newRow("unclosed") << QByteArray("TO:<a@b");
        QTest::newRow("space inside") << QByteArray("TO:<a @b>");
        QTest::newRow("glued param") << QByteArray("TO:<a@b>NOTIFY=NEVER");
        QTest::newRow("empty") << QByteArray("");
    }

    void refusesMalformedPaths()
    {
        QFETCH(QByteArray, args);
        const SmtpPathArgument a = splitPathArgument(args, "TO", "5.1.3");
        QVERIFY(a.error);
        QCOMPARE(a.error->code, 501);
        QCOMPARE(a.error->status, QByteArray("5.1.3"));
    }

    void namesRelayTricks_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("word");
        QTest::newRow("percent") << QStringLiteral("user%evil.example@example.com") << QStringLiteral("percent");
        QTest::newRow("source route") << QStringLiteral("@relay.example:user@evil.example")
                                      << QStringLiteral("source route");
        QTest::newRow("source route list")
            << QStringLiteral("@a.example,@b.example:user@evil.example") << QStringLiteral("source route");
        QTest::newRow("quoted") << QStringLiteral("\"user@evil.example\"@example.com") << QStringLiteral("quoted");
        QTest::newRow("bang") << QStringLiteral("evil.example!user@example.com") << QStringLiteral("bang");
        QTest::newRow("bang without domain") << QStringLiteral("evil.example!user") << QStringLiteral("bang");
        QTest::newRow("two @") << QStringLiteral("user@evil.example@example.com") << QStringLiteral("more than one");
        QTest::newRow("literal") << QStringLiteral("user@[192.0.2.1]") << QStringLiteral("literal");
    }

    void namesRelayTricks()
    {
        QFETCH(QString, path);
        QFETCH(QString, word);
        const std::optional<QString> trick = relayTrick(path);
        QVERIFY(trick);
        QVERIFY2(trick->contains(word), qPrintable(*trick));
        QVERIFY(!relayTrick(QStringLiteral("user.name+tag@example.com")));
    }

    void mailParameters()
    {
        MailParameters p = parseMailParameters("SIZE=1000 BODY=8bitmime SMTPUTF8 RET=HDRS ENVID=QQ+2B123 AUTH=<>");
        QVERIFY(!p.error);
        QCOMPARE(p.size, std::optional<qint64>(1000));
        QVERIFY(p.eightBitMime);
        QVERIFY(p.smtpUtf8);
        QCOMPARE(p.ret, DsnRet::Headers);
        QCOMPARE(p.envId, QStringLiteral("QQ+123"));
        p = parseMailParameters("");
        QVERIFY(!p.error);
        QVERIFY(!p.size);
        QCOMPARE(p.ret, DsnRet::Default);
        QCOMPARE(parseMailParameters("BODY=7BIT RET=FULL").ret, DsnRet::Full);
    }

    void mailParameterErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        QTest::newRow("binarymime") << QByteArray("BODY=BINARYMIME") << 555;
        QTest::newRow("unknown") << QByteArray("XFOO=1") << 555;
        QTest::newRow("unknown flag") << QByteArray("XCLIENT") << 555;
        QTest::newRow("bad body") << QByteArray("BODY=9BIT") << 501;
        QTest::newRow("size not a number") << QByteArray("SIZE=ten") << 501;
        QTest::newRow("size negative") << QByteArray("SIZE=-1") << 501;
        QTest::newRow("size huge") << QByteArray("SIZE=99999999999999999999") << 501;
        QTest::newRow("size without value") << QByteArray("SIZE") << 501;
        QTest::newRow("duplicate") << QByteArray("SIZE=1 size=2") << 501;
        QTest::newRow("smtputf8 value") << QByteArray("SMTPUTF8=yes") << 501;
        QTest::newRow("bad ret") << QByteArray("RET=ALL") << 501;
        QTest::newRow("bad envid xtext") << QByteArray("ENVID=a+zz") << 501;
        QTest::newRow("long envid") << QByteArray("ENVID=" + QByteArray(101, 'x')) << 501;
        QTest::newRow("empty value") << QByteArray("SIZE=") << 501;
        QTest::newRow("bad keyword") << QByteArray("-X=1") << 501;
    }

    void mailParameterErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        const MailParameters p = parseMailParameters(text);
        QVERIFY(p.error);
        QCOMPARE(p.error->code, code);
        QCOMPARE(p.error->status, QByteArray("5.5.4"));
    }

    void rcptParameters()
    {
        RcptParameters p = parseRcptParameters("NOTIFY=SUCCESS,failure ORCPT=rfc822;bob+2Bx@example.net");
        QVERIFY(!p.error);
        QCOMPARE(p.notify, DsnNotifySuccess | DsnNotifyFailure);
        QCOMPARE(p.orcpt, QStringLiteral("rfc822;bob+x@example.net"));
        QCOMPARE(parseRcptParameters("NOTIFY=NEVER").notify, int(DsnNotifyNever));
        QCOMPARE(parseRcptParameters("").notify, 0);
        for (const char* bad : { "NOTIFY=NEVER,SUCCESS", "NOTIFY=SOMETIMES", "NOTIFY=", "ORCPT=bob@example.net",
                 "ORCPT=;bob@x", "ORCPT=rfc822;", "ORCPT=rfc822;a+4", "SIZE=10" }) {
            const RcptParameters r = parseRcptParameters(bad);
            QVERIFY2(r.error, bad);
            QCOMPARE(r.error->status, QByteArray("5.5.4"));
        }
        QCOMPARE(parseRcptParameters("SIZE=10").error->code, 555);
    }

    void xtext()
    {
        QCOMPARE(decodeXtext("abc"), std::optional<QByteArray>("abc"));
        QCOMPARE(decodeXtext("a+2Bb+3Dc"), std::optional<QByteArray>("a+b=c"));
        QCOMPARE(decodeXtext(""), std::optional<QByteArray>(""));
        QVERIFY(!decodeXtext("a+2b")); // lower-case hex is not xtext
        QVERIFY(!decodeXtext("a+2"));
        QVERIFY(!decodeXtext("a+"));
        QVERIFY(!decodeXtext("a=b"));
        QVERIFY(!decodeXtext("a b"));
    }

    void smtpUtf8Detection()
    {
        QVERIFY(!needsSmtpUtf8("user@example.com"));
        QVERIFY(needsSmtpUtf8("\xe3\x81\x82@example.com"));
        QVERIFY(needsSmtpUtf8("user@\xe4\xbe\x8b\xe3\x81\x88.jp"));
    }

    void trustedNetworks()
    {
        const QStringList nets = { QStringLiteral("192.168.1.0/24"), QStringLiteral("2001:db8::/32") };
        QVERIFY(addressInNetworks(QStringLiteral("192.168.1.20"), nets));
        QVERIFY(addressInNetworks(QStringLiteral("::ffff:192.168.1.20"), nets));
        QVERIFY(addressInNetworks(QStringLiteral("2001:db8::5"), nets));
        QVERIFY(!addressInNetworks(QStringLiteral("192.168.2.20"), nets));
        QVERIFY(!addressInNetworks(QStringLiteral("not an address"), nets));
        QVERIFY(!addressInNetworks(QStringLiteral("192.168.1.20"), {}));
        QCOMPARE(canonicalRemoteAddress(QStringLiteral("::ffff:10.0.0.1")), QStringLiteral("10.0.0.1"));
    }

    void sasl()
    {
        SaslExchange plain("plain");
        SaslStep step = plain.start(QByteArray("AGFAZXhhbXBsZS5jb20Ac2VjcmV0"));
        QCOMPARE(step.kind, SaslStep::Kind::Done);
        QCOMPARE(step.credentials.username, QStringLiteral("a@example.com"));
        QCOMPARE(step.credentials.password, QStringLiteral("secret"));
        SaslExchange login("LOGIN");
        step = login.start(std::nullopt);
        QCOMPARE(step.challenge, QByteArray("VXNlcm5hbWU6"));
        step = login.respond("YUBleGFtcGxlLmNvbQ==");
        QCOMPARE(step.challenge, QByteArray("UGFzc3dvcmQ6"));
        step = login.respond("*");
        QCOMPARE(step.kind, SaslStep::Kind::Cancelled);
        QCOMPARE(SaslExchange("PLAIN").start(QByteArray("not base64!")).kind, SaslStep::Kind::Failed);
    }
};

QTEST_GUILESS_MAIN(TestSmtpAddress)
#include "TestSmtpAddress.moc"
