// The card's exports: Thunderbird autoconfig (checked element by element against the
// config-v1.1 format), Outlook Autodiscover (POX) and the DNS records to publish.
#include "diag/Autoconfig.h"
#include "diag/Autodiscover.h"
#include "diag/ClientSettingsExport.h"
#include "diag/DnsRecords.h"

#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace tegami;

namespace {

// A parsed XML element: enough of a DOM to compare a file field by field.
struct Node {
    QString name;
    QString ns;
    QXmlStreamAttributes attributes;
    QString text;
    QList<std::shared_ptr<Node>> children;

    QList<const Node*> all(const QString& child) const
    {
        QList<const Node*> out;
        for (const auto& c : children) {
            if (c->name == child)
                out << c.get();
        }
        return out;
    }
    const Node* one(const QString& child) const
    {
        const QList<const Node*> found = all(child);
        return found.size() == 1 ? found.first() : nullptr;
    }
    QString textOf(const QString& child) const
    {
        const Node* n = one(child);
        return n ? n->text : QStringLiteral("<missing or repeated %1>").arg(child);
    }
    QStringList childNames() const
    {
        QStringList out;
        for (const auto& c : children)
            out << c->name;
        return out;
    }
};

std::shared_ptr<Node> parse(const QString& xml, QString* error)
{
    QXmlStreamReader r(xml);
    std::shared_ptr<Node> root;
    QList<Node*> stack;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            auto n = std::make_shared<Node>();
            n->name = r.name().toString();
            n->ns = r.namespaceUri().toString();
            n->attributes = r.attributes();
            if (stack.isEmpty())
                root = n;
            else
                stack.last()->children << n;
            stack << n.get();
        } else if (r.isEndElement()) {
            stack.removeLast();
        } else if (r.isCharacters() && !r.isWhitespace() && !stack.isEmpty()) {
            stack.last()->text += r.text();
        }
    }
    if (r.hasError()) {
        *error = r.errorString();
        return {};
    }
    return root;
}

ClientScope fullScope()
{
    const QString host = QStringLiteral("mail.example.com");
    ClientScope s;
    s.host = host;
    s.pop3 = { { host, 995, "tls" }, { host, 110, "starttls" } };
    s.imap = { { host, 993, "tls" }, { host, 143, "starttls" } };
    s.smtp = { { host, 465, "tls" }, { host, 587, "starttls" } };
    return s;
}

ClientSettingsCard card()
{
    ClientSettingsCard c;
    c.internal = fullScope();
    c.internal.host = QStringLiteral("mail.office.example");
    for (ClientEndpoint& e : c.internal.imap)
        e.host = c.internal.host;
    c.external = fullScope();
    c.domains = { QStringLiteral("example.com"), QStringLiteral("example.org") };
    return c;
}

// Each line of a zone-file text that is not a comment, split into fields.
QList<QStringList> records(const QString& zone)
{
    QList<QStringList> out;
    for (const QString& line : zone.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char(';')))
            continue;
        out << line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return out;
}

QList<QStringList> recordsOf(const QString& zone, const QString& owner, const QString& type)
{
    QList<QStringList> out;
    for (const QStringList& r : records(zone)) {
        if (r.value(0) == owner && r.value(3) == type)
            out << r.mid(4);
    }
    return out;
}

} // namespace

class TestClientSettingsExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void autoconfigHasExactlyTheConfigV11Elements()
    {
        AutoconfigOptions o;
        o.domain = QStringLiteral("example.com");
        o.otherDomains = { QStringLiteral("example.com"), QStringLiteral("example.org") };
        const QString xml = autoconfigXml(fullScope(), o);
        QVERIFY2(xml.startsWith(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")), qPrintable(xml));
        QString error;
        const std::shared_ptr<Node> root = parse(xml, &error);
        QVERIFY2(root, qPrintable(error));

        QCOMPARE(root->name, QStringLiteral("clientConfig"));
        QCOMPARE(root->ns, QString()); // config-v1.1 has no namespace
        QCOMPARE(root->attributes.value("version").toString(), QStringLiteral("1.1"));
        QCOMPARE(root->childNames(), QStringList { "emailProvider" });
        const Node* provider = root->one("emailProvider");
        QCOMPARE(provider->attributes.value("id").toString(), QStringLiteral("example.com"));
        QCOMPARE(provider->childNames(),
            (QStringList { "domain", "domain", "displayName", "displayShortName", "incomingServer", "incomingServer",
                "incomingServer", "incomingServer", "outgoingServer", "outgoingServer" }));
        QCOMPARE(provider->all("domain").at(0)->text, QStringLiteral("example.com"));
        QCOMPARE(provider->all("domain").at(1)->text, QStringLiteral("example.org"));
        QCOMPARE(provider->textOf("displayName"), QStringLiteral("example.com"));
        QCOMPARE(provider->textOf("displayShortName"), QStringLiteral("example"));

        struct Expected {
            QString element, type;
            int port;
            QString socketType;
        };
        const QList<Expected> expected {
            { "incomingServer", "imap", 993, "SSL" },
            { "incomingServer", "imap", 143, "STARTTLS" },
            { "incomingServer", "pop3", 995, "SSL" },
            { "incomingServer", "pop3", 110, "STARTTLS" },
            { "outgoingServer", "smtp", 465, "SSL" },
            { "outgoingServer", "smtp", 587, "STARTTLS" },
        };
        QList<const Node*> servers = provider->all("incomingServer") + provider->all("outgoingServer");
        QCOMPARE(servers.size(), expected.size());
        for (int i = 0; i < servers.size(); ++i) {
            const Node* s = servers.at(i);
            const Expected& e = expected.at(i);
            QCOMPARE(s->name, e.element);
            QCOMPARE(s->attributes.size(), 1);
            QCOMPARE(s->attributes.value("type").toString(), e.type);
            QStringList names = s->childNames();
            names.sort();
            QCOMPARE(names, (QStringList { "authentication", "hostname", "port", "socketType", "username" }));
            QCOMPARE(s->textOf("hostname"), QStringLiteral("mail.example.com"));
            QCOMPARE(s->textOf("port"), QString::number(e.port));
            QCOMPARE(s->textOf("socketType"), e.socketType);
            QCOMPARE(s->textOf("username"), QStringLiteral("%EMAILADDRESS%"));
            QCOMPARE(s->textOf("authentication"), QStringLiteral("password-cleartext"));
            for (const auto& c : s->children)
                QVERIFY2(c->children.isEmpty(), qPrintable(c->name));
        }
    }

    void autoconfigPlainAndEscaping()
    {
        ClientScope s;
        s.host = QStringLiteral("mail.example.com");
        s.pop3 = { { s.host, 110, "none" } };
        AutoconfigOptions o;
        o.domain = QStringLiteral("example.com");
        o.displayName = QStringLiteral("Smith & Sons <Mail> \"Office\"");
        const QString xml = autoconfigXml(s, o);
        QVERIFY(xml.contains(QStringLiteral("Smith &amp; Sons &lt;Mail")));
        QString error;
        const std::shared_ptr<Node> root = parse(xml, &error);
        QVERIFY2(root, qPrintable(error));
        const Node* provider = root->one("emailProvider");
        QCOMPARE(provider->textOf("displayName"), o.displayName);
        QCOMPARE(provider->one("incomingServer")->textOf("socketType"), QStringLiteral("plain"));
        QVERIFY(provider->all("outgoingServer").isEmpty());
    }

    void autodiscoverPox()
    {
        const QString xml = autodiscoverXml(fullScope(), QStringLiteral("alice@example.com"));
        QString error;
        const std::shared_ptr<Node> root = parse(xml, &error);
        QVERIFY2(root, qPrintable(error));
        QCOMPARE(root->name, QStringLiteral("Autodiscover"));
        QCOMPARE(root->ns, QString::fromLatin1(kAutodiscoverResponseNs));
        const Node* response = root->one("Response");
        QVERIFY(response);
        QCOMPARE(response->ns, QString::fromLatin1(kAutodiscoverOutlookNs));
        const Node* account = response->one("Account");
        QVERIFY(account);
        QCOMPARE(account->ns, QString::fromLatin1(kAutodiscoverOutlookNs));
        QCOMPARE(account->textOf("AccountType"), QStringLiteral("email"));
        QCOMPARE(account->textOf("Action"), QStringLiteral("settings"));
        const QList<const Node*> protocols = account->all("Protocol");
        QCOMPARE(protocols.size(), 3);
        const QStringList types { "IMAP", "POP3", "SMTP" };
        const QStringList ports { "993", "995", "465" };
        for (int i = 0; i < 3; ++i) {
            const Node* p = protocols.at(i);
            QCOMPARE(p->textOf("Type"), types.at(i));
            QCOMPARE(p->textOf("Server"), QStringLiteral("mail.example.com"));
            QCOMPARE(p->textOf("Port"), ports.at(i));
            QCOMPARE(p->textOf("SSL"), QStringLiteral("on"));
            QCOMPARE(p->textOf("Encryption"), QStringLiteral("SSL"));
            QCOMPARE(p->textOf("LoginName"), QStringLiteral("alice@example.com"));
            QCOMPARE(p->textOf("SPA"), QStringLiteral("off"));
            QCOMPARE(p->textOf("AuthRequired"), QStringLiteral("on"));
        }
        QCOMPARE(protocols.at(2)->textOf("UsePOPAuth"), QStringLiteral("off"));
    }

    void autodiscoverStartTlsPlainAndNoLoginName()
    {
        ClientScope s;
        s.host = QStringLiteral("mail.example.com");
        s.imap = { { s.host, 143, "starttls" } };
        s.smtp = { { s.host, 25, "none" } };
        QString error;
        const std::shared_ptr<Node> root = parse(autodiscoverXml(s), &error);
        QVERIFY2(root, qPrintable(error));
        const QList<const Node*> protocols = root->one("Response")->one("Account")->all("Protocol");
        QCOMPARE(protocols.size(), 2);
        QCOMPARE(protocols.at(0)->textOf("SSL"), QStringLiteral("on"));
        QCOMPARE(protocols.at(0)->textOf("Encryption"), QStringLiteral("TLS"));
        QCOMPARE(protocols.at(1)->textOf("SSL"), QStringLiteral("off"));
        QCOMPARE(protocols.at(1)->textOf("Encryption"), QStringLiteral("None"));
        QVERIFY(protocols.at(0)->all("LoginName").isEmpty());
    }

    void dnsRecordsForAFullSetup()
    {
        DnsRecordOptions o;
        o.domain = QStringLiteral("example.com");
        o.mxHost = QStringLiteral("mail.example.com");
        const QString zone = dnsRecords(fullScope(), o);
        QCOMPARE(recordsOf(zone, "example.com.", "MX"), (QList<QStringList> { { "10", "mail.example.com." } }));
        QCOMPARE(recordsOf(zone, "example.com.", "TXT"), (QList<QStringList> { { "\"v=spf1", "mx", "~all\"" } }));
        QVERIFY(zone.contains(QStringLiteral("~all (soft fail)")));
        const struct {
            const char* owner;
            const char* priority;
            const char* port;
        } srv[] = {
            { "_submissions._tcp.example.com.", "0", "465" },
            { "_submission._tcp.example.com.", "10", "587" },
            { "_imaps._tcp.example.com.", "0", "993" },
            { "_imap._tcp.example.com.", "10", "143" },
            { "_pop3s._tcp.example.com.", "20", "995" },
            { "_pop3._tcp.example.com.", "30", "110" },
        };
        for (const auto& s : srv) {
            QCOMPARE(recordsOf(zone, QString::fromLatin1(s.owner), "SRV"),
                (QList<QStringList> { { s.priority, "1", s.port, "mail.example.com." } }));
        }
        for (const QStringList& r : records(zone)) {
            QCOMPARE(r.value(1), QStringLiteral("3600"));
            QCOMPARE(r.value(2), QStringLiteral("IN"));
        }
        QVERIFY(zone.contains(QStringLiteral("; autoconfig.example.com.")));
        QVERIFY(zone.contains(QStringLiteral("; autodiscover.example.com.")));
        QVERIFY(zone.contains(QStringLiteral("CNAME mail.example.com.")));
    }

    void dnsDisabledServicesStrictSpfAndIdn()
    {
        ClientScope s;
        s.host = QStringLiteral("Mail.Bücher.example");
        s.imap = { { s.host, 993, "tls" } };
        DnsRecordOptions o;
        o.domain = QStringLiteral("Bücher.example");
        o.mxHost = s.host;
        o.strictSpf = true;
        o.mxEnabled = false;
        o.smarthost = QStringLiteral("smtp.provider.example:587");
        const QString zone = dnsRecords(s, o);
        const QString d = QStringLiteral("xn--bcher-kva.example.");
        QCOMPARE(recordsOf(zone, d, "MX"), (QList<QStringList> { { "10", "mail.xn--bcher-kva.example." } }));
        QCOMPARE(recordsOf(zone, d, "TXT"), (QList<QStringList> { { "\"v=spf1", "mx", "-all\"" } }));
        QVERIFY(zone.contains(QStringLiteral("-all (hard fail)")));
        QVERIFY(zone.contains(QStringLiteral("smarthost smtp.provider.example:587")));
        QVERIFY(zone.contains(QStringLiteral("inbound SMTP (MX) listener is off")));
        QCOMPARE(recordsOf(zone, "_imaps._tcp." + d, "SRV"),
            (QList<QStringList> { { "0", "1", "993", "mail.xn--bcher-kva.example." } }));
        for (const char* off : { "_imap", "_pop3s", "_pop3", "_submissions", "_submission" }) {
            QCOMPARE(recordsOf(zone, QString::fromLatin1(off) + "._tcp." + d, "SRV"),
                (QList<QStringList> { { "0", "0", "0", "." } }));
        }
    }

    void exportPicksScopeDomainAndFormat()
    {
        ExportRequest r;
        r.format = QStringLiteral("autoconfig");
        Result<ExportFile> f = exportClientSettings(card(), r);
        QVERIFY(f.ok());
        QCOMPARE(f->fileName, QStringLiteral("config-v1.1.xml"));
        QCOMPARE(f->mimeType, QStringLiteral("application/xml"));
        QVERIFY(f->content.contains(QStringLiteral("<emailProvider id=\"example.com\">")));
        QVERIFY(f->content.contains(QStringLiteral("<hostname>mail.example.com</hostname>")));
        const QJsonObject o = f->toJson();
        QCOMPARE(o.value("format").toString(), QStringLiteral("autoconfig"));
        QCOMPARE(o.value("content").toString(), f->content);

        r.external = false;
        r.domain = QStringLiteral("Example.ORG");
        f = exportClientSettings(card(), r);
        QVERIFY(f.ok());
        QVERIFY(f->content.contains(QStringLiteral("<emailProvider id=\"example.org\">")));
        QVERIFY(f->content.contains(QStringLiteral("<hostname>mail.office.example</hostname>")));

        r.format = QStringLiteral("dns");
        f = exportClientSettings(card(), r);
        QVERIFY(f.ok());
        QCOMPARE(f->fileName, QStringLiteral("example.org.zone.txt"));
        QCOMPARE(f->mimeType, QStringLiteral("text/plain"));

        r.format = QStringLiteral("autodiscover");
        f = exportClientSettings(card(), r);
        QVERIFY(f.ok());
        QCOMPARE(f->fileName, QStringLiteral("autodiscover.xml"));
    }

    void exportRefusals()
    {
        ExportRequest r;
        r.format = QStringLiteral("vcard");
        Result<ExportFile> f = exportClientSettings(card(), r);
        QVERIFY(!f.ok());
        QCOMPARE(f.error().field, QStringLiteral("format"));
        QVERIFY(f.error().message.contains(QStringLiteral("autoconfig, autodiscover, dns")));

        r.format = QStringLiteral("autoconfig");
        r.domain = QStringLiteral("elsewhere.example");
        f = exportClientSettings(card(), r);
        QVERIFY(!f.ok());
        QVERIFY(f.error().message.contains(QStringLiteral("does not serve elsewhere.example")));

        ClientSettingsCard none = card();
        none.domains.clear();
        r.domain.clear();
        f = exportClientSettings(none, r);
        QVERIFY(!f.ok());
        QVERIFY(f.error().message.contains(QStringLiteral("domain add")));

        ClientSettingsCard empty = card();
        empty.external = ClientScope {};
        f = exportClientSettings(empty, r);
        QVERIFY(!f.ok());
        QVERIFY(f.error().message.contains(QStringLiteral("protocol enable")));
    }
};

QTEST_GUILESS_MAIN(TestClientSettingsExport)
#include "TestClientSettingsExport.moc"
