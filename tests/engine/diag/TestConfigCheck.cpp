// The configuration check: each dashboard warning as an item with the page and wizard that
// fix it, from hand-built facts.
#include "diag/ConfigCheck.h"

#include <QJsonArray>
#include <QTest>

using namespace tegami;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 30), QTime(6, 0), Qt::UTC);

ListenerView listener(Protocol p, quint16 port, TlsMode tls, bool listening = true, bool tlsAvailable = true)
{
    ListenerView l;
    l.protocol = p;
    l.address = QStringLiteral("0.0.0.0");
    l.port = port;
    l.tls = tls;
    l.listening = listening;
    l.tlsAvailable = tlsAvailable;
    l.id = QStringLiteral("%1/0.0.0.0:%2").arg(protocolName(p)).arg(port);
    if (!listening)
        l.failure = QStringLiteral("port %1 on 0.0.0.0 is in use by another program").arg(port);
    return l;
}

CertificateInfo certificate(const QString& id, int daysLeft, bool selfSigned, bool trusted)
{
    CertificateInfo c;
    c.id = id;
    c.subject = QStringLiteral("CN=mail.example.com");
    c.notBefore = kNow.addDays(-10);
    c.notAfter = kNow.addDays(daysLeft).addSecs(3600);
    c.selfSigned = selfSigned;
    c.trusted = trusted;
    c.trustProblem = trusted ? QString() : QStringLiteral("unable to get local issuer certificate");
    return c;
}

// A healthy server: IMAP4 and submission with a trusted certificate, a domain and a user.
ConfigFacts healthy()
{
    ConfigFacts f;
    (void)f.settings.set(QStringLiteral("server.fqdn"), QStringLiteral("mail.example.com"));
    (void)f.settings.set(QStringLiteral("imap.enabled"), true);
    (void)f.settings.set(QStringLiteral("submission.enabled"), true);
    (void)f.settings.set(QStringLiteral("tls.defaultCertificate"), QStringLiteral("c1"));
    f.listeners = { listener(Protocol::Imap, 143, TlsMode::StartTls), listener(Protocol::Imap, 993, TlsMode::Implicit),
        listener(Protocol::Submission, 587, TlsMode::StartTls),
        listener(Protocol::Submission, 465, TlsMode::Implicit) };
    CertificateCheck ok;
    ok.usable = true;
    f.certificateChecks.insert(Protocol::Imap, ok);
    f.certificateChecks.insert(Protocol::Submission, ok);
    f.certificates.insert(QStringLiteral("c1"), certificate(QStringLiteral("c1"), 200, false, true));
    f.domains = 1;
    f.users = 2;
    f.fqdn = QStringLiteral("mail.example.com");
    f.fqdnResolves = true;
    f.now = kNow;
    return f;
}

const ConfigCheckItem* find(const QList<ConfigCheckItem>& items, const QString& id)
{
    for (const ConfigCheckItem& i : items) {
        if (i.id == id)
            return &i;
    }
    return nullptr;
}

QStringList ids(const QList<ConfigCheckItem>& items)
{
    QStringList out;
    for (const ConfigCheckItem& i : items)
        out << i.id;
    return out;
}

} // namespace

class TestConfigCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthyServerHasNothingToSay()
    {
        const QList<ConfigCheckItem> items = runConfigChecks(healthy());
        QVERIFY2(items.isEmpty(), qPrintable(ids(items).join(QStringLiteral(", "))));
    }

    void freshServer()
    {
        ConfigFacts f;
        f.domains = 0;
        f.users = 0;
        f.fqdn = QStringLiteral("officebox");
        f.now = kNow;
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        QCOMPARE(
            ids(items), (QStringList { "no-domain", "no-user", "fqdn-empty", "fqdn-not-qualified", "no-protocol" }));
        const ConfigCheckItem* domain = find(items, "no-domain");
        QVERIFY(domain);
        QCOMPARE(domain->page, QStringLiteral("accounts"));
        QCOMPARE(domain->wizard, QStringLiteral("first-run"));
        QVERIFY(find(items, "no-user"));
        const ConfigCheckItem* fqdn = find(items, "fqdn-empty");
        QVERIFY(fqdn);
        QCOMPARE(fqdn->page, QStringLiteral("settings"));
        QVERIFY(fqdn->message.contains(QStringLiteral("'officebox'")));
        QVERIFY(find(items, "fqdn-not-qualified"));
        const ConfigCheckItem* protocol = find(items, "no-protocol");
        QVERIFY(protocol);
        QCOMPARE(protocol->severity, QStringLiteral("info"));
        QCOMPARE(protocol->wizard, QStringLiteral("protocols"));
        // Warnings before information.
        QCOMPARE(items.last().severity, QStringLiteral("info"));
    }

    void noCertificate()
    {
        ConfigFacts f = healthy();
        (void)f.settings.set(QStringLiteral("tls.defaultCertificate"), QString());
        f.certificates.clear();
        CertificateCheck none;
        none.problems << QStringLiteral("no TLS certificate is assigned to imap");
        f.certificateChecks.insert(Protocol::Imap, none);
        f.certificateChecks.insert(Protocol::Submission, none);
        for (ListenerView& l : f.listeners)
            l.tlsAvailable = false;
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        const ConfigCheckItem* c = find(items, "no-certificate");
        QVERIFY(c);
        QCOMPARE(c->severity, QStringLiteral("error"));
        QCOMPARE(c->page, QStringLiteral("certificates"));
        QCOMPARE(c->wizard, QStringLiteral("certificate"));
        QVERIFY(c->message.contains(QStringLiteral("submission, imap")));
        const ConfigCheckItem* open = find(items, "listener-without-tls.imap");
        QVERIFY(open);
        QVERIFY(open->message.contains(QStringLiteral("port 143, 993")));
        QCOMPARE(open->severity, QStringLiteral("error")); // 993 closes every connection
        QCOMPARE(items.first().severity, QStringLiteral("error"));
    }

    void certificateMismatchExpiryAndTrust()
    {
        ConfigFacts f = healthy();
        CertificateCheck mismatch;
        mismatch.problems << QStringLiteral("the certificate is for other.example, not for mail.example.com");
        f.certificateChecks.insert(Protocol::Imap, mismatch);
        f.certificates.insert(QStringLiteral("c1"), certificate(QStringLiteral("c1"), 12, false, false));
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        const ConfigCheckItem* m = find(items, "certificate.imap");
        QVERIFY(m);
        QCOMPARE(m->severity, QStringLiteral("error"));
        QVERIFY(m->message.contains(QStringLiteral("not for mail.example.com")));
        QVERIFY(!find(items, "certificate.submission"));
        const ConfigCheckItem* e = find(items, "certificate-expiring.c1");
        QVERIFY(e);
        QCOMPARE(e->severity, QStringLiteral("warning"));
        QVERIFY(e->message.contains(QStringLiteral("expires in 12 day(s)")));
        QVERIFY(e->message.contains(QStringLiteral("submission, imap")));
        const ConfigCheckItem* t = find(items, "certificate-untrusted.c1");
        QVERIFY(t);
        QVERIFY(t->message.contains(QStringLiteral("unable to get local issuer")));

        f = healthy();
        f.certificates.insert(QStringLiteral("c1"), certificate(QStringLiteral("c1"), 31, true, false));
        const QList<ConfigCheckItem> selfSigned = runConfigChecks(f);
        QCOMPARE(ids(selfSigned), QStringList { "certificate-self-signed.c1" });
        QCOMPARE(selfSigned.first().severity, QStringLiteral("info"));
    }

    void loginsAndPopBeforeSmtp()
    {
        ConfigFacts f = healthy();
        (void)f.settings.set(QStringLiteral("imap.loginType"), QStringLiteral("plainTextLogin"));
        (void)f.settings.set(QStringLiteral("submission.requireTlsForAuth"), false);
        (void)f.settings.set(QStringLiteral("submission.popBeforeSmtp"), true);
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        for (const char* id : { "plaintext-login.imap", "plaintext-login.submission", "pop-before-smtp" }) {
            const ConfigCheckItem* i = find(items, QString::fromLatin1(id));
            QVERIFY2(i, id);
            QCOMPARE(i->page, QStringLiteral("protocols"));
            QCOMPARE(i->severity, QStringLiteral("warning"));
        }
        QVERIFY(!find(items, "plaintext-login.pop3")); // POP3 is off
    }

    void failedListenerAndMissingBindings()
    {
        ConfigFacts f = healthy();
        f.listeners[1] = listener(Protocol::Imap, 993, TlsMode::Implicit, false);
        (void)f.settings.set(QStringLiteral("pop3.enabled"), true);
        (void)f.settings.set(QStringLiteral("pop3.bindings"), QJsonArray());
        (void)f.settings.set(QStringLiteral("pop3.tlsBindings"), QJsonArray());
        f.certificateChecks.insert(Protocol::Pop3, f.certificateChecks.value(Protocol::Imap));
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        const ConfigCheckItem* failed = find(items, "listener-failed.imap/0.0.0.0:993");
        QVERIFY(failed);
        QCOMPARE(failed->severity, QStringLiteral("error"));
        QCOMPARE(failed->page, QStringLiteral("dashboard"));
        QCOMPARE(failed->wizard, QStringLiteral("ports"));
        QVERIFY(failed->message.contains(QStringLiteral("in use by another program")));
        const ConfigCheckItem* bindings = find(items, "no-bindings.pop3");
        QVERIFY(bindings);
        QCOMPARE(bindings->wizard, QStringLiteral("ports"));
    }

    void readingWithoutSending()
    {
        ConfigFacts f = healthy();
        (void)f.settings.set(QStringLiteral("submission.enabled"), false);
        QVERIFY(find(runConfigChecks(f), "no-submission"));
    }

    void fqdnThatDoesNotResolve()
    {
        ConfigFacts f = healthy();
        f.fqdnResolves = false;
        f.fqdnLookupError = QStringLiteral("Host not found");
        const ConfigCheckItem* i = find(runConfigChecks(f), "fqdn-not-resolving");
        QVERIFY(i);
        QVERIFY(i->message.contains(QStringLiteral("'mail.example.com' does not resolve (Host not found)")));
        QCOMPARE(i->page, QStringLiteral("settings"));
    }

    void engineWarningsNotComputedHereStay()
    {
        ConfigFacts f = healthy();
        f.engineWarnings = { QStringLiteral("imap/0.0.0.0:993 is not listening: port in use"),
            QStringLiteral("3 queued messages could not be read at start and were moved to /x/damaged"),
            QStringLiteral("something new the engine says") };
        const QList<ConfigCheckItem> items = runConfigChecks(f);
        QCOMPARE(ids(items), (QStringList { "queue-damaged", "service.0" }));
        QCOMPARE(items.at(0).page, QStringLiteral("queue"));
        QCOMPARE(items.at(1).page, QStringLiteral("dashboard"));
        QCOMPARE(items.at(1).message, QStringLiteral("something new the engine says"));
    }

    void jsonShape()
    {
        ConfigFacts f = healthy();
        f.domains = 0;
        const QJsonArray a = configChecksJson(runConfigChecks(f));
        QCOMPARE(a.size(), 1);
        const QJsonObject o = a.first().toObject();
        QCOMPARE(o.keys(), (QStringList { "id", "message", "page", "severity", "wizard" }));
        QCOMPARE(o.value("id").toString(), QStringLiteral("no-domain"));
    }
};

QTEST_GUILESS_MAIN(TestConfigCheck)
#include "TestConfigCheck.moc"
