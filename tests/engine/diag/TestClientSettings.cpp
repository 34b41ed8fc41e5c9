// The client-settings card built from listener lists: which listeners appear, in which
// order, with which security, and the warnings an admin sees.
#include "diag/ClientSettings.h"

#include <QJsonArray>
#include <QTest>

using namespace tegami;

namespace {

ListenerView listener(
    Protocol p, const QString& address, quint16 port, TlsMode tls, bool listening = true, bool tlsAvailable = true)
{
    ListenerView l;
    l.protocol = p;
    l.address = address;
    l.port = port;
    l.tls = tls;
    l.listening = listening;
    l.tlsAvailable = tlsAvailable;
    l.id = QStringLiteral("%1/%2:%3").arg(protocolName(p), address).arg(port);
    if (!listening)
        l.failure = QStringLiteral("port %1 on %2 is in use by another program").arg(port).arg(address);
    return l;
}

ClientSettingsInput input(QList<ListenerView> listeners)
{
    ClientSettingsInput in;
    in.listeners = std::move(listeners);
    in.internal.host = QStringLiteral("mail.office.example");
    in.external.host = QStringLiteral("mail.example.com");
    in.domains = { QStringLiteral("example.com") };
    return in;
}

QList<quint16> portsOf(const QList<ClientEndpoint>& entries)
{
    QList<quint16> out;
    for (const ClientEndpoint& e : entries)
        out << e.port;
    return out;
}

QStringList securityOf(const QList<ClientEndpoint>& entries)
{
    QStringList out;
    for (const ClientEndpoint& e : entries)
        out << e.security;
    return out;
}

bool anyWarningContains(const ClientSettingsCard& card, const QString& fragment)
{
    return std::any_of(
        card.warnings.begin(), card.warnings.end(), [&](const QString& w) { return w.contains(fragment); });
}

} // namespace

class TestClientSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void standardSetupPrefersImplicitTls()
    {
        // Given in the order the settings list them: STARTTLS bindings before TLS bindings.
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Smtp, QStringLiteral("0.0.0.0"), 25, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 465, TlsMode::Implicit),
            listener(Protocol::Pop3, QStringLiteral("0.0.0.0"), 110, TlsMode::StartTls),
            listener(Protocol::Pop3, QStringLiteral("0.0.0.0"), 995, TlsMode::Implicit),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 143, TlsMode::StartTls),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
        }));
        QCOMPARE(portsOf(card.internal.pop3), (QList<quint16> { 995, 110 }));
        QCOMPARE(securityOf(card.internal.pop3), (QStringList { "tls", "starttls" }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 993, 143 }));
        QCOMPARE(securityOf(card.internal.imap), (QStringList { "tls", "starttls" }));
        // The MX on 25 is for other servers: not a client setting.
        QCOMPARE(portsOf(card.internal.smtp), (QList<quint16> { 465, 587 }));
        QCOMPARE(securityOf(card.internal.smtp), (QStringList { "tls", "starttls" }));
        QCOMPARE(card.internal.host, QStringLiteral("mail.office.example"));
        QCOMPARE(card.external.host, QStringLiteral("mail.example.com"));
        QCOMPARE(card.external.imap.first().host, QStringLiteral("mail.example.com"));
        QCOMPARE(card.internal.imap.first().host, QStringLiteral("mail.office.example"));
        QVERIFY2(card.warnings.isEmpty(), qPrintable(card.warnings.join(QLatin1Char('\n'))));
    }

    void jsonShape()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
        }));
        const QJsonObject o = card.toJson();
        QCOMPARE(o.value("username").toString(), QStringLiteral("the full e-mail address"));
        QCOMPARE(o.value("authentication").toString(), QStringLiteral("normal password"));
        QCOMPARE(o.value("domains").toArray(), QJsonArray { "example.com" });
        const QJsonObject internal = o.value("internal").toObject();
        QCOMPARE(internal.value("host").toString(), QStringLiteral("mail.office.example"));
        QCOMPARE(internal.value("pop3").toArray(), QJsonArray());
        const QJsonObject imap = internal.value("imap").toArray().first().toObject();
        QCOMPARE(imap.value("port").toInt(), 993);
        QCOMPARE(imap.value("security").toString(), QStringLiteral("tls"));
        QCOMPARE(o.value("external").toObject().value("smtp").toArray().first().toObject().value("security").toString(),
            QStringLiteral("starttls"));
        QVERIFY(o.value("warnings").isArray());
    }

    void ipv4AndIpv6OnOnePortAreOneEntry()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
            listener(Protocol::Imap, QStringLiteral("::"), 993, TlsMode::Implicit),
            listener(Protocol::Submission, QStringLiteral("::"), 587, TlsMode::StartTls),
        }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 993 }));
    }

    void standardPortBeforeOtherPortsOfTheSameSecurity()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 2525, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 10465, TlsMode::Implicit),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
        }));
        QCOMPARE(portsOf(card.internal.smtp), (QList<quint16> { 10465, 587, 2525 }));
    }

    void plainListenerIsNoneWithAWarning()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Pop3, QStringLiteral("0.0.0.0"), 110, TlsMode::StartTls, true, false),
            listener(Protocol::Pop3, QStringLiteral("0.0.0.0"), 1110, TlsMode::None),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
        }));
        QCOMPARE(securityOf(card.internal.pop3), (QStringList { "none", "none" }));
        QCOMPARE(portsOf(card.internal.pop3), (QList<quint16> { 110, 1110 }));
        QVERIFY(anyWarningContains(card, QStringLiteral("POP3 on port 110 offers no encryption")));
        QVERIFY(anyWarningContains(card, QStringLiteral("POP3 on port 1110 offers no encryption")));
    }

    void implicitTlsWithoutCertificateIsLeftOff()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit, true, false),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 143, TlsMode::StartTls, true, true),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
        }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 143 }));
        QVERIFY(anyWarningContains(card, QStringLiteral("closes every connection")));
    }

    void failedListenerIsLeftOffWithItsReason()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit, false),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 143, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
        }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 143 }));
        QVERIFY(anyWarningContains(card, QStringLiteral("is not listening (port 993 on 0.0.0.0 is in use")));
    }

    void loopbackListenersBesideOthersAreLeftOff()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("127.0.0.1"), 143, TlsMode::StartTls),
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 587, TlsMode::StartTls),
        }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 993 }));
        QVERIFY(anyWarningContains(card, QStringLiteral("only from this computer")));
    }

    void loopbackOnlySetupKeepsItsListenersWithAWarning()
    {
        const ClientSettingsCard card = buildClientSettings(input({
            listener(Protocol::Imap, QStringLiteral("127.0.0.1"), 1143, TlsMode::StartTls),
            listener(Protocol::Submission, QStringLiteral("::1"), 1587, TlsMode::StartTls),
        }));
        QCOMPARE(portsOf(card.internal.imap), (QList<quint16> { 1143 }));
        QCOMPARE(portsOf(card.external.smtp), (QList<quint16> { 1587 }));
        QVERIFY(anyWarningContains(card, QStringLiteral("IMAP4 listens only on 127.0.0.1:1143")));
        QVERIFY(anyWarningContains(card, QStringLiteral("listens only on [::1]:1587")));
    }

    void missingServicesAreExplained()
    {
        ClientSettingsInput in = input({ listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit) });
        in.domains.clear();
        ClientSettingsCard card = buildClientSettings(in);
        QVERIFY(anyWarningContains(card, QStringLiteral("SMTP submission is not running")));
        QVERIFY(anyWarningContains(card, QStringLiteral("no mail domain")));

        card = buildClientSettings(
            input({ listener(Protocol::Smtp, QStringLiteral("0.0.0.0"), 25, TlsMode::StartTls) }));
        QVERIFY(card.internal.isEmpty());
        QVERIFY(anyWarningContains(card, QStringLiteral("nothing to connect to")));
    }

    void perProtocolHostNames()
    {
        ClientSettingsInput in = input({
            listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 465, TlsMode::Implicit),
        });
        in.internal.perProtocol.insert(Protocol::Imap, QStringLiteral("imap.office.example"));
        const ClientSettingsCard card = buildClientSettings(in);
        QCOMPARE(card.internal.imap.first().host, QStringLiteral("imap.office.example"));
        QCOMPARE(card.internal.smtp.first().host, QStringLiteral("mail.office.example"));
    }

    void unqualifiedHostIsWarned()
    {
        ClientSettingsInput in = input({ listener(Protocol::Imap, QStringLiteral("0.0.0.0"), 993, TlsMode::Implicit),
            listener(Protocol::Submission, QStringLiteral("0.0.0.0"), 465, TlsMode::Implicit) });
        in.internal.host = QStringLiteral("officebox");
        QVERIFY(anyWarningContains(buildClientSettings(in), QStringLiteral("'officebox' is not a fully qualified")));
    }

    void readsListenerStatus()
    {
        const QJsonArray statuses {
            QJsonObject { { "id", "imap/0.0.0.0:993" }, { "protocol", "imap" }, { "address", "0.0.0.0" },
                { "port", 993 }, { "tls", "implicit" }, { "state", "listening" }, { "tlsAvailable", false } },
            QJsonObject { { "id", "pop3/0.0.0.0:110" }, { "protocol", "pop3" }, { "address", "0.0.0.0" },
                { "port", 110 }, { "tls", "starttls" }, { "state", "failed" }, { "error", "in use" } },
            QJsonObject { { "protocol", "gopher" }, { "port", 70 } },
        };
        const QList<ListenerView> views = ListenerView::fromStatusJson(statuses);
        QCOMPARE(views.size(), 2);
        QCOMPARE(views.at(0).tls, TlsMode::Implicit);
        QVERIFY(views.at(0).listening);
        QVERIFY(!views.at(0).tlsAvailable);
        QCOMPARE(views.at(1).protocol, Protocol::Pop3);
        QVERIFY(!views.at(1).listening);
        QCOMPARE(views.at(1).failure, QStringLiteral("in use"));
    }
};

QTEST_GUILESS_MAIN(TestClientSettings)
#include "TestClientSettings.moc"
