// The port probe: a port held by another socket (and, on Linux, which program holds it),
// duplicates among the wanted bindings, privileged ports with a stubbed capability reader,
// addresses that are not on this computer, Tegami's own listeners, and the firewall list.
#include "diag/PortProbe.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QTcpServer>
#include <QTest>

using namespace tegami;

namespace {

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

ProbeEntry entry(const QString& protocol, const QString& address, quint16 port, const QString& tls = {})
{
    return ProbeEntry { protocol, address, port, tls };
}

PortProbe unprivileged(int start = 1024)
{
    PortProbe probe;
    probe.setPrivilegeReader([start] { return PortPrivileges { false, start }; });
    probe.setDaemonPath(QStringLiteral("/opt/tegami/bin/tegamid"));
    return probe;
}

QString ownComm()
{
    QFile f(QStringLiteral("/proc/self/comm"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

const ProbeProblem* problem(const ProbeResult& r, const QString& kind)
{
    for (const ProbeProblem& p : r.problems) {
        if (p.kind == kind)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestPortProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freePortIsFine()
    {
        const quint16 port = freePort();
        const ProbeReport report = PortProbe().probe({ entry("imap", "127.0.0.1", port, "starttls") });
        QCOMPARE(report.results.size(), 1);
        const ProbeResult& r = report.results.first();
        QVERIFY2(r.ok(), qPrintable(QJsonDocument(r.toJson()).toJson()));
        QVERIFY(!r.holder);
        QVERIFY(r.tegamiListener.isEmpty());
        QVERIFY(!r.toJson().contains("usedBy"));
        QVERIFY(report.ok());
    }

    void portHeldByThisProcessIsInUse_data()
    {
        QTest::addColumn<QString>("held");
        QTest::addColumn<QString>("probed");
        QTest::newRow("same address") << "127.0.0.1"
                                      << "127.0.0.1";
        QTest::newRow("wildcard over a held address") << "127.0.0.1"
                                                      << "0.0.0.0";
        QTest::newRow("ipv6 loopback") << "::1"
                                       << "::1";
    }

    void portHeldByThisProcessIsInUse()
    {
        QFETCH(QString, held);
        QFETCH(QString, probed);
        QTcpServer holder;
        if (!holder.listen(QHostAddress(held), 0))
            QSKIP("cannot listen on this address here");
        const ProbeReport report = PortProbe().probe({ entry("pop3", probed, holder.serverPort()) });
        const ProbeResult& r = report.results.first();
        QVERIFY(!r.ok());
        const ProbeProblem* inUse = problem(r, "in-use");
        QVERIFY2(inUse, qPrintable(QJsonDocument(r.toJson()).toJson()));
        QVERIFY(inUse->message.contains(QString::number(holder.serverPort())));
        QVERIFY(!inUse->fix.isEmpty());
        QVERIFY(r.holder);
#ifdef Q_OS_LINUX
        QCOMPARE(r.holder->pid, QCoreApplication::applicationPid());
        QCOMPARE(r.holder->program, ownComm());
        QVERIFY(inUse->message.contains(ownComm()));
        const QJsonObject usedBy = r.toJson().value("usedBy").toObject();
        QCOMPARE(usedBy.value("program").toString(), ownComm());
        QCOMPARE(usedBy.value("pid").toInteger(), QCoreApplication::applicationPid());
#endif
    }

    void holderIsFoundWithoutBinding()
    {
#ifndef Q_OS_LINUX
        QSKIP("the socket table is read on Linux only");
#endif
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        const std::optional<SocketHolder> h = findListeningSocketHolder(QHostAddress::LocalHost, holder.serverPort());
        QVERIFY(h);
        QCOMPARE(h->pid, QCoreApplication::applicationPid());
        QVERIFY(!h->command.isEmpty());
        holder.close();
        QVERIFY(!findListeningSocketHolder(QHostAddress::LocalHost, holder.serverPort()));
    }

    void holderOnAnotherAddressDoesNotCount()
    {
#ifndef Q_OS_LINUX
        QSKIP("the socket table is read on Linux only");
#endif
        QTcpServer holder;
        if (!holder.listen(QHostAddress(QStringLiteral("127.0.0.2")), 0))
            QSKIP("no 127.0.0.2 here");
        const quint16 port = holder.serverPort();
        QVERIFY(!findListeningSocketHolder(QHostAddress::LocalHost, port));
        QVERIFY(findListeningSocketHolder(QHostAddress::AnyIPv4, port));
        // The probe agrees, privilege or not.
        PortProbe probe;
        probe.setPrivilegeReader([] { return PortPrivileges { false, 65535 }; });
        const ProbeResult r = probe.probe({ entry("imap", "127.0.0.1", port) }).results.first();
        QVERIFY(problem(r, "privileged"));
        QVERIFY(!problem(r, "in-use"));
    }

    void duplicates()
    {
        const quint16 port = freePort();
        const ProbeReport report = PortProbe().probe({
            entry("smtp", "0.0.0.0", port), entry("submission", "127.0.0.1", port),
            entry("imap", "127.0.0.2", port + 0), // overlaps the wildcard only
            entry("pop3", "::1", port), // another family: no clash with 0.0.0.0
        });
        QCOMPARE(report.results.size(), 4);
        const ProbeProblem* dup = problem(report.results.at(0), "duplicate");
        QVERIFY(dup);
        QVERIFY(dup->message.contains(QStringLiteral("smtp listener on 0.0.0.0:%1").arg(port)));
        QVERIFY(dup->fix.contains(QStringLiteral("different local addresses")));
        QVERIFY(problem(report.results.at(1), "duplicate"));
        QVERIFY(problem(report.results.at(2), "duplicate"));
        QVERIFY(!problem(report.results.at(3), "duplicate"));
        QVERIFY(!report.ok());

        // The MX and a client listener on one port but on different local addresses are fine.
        const ProbeReport apart
            = PortProbe().probe({ entry("smtp", "127.0.0.1", port), entry("submission", "127.0.0.2", port) });
        QVERIFY(!problem(apart.results.at(0), "duplicate"));
        QVERIFY(!problem(apart.results.at(1), "duplicate"));
    }

    void privilegedPortWithoutCapability()
    {
        const ProbeReport report
            = unprivileged().probe({ entry("smtp", "127.0.0.1", 25), entry("imap", "127.0.0.1", freePort()) });
        const ProbeProblem* p = problem(report.results.at(0), "privileged");
        QVERIFY(p);
        QVERIFY(p->message.contains(QStringLiteral("port 25 is below 1024")));
        QVERIFY(p->fix.contains(QStringLiteral("AmbientCapabilities=CAP_NET_BIND_SERVICE")));
        QVERIFY(p->fix.contains(QStringLiteral("sudo setcap cap_net_bind_service=+ep /opt/tegami/bin/tegamid")));
        QVERIFY(!problem(report.results.at(1), "privileged"));

        // net.ipv4.ip_unprivileged_port_start lowered to 80: 110 needs no privilege.
        const ProbeReport lowered = unprivileged(80).probe({ entry("pop3", "127.0.0.1", 110) });
        QVERIFY(!problem(lowered.results.first(), "privileged"));

        PortProbe allowed;
        allowed.setPrivilegeReader([] { return PortPrivileges { true, 1024 }; });
        QVERIFY(!problem(allowed.probe({ entry("smtp", "127.0.0.1", 25) }).results.first(), "privileged"));
    }

    void addressNotOnThisComputer()
    {
        PortProbe probe;
        probe.setLocalAddresses({ QHostAddress::LocalHost, QHostAddress(QStringLiteral("10.1.2.3")) });
        const ProbeReport report
            = probe.probe({ entry("imap", "192.0.2.77", freePort()), entry("imap", "mail.example.com", 993) });
        const ProbeProblem* p = problem(report.results.at(0), "address");
        QVERIFY(p);
        QVERIFY(p->message.contains(QStringLiteral("192.0.2.77 is not an address of this computer")));
        QVERIFY(p->fix.contains(QStringLiteral("10.1.2.3")));
        QCOMPARE(report.results.at(0).problems.size(), 1); // the failed bind does not say it twice
        QVERIFY(problem(report.results.at(1), "address"));

        // One of this computer's own addresses is fine.
        for (const QHostAddress& a : QNetworkInterface::allAddresses()) {
            if (a.isLoopback() || a.isLinkLocal() || a.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            const ProbeReport own = PortProbe().probe({ entry("imap", a.toString(), freePort()) });
            QVERIFY2(own.ok(), qPrintable(QJsonDocument(own.toJson()).toJson()));
            return;
        }
    }

    void tegamisOwnListeners()
    {
        // The socket stands for one of Tegami's running listeners.
        QTcpServer own;
        QVERIFY(own.listen(QHostAddress::AnyIPv4, 0));
        const quint16 port = own.serverPort();
        PortProbe probe;
        probe.setRunningListeners({ RunningListener { "imap", "0.0.0.0", port } });

        const ProbeReport same = probe.probe({ entry("imap", "0.0.0.0", port) });
        QVERIFY(same.ok());
        QCOMPARE(
            same.results.first().toJson().value("usedBy").toObject(), (QJsonObject { { "tegami", "imap listener" } }));

        const ProbeReport other = probe.probe({ entry("pop3", "127.0.0.1", port) });
        const ProbeProblem* p = problem(other.results.first(), "in-use");
        QVERIFY(p);
        QVERIFY(p->message.contains(QStringLiteral("Tegami's own imap listener")));
        QCOMPARE(other.results.first().toJson().value("usedBy").toObject().value("tegami").toString(),
            QStringLiteral("imap listener"));

        // With the complete list of wanted listeners, one that is not among them stops first.
        const ProbeReport moved = probe.probe({ entry("pop3", "127.0.0.1", port) }, true);
        QVERIFY(moved.ok());
        const ProbeReport kept
            = probe.probe({ entry("pop3", "127.0.0.1", port), entry("imap", "0.0.0.0", port) }, true);
        QVERIFY(problem(kept.results.at(0), "in-use"));
        QVERIFY(problem(kept.results.at(0), "duplicate"));
    }

    void firewallReminders()
    {
        const ProbeReport report = PortProbe().probe({
            entry("imap", "0.0.0.0", 993, "implicit"),
            entry("imap", "::", 993, "implicit"),
            entry("submission", "0.0.0.0", 587, "starttls"),
            entry("smtp", "0.0.0.0", 25, "starttls"),
            entry("pop3", "127.0.0.1", 110, "starttls"),
        });
        QCOMPARE(report.firewall,
            (QStringList { "open TCP 993 for IMAP4 over TLS", "open TCP 587 for SMTP submission with STARTTLS",
                "open TCP 25 for inbound mail (SMTP, MX) with STARTTLS" }));
        QCOMPARE(firewallReminder(entry({}, "0.0.0.0", 8080)), QStringLiteral("open TCP 8080"));
    }

    void jsonShape()
    {
        const ProbeReport report = unprivileged().probe({ entry("smtp", "127.0.0.1", 25, "starttls") });
        const QJsonObject o = report.toJson();
        QCOMPARE(o.value("ok").toBool(), false);
        QVERIFY(o.value("firewall").isArray());
        const QJsonObject r = o.value("listeners").toArray().first().toObject();
        QCOMPARE(r.value("address").toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(r.value("port").toInt(), 25);
        QCOMPARE(r.value("protocol").toString(), QStringLiteral("smtp"));
        QCOMPARE(r.value("ok").toBool(), false);
        const QJsonObject p = r.value("problems").toArray().first().toObject();
        QCOMPARE(p.value("kind").toString(), QStringLiteral("privileged"));
        QVERIFY(!p.value("message").toString().isEmpty());
        QVERIFY(!p.value("fix").toString().isEmpty());
    }

    void currentPrivilegesReadTheSysctl()
    {
#ifndef Q_OS_LINUX
        QSKIP("Linux only");
#endif
        QFile f(QStringLiteral("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
        if (!f.open(QIODevice::ReadOnly))
            QSKIP("no sysctl here");
        QCOMPARE(PortPrivileges::current().unprivilegedPortStart, f.readAll().trimmed().toInt());
    }
};

QTEST_GUILESS_MAIN(TestPortProbe)
#include "TestPortProbe.moc"
