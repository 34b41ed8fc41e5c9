// Route resolution with a scripted DNS: routes, smarthost, MX order, the implicit MX,
// null MX, NXDOMAIN, DNS failures, mail loops.

#include <QTest>

#include "OutboundTestUtil.h"
#include "outbound/RouteResolver.h"

using namespace tegami;
using namespace tegami::test;

namespace {

Route resolve(
    FakeMxLookup& dns, const QString& domain, const OutboundRouteConfig& config, RouteResolver::Options options = {})
{
    RouteResolver resolver(dns, options);
    std::optional<Route> out;
    resolver.resolve(domain, config, [&out](Route r) { out = std::move(r); });
    if (out)
        qFatal("resolve() answered from inside itself");
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 5000))
        qFatal("no route");
    return *out;
}

// "kind host:port [addresses] tls" per hop, or "FAIL perm|temp code text".
QStringList describe(const Route& route)
{
    if (route.failure)
        return { QStringLiteral("FAIL %1 %2")
                     .arg(route.failure->permanent ? QStringLiteral("perm") : QStringLiteral("temp"),
                         route.failure->enhancedCode) };
    QStringList out;
    for (const NextHop& h : route.hops) {
        QStringList addresses;
        for (const QHostAddress& a : h.addresses)
            addresses << a.toString();
        out << QStringLiteral("%1 %2:%3 [%4] tls%5")
                   .arg(int(h.kind))
                   .arg(h.host)
                   .arg(h.port)
                   .arg(addresses.join(QLatin1Char(',')))
                   .arg(int(h.tls));
    }
    return out;
}

OutboundRouteConfig config()
{
    OutboundRouteConfig c;
    c.ownNames = { QStringLiteral("tegami.test") };
    return c;
}

} // namespace

class TestOutboundRoutes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hostPort()
    {
        using HP = RouteResolver;
        QCOMPARE(
            HP::parseHostPort(QStringLiteral("Smtp.Example.COM:587"), 25)->host, QStringLiteral("smtp.example.com"));
        QCOMPARE(HP::parseHostPort(QStringLiteral("smtp.example.com:587"), 25)->port, 587);
        QCOMPARE(HP::parseHostPort(QStringLiteral("smtp.example.com"), 465)->port, 465);
        QCOMPARE(HP::parseHostPort(QStringLiteral("[2001:db8::1]:2525"), 25)->host, QStringLiteral("2001:db8::1"));
        QCOMPARE(HP::parseHostPort(QStringLiteral("[2001:db8::1]:2525"), 25)->port, 2525);
        QCOMPARE(HP::parseHostPort(QStringLiteral("10.0.0.5:25"), 1)->host, QStringLiteral("10.0.0.5"));
        QCOMPARE(HP::parseHostPort(QString::fromUtf8("b\xc3\xbc"
                                                     "cher.example:25"),
                     1)
                     ->host,
            QStringLiteral("xn--bcher-kva.example"));
        for (const char* bad : { "host:0", "host:70000", "host:x", "[::1", "[nope]:25", "bad host:25", ":25", "" })
            QVERIFY2(!HP::parseHostPort(QString::fromLatin1(bad), 25), bad);
    }

    void routeEntry()
    {
        FakeMxLookup dns;
        dns.setHost(QStringLiteral("relay.branch.example"), { QStringLiteral("10.0.0.5") });
        OutboundRouteConfig c = config();
        c.routes = { QStringLiteral("other.example=10.9.9.9:25"),
            QStringLiteral("Branch.Example=relay.branch.example:2525") };
        c.smarthost = QStringLiteral("smart.example:587"); // routes come first
        QCOMPARE(describe(resolve(dns, QStringLiteral("branch.example"), c)),
            QStringList { "0 relay.branch.example:2525 [10.0.0.5] tls0" });
        // Exact domain only: a subdomain is not routed by the entry.
        dns.setHost(QStringLiteral("smart.example"), { QStringLiteral("192.0.2.7") });
        QCOMPARE(describe(resolve(dns, QStringLiteral("sub.branch.example"), c)),
            QStringList { "1 smart.example:587 [192.0.2.7] tls1" });
        // IDN: the entry and the domain meet in ACE form.
        c.routes = { QString::fromUtf8("b\xc3\xbc"
                                       "cher.example=10.0.0.6") };
        QCOMPARE(describe(resolve(dns, QStringLiteral("XN--BCHER-KVA.example"), c)),
            QStringList { "0 10.0.0.6:25 [10.0.0.6] tls0" });
        c.routes = { QStringLiteral("bad.example=not a host") };
        QCOMPARE(describe(resolve(dns, QStringLiteral("bad.example"), c)), QStringList { "FAIL temp 4.3.5" });
    }

    void smarthost()
    {
        FakeMxLookup dns;
        dns.setHost(
            QStringLiteral("smtp.provider.example"), { QStringLiteral("192.0.2.7"), QStringLiteral("2001:db8::7") });
        OutboundRouteConfig c = config();
        c.smarthost = QStringLiteral("smtp.provider.example");
        c.smarthostUser = QStringLiteral("office");
        c.smarthostPassword = QStringLiteral("s3cret");
        Route r = resolve(dns, QStringLiteral("example.net"), c);
        QCOMPARE(describe(r), QStringList { "1 smtp.provider.example:587 [192.0.2.7,2001:db8::7] tls1" });
        QCOMPARE(r.hops[0].user, QStringLiteral("office"));
        QVERIFY(r.hops[0].verifyCertificate);
        QVERIFY(!r.notes.join(QLatin1Char(' ')).contains(QLatin1String("s3cret")));
        c.smarthostTls = QStringLiteral("implicit");
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), c)),
            QStringList { "1 smtp.provider.example:465 [192.0.2.7,2001:db8::7] tls2" });
        c.smarthostTls = QStringLiteral("none");
        c.smarthost = QStringLiteral("smtp.provider.example:25");
        r = resolve(dns, QStringLiteral("example.net"), c);
        QCOMPARE(describe(r), QStringList { "1 smtp.provider.example:25 [192.0.2.7,2001:db8::7] tls3" });
        QVERIFY(!r.hops[0].verifyCertificate);
        c.smarthost = QStringLiteral("unknown.example:25");
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), c)), QStringList { "FAIL temp 4.4.3" });
        c.smarthost = QStringLiteral("smtp.provider.example:99999");
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), c)), QStringList { "FAIL temp 4.3.5" });
    }

    void mxOrder()
    {
        FakeMxLookup dns;
        dns.setMx(QStringLiteral("example.net"),
            { { QStringLiteral("mx3.example.net"), 30 }, { QStringLiteral("mx1a.example.net"), 10 },
                { QStringLiteral("mx1b.example.net"), 10 }, { QStringLiteral("mx2.example.net"), 20 } });
        dns.setHost(QStringLiteral("mx1a.example.net"), { QStringLiteral("192.0.2.1") });
        dns.setHost(QStringLiteral("mx1b.example.net"), { QStringLiteral("192.0.2.2") });
        dns.setHost(QStringLiteral("mx2.example.net"), { QStringLiteral("192.0.2.3") });
        dns.setHost(QStringLiteral("mx3.example.net"), { QStringLiteral("192.0.2.4") });
        QSet<QString> firsts;
        for (int i = 0; i < 40; ++i) {
            const Route r = resolve(dns, QStringLiteral("Example.NET"), config());
            QCOMPARE(r.hops.size(), size_t(4));
            QVERIFY(r.hops[0].host.startsWith(QLatin1String("mx1")) && r.hops[1].host.startsWith(QLatin1String("mx1")));
            QCOMPARE(r.hops[2].host, QStringLiteral("mx2.example.net"));
            QCOMPARE(r.hops[3].host, QStringLiteral("mx3.example.net"));
            QCOMPARE(r.hops[3].port, 25);
            QCOMPARE(r.hops[0].kind, HopKind::Mx);
            QCOMPARE(r.hops[0].tls, HopTls::Opportunistic);
            firsts << r.hops[0].host;
        }
        QCOMPARE(firsts.size(), 2); // equal preferences are shuffled

        // An MX host without an address is skipped; requireTls makes STARTTLS mandatory.
        dns.hosts.remove(QStringLiteral("mx2.example.net"));
        OutboundRouteConfig c = config();
        c.requireTls = true;
        const Route r = resolve(dns, QStringLiteral("example.net"), c);
        QCOMPARE(r.hops.size(), size_t(3));
        QCOMPARE(r.hops[2].host, QStringLiteral("mx3.example.net"));
        QCOMPARE(r.hops[0].tls, HopTls::RequireStartTls);
        QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QLatin1String("MX host mx2.example.net: no address")));
    }

    void implicitMx()
    {
        FakeMxLookup dns;
        dns.mx[QStringLiteral("example.net")] = { DnsStatus::NoRecords, {}, {} };
        dns.setHost(QStringLiteral("example.net"), { QStringLiteral("192.0.2.9") });
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config())),
            QStringList { "3 example.net:25 [192.0.2.9] tls0" });
        dns.hosts.clear();
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config())), QStringList { "FAIL perm 5.1.2" });
        dns.hosts[QStringLiteral("example.net")] = { DnsStatus::TemporaryFailure, {}, QStringLiteral("timeout") };
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config())), QStringList { "FAIL temp 4.4.3" });
    }

    void dnsFailures()
    {
        FakeMxLookup dns;
        QCOMPARE(
            describe(resolve(dns, QStringLiteral("nowhere.example"), config())), QStringList { "FAIL perm 5.1.2" });
        dns.mx[QStringLiteral("flaky.example")] = { DnsStatus::TemporaryFailure, {}, QStringLiteral("SERVFAIL") };
        QCOMPARE(describe(resolve(dns, QStringLiteral("flaky.example"), config())), QStringList { "FAIL temp 4.4.3" });
        dns.setMx(QStringLiteral("null.example"), { { QStringLiteral("."), 0 } });
        Route r = resolve(dns, QStringLiteral("null.example"), config());
        QCOMPARE(describe(r), QStringList { "FAIL perm 5.1.10" });
        QVERIFY(r.failure->text.contains(QLatin1String("does not accept mail")));
        dns.setMx(QStringLiteral("null2.example"), { { QString(), 0 } }); // Qt's form of "."
        QCOMPARE(describe(resolve(dns, QStringLiteral("null2.example"), config())), QStringList { "FAIL perm 5.1.10" });
        // MX hosts that all fail to resolve: temporary.
        dns.setMx(QStringLiteral("lame.example"), { { QStringLiteral("mx.lame.example"), 10 } });
        QCOMPARE(describe(resolve(dns, QStringLiteral("lame.example"), config())), QStringList { "FAIL temp 4.4.3" });
        QCOMPARE(describe(resolve(dns, QStringLiteral("bad..name"), config())), QStringList { "FAIL perm 5.1.2" });
    }

    void mailLoop()
    {
        FakeMxLookup dns;
        dns.setMx(QStringLiteral("example.net"), { { QStringLiteral("TEGAMI.test."), 10 } });
        Route r = resolve(dns, QStringLiteral("example.net"), config());
        QCOMPARE(describe(r), QStringList { "FAIL temp 4.4.6" });
        QVERIFY(r.failure->text.contains(QLatin1String("mail loop")));
        // We are a backup MX: only the more preferred host may be used.
        dns.setMx(QStringLiteral("example.net"),
            { { QStringLiteral("tegami.test"), 20 }, { QStringLiteral("primary.example.net"), 10 },
                { QStringLiteral("other.example.net"), 30 } });
        dns.setHost(QStringLiteral("primary.example.net"), { QStringLiteral("192.0.2.1") });
        dns.setHost(QStringLiteral("other.example.net"), { QStringLiteral("192.0.2.2") });
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config())),
            QStringList { "2 primary.example.net:25 [192.0.2.1] tls0" });
        // An MX resolving to loopback is skipped, unless allowed (tests).
        dns.setMx(QStringLiteral("example.net"), { { QStringLiteral("mx.example.net"), 10 } });
        dns.setHost(QStringLiteral("mx.example.net"), { QStringLiteral("127.0.0.1"), QStringLiteral("::1") });
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config())), QStringList { "FAIL temp 4.4.6" });
        RouteResolver::Options allow;
        allow.allowLoopbackMx = true;
        allow.mxPort = 2525;
        QCOMPARE(describe(resolve(dns, QStringLiteral("example.net"), config(), allow)),
            QStringList { "2 mx.example.net:2525 [127.0.0.1,::1] tls0" });
    }

    void addressLiteral()
    {
        FakeMxLookup dns;
        QCOMPARE(describe(resolve(dns, QStringLiteral("[192.0.2.44]"), config())),
            QStringList { "3 192.0.2.44:25 [192.0.2.44] tls0" });
        QCOMPARE(describe(resolve(dns, QStringLiteral("[IPv6:2001:db8::5]"), config())),
            QStringList { "3 2001:db8::5:25 [2001:db8::5] tls0" });
        QCOMPARE(describe(resolve(dns, QStringLiteral("[127.0.0.1]"), config())), QStringList { "FAIL perm 5.1.2" });
        QVERIFY(dns.queries.isEmpty());
    }

    void configFromSettings()
    {
        Settings s = Settings::defaults();
        QVERIFY(s.set(QStringLiteral("server.fqdn"), QStringLiteral("Mail.Tegami.test")).ok());
        QVERIFY(s.set(QStringLiteral("smtp.fqdn"), QStringLiteral("mx.tegami.test")).ok());
        QVERIFY(s.set(QStringLiteral("outbound.smarthost"), QStringLiteral("smtp.provider.example:587")).ok());
        QVERIFY(s.set(QStringLiteral("outbound.routes"), QJsonArray { QStringLiteral("a.example=10.0.0.1:25") }).ok());
        const OutboundRouteConfig c = OutboundRouteConfig::fromSettings(s);
        QCOMPARE(c.smarthost, QStringLiteral("smtp.provider.example:587"));
        QCOMPARE(c.routes, QStringList { "a.example=10.0.0.1:25" });
        QVERIFY(c.ownNames.contains(QStringLiteral("mail.tegami.test")));
        QVERIFY(c.ownNames.contains(QStringLiteral("mx.tegami.test")));
        QCOMPARE(c.smarthostTls, QStringLiteral("starttls"));
        QVERIFY(c.smarthostVerifyCertificate);
    }

    void destroyedResolverNeverAnswers()
    {
        FakeMxLookup dns;
        bool called = false;
        {
            RouteResolver resolver(dns, {});
            resolver.resolve(QStringLiteral("example.net"), config(), [&called](Route) { called = true; });
        }
        QTest::qWait(50);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestOutboundRoutes)
#include "TestOutboundRoutes.moc"
