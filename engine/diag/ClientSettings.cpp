#include "diag/ClientSettings.h"

#include <QHostAddress>

#include <algorithm>

namespace tegami {

namespace {

QString label(Protocol p)
{
    switch (p) {
    case Protocol::Smtp:
        return QStringLiteral("inbound SMTP (MX)");
    case Protocol::Submission:
        return QStringLiteral("SMTP submission");
    case Protocol::Pop3:
        return QStringLiteral("POP3");
    case Protocol::Imap:
        return QStringLiteral("IMAP4");
    }
    return {};
}

QString where(const ListenerView& l)
{
    const QString address = l.address.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(l.address) : l.address;
    return QStringLiteral("%1:%2").arg(address).arg(l.port);
}

int securityRank(const QString& security)
{
    if (security == QLatin1String("tls"))
        return 0;
    if (security == QLatin1String("starttls"))
        return 1;
    return 2;
}

// The port clients try first for each kind of connection.
quint16 standardPort(Protocol p, const QString& security)
{
    const bool tls = security == QLatin1String("tls");
    switch (p) {
    case Protocol::Pop3:
        return tls ? 995 : 110;
    case Protocol::Imap:
        return tls ? 993 : 143;
    case Protocol::Submission:
        return tls ? 465 : 587;
    case Protocol::Smtp:
        return 25;
    }
    return 0;
}

QList<ClientEndpoint> endpointsOf(
    Protocol p, const QList<ListenerView>& listeners, const QString& host, QStringList& warnings, bool warn)
{
    QList<const ListenerView*> usable;
    for (const ListenerView& l : listeners) {
        if (l.protocol != p)
            continue;
        if (!l.listening) {
            if (warn)
                warnings << QStringLiteral("%1 on %2 is not listening%3; it is left off the card")
                                .arg(label(p), where(l),
                                    l.failure.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(l.failure));
            continue;
        }
        if (l.tls == TlsMode::Implicit && !l.tlsAvailable) {
            if (warn)
                warnings << QStringLiteral("%1 on %2 has no usable certificate, so it closes every connection; it is "
                                           "left off the card until a certificate is assigned (certificates page)")
                                .arg(label(p), where(l));
            continue;
        }
        usable << &l;
    }
    const bool elsewhere
        = std::any_of(usable.begin(), usable.end(), [](const ListenerView* l) { return !l->isLoopback(); });
    QList<ClientEndpoint> out;
    for (const ListenerView* l : usable) {
        if (l->isLoopback() && elsewhere) {
            if (warn)
                warnings << QStringLiteral("%1 on %2 accepts connections only from this computer; it is left off "
                                           "the card")
                                .arg(label(p), where(*l));
            continue;
        }
        if (l->isLoopback() && warn)
            warnings << QStringLiteral("%1 listens only on %2 (this computer): other computers cannot use these "
                                       "settings; bind it to 0.0.0.0 or a network address (protocols page)")
                            .arg(label(p), where(*l));
        const QString security
            = l->tls == TlsMode::StartTls && !l->tlsAvailable ? QStringLiteral("none") : clientSecurityName(l->tls);
        if (security == QLatin1String("none") && warn)
            warnings << QStringLiteral("%1 on port %2 offers no encryption: passwords and mail cross the network in "
                                       "clear text; assign a certificate (certificates page)")
                            .arg(label(p))
                            .arg(l->port);
        const ClientEndpoint e { host, l->port, security };
        if (!out.contains(e))
            out << e; // 0.0.0.0:993 and [::]:993 are one entry for clients
    }
    std::stable_sort(out.begin(), out.end(), [p](const ClientEndpoint& a, const ClientEndpoint& b) {
        const int ra = securityRank(a.security);
        const int rb = securityRank(b.security);
        if (ra != rb)
            return ra < rb;
        const bool sa = a.port == standardPort(p, a.security);
        const bool sb = b.port == standardPort(p, b.security);
        if (sa != sb)
            return sa;
        return a.port < b.port;
    });
    return out;
}

ClientScope scopeOf(const QList<ListenerView>& listeners, const ScopeHosts& hosts, QStringList& warnings, bool warn)
{
    ClientScope s;
    s.host = hosts.host;
    s.pop3 = endpointsOf(Protocol::Pop3, listeners, hosts.hostFor(Protocol::Pop3), warnings, warn);
    s.imap = endpointsOf(Protocol::Imap, listeners, hosts.hostFor(Protocol::Imap), warnings, warn);
    s.smtp = endpointsOf(Protocol::Submission, listeners, hosts.hostFor(Protocol::Submission), warnings, warn);
    return s;
}

QJsonArray endpointsJson(const QList<ClientEndpoint>& endpoints)
{
    QJsonArray a;
    for (const ClientEndpoint& e : endpoints)
        a.append(e.toJson());
    return a;
}

} // namespace

QString clientSecurityName(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Implicit:
        return QStringLiteral("tls");
    case TlsMode::StartTls:
        return QStringLiteral("starttls");
    case TlsMode::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

bool ListenerView::fromStatusJson(const QJsonObject& status, ListenerView* out)
{
    const std::optional<Protocol> p = protocolFromName(status.value(QStringLiteral("protocol")).toString());
    const int port = status.value(QStringLiteral("port")).toInt();
    if (!p || port <= 0 || port > 65535)
        return false;
    ListenerView l;
    l.id = status.value(QStringLiteral("id")).toString();
    l.protocol = *p;
    l.address = status.value(QStringLiteral("address")).toString();
    l.port = static_cast<quint16>(port);
    const QString tls = status.value(QStringLiteral("tls")).toString();
    l.tls = tls == QLatin1String("implicit") ? TlsMode::Implicit
        : tls == QLatin1String("starttls")   ? TlsMode::StartTls
                                             : TlsMode::None;
    l.listening = status.value(QStringLiteral("state")).toString() == QLatin1String("listening");
    l.failure = status.value(QStringLiteral("error")).toString();
    l.tlsAvailable = status.value(QStringLiteral("tlsAvailable")).toBool(true);
    *out = l;
    return true;
}

QList<ListenerView> ListenerView::fromStatusJson(const QJsonArray& statuses)
{
    QList<ListenerView> out;
    for (const QJsonValue& v : statuses) {
        ListenerView l;
        if (fromStatusJson(v.toObject(), &l))
            out << l;
    }
    return out;
}

bool ListenerView::isLoopback() const
{
    return QHostAddress(address).isLoopback();
}

QJsonObject ClientEndpoint::toJson() const
{
    return QJsonObject { { QStringLiteral("host"), host }, { QStringLiteral("port"), port },
        { QStringLiteral("security"), security } };
}

QJsonObject ClientScope::toJson() const
{
    return QJsonObject { { QStringLiteral("host"), host }, { QStringLiteral("pop3"), endpointsJson(pop3) },
        { QStringLiteral("imap"), endpointsJson(imap) }, { QStringLiteral("smtp"), endpointsJson(smtp) } };
}

QString ScopeHosts::hostFor(Protocol p) const
{
    const QString own = perProtocol.value(p);
    return own.isEmpty() ? host : own;
}

QJsonObject ClientSettingsCard::toJson() const
{
    return QJsonObject { { QStringLiteral("internal"), internal.toJson() },
        { QStringLiteral("external"), external.toJson() }, { QStringLiteral("username"), username },
        { QStringLiteral("authentication"), authentication },
        { QStringLiteral("domains"), QJsonArray::fromStringList(domains) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(warnings) } };
}

ClientSettingsCard buildClientSettings(const ClientSettingsInput& input)
{
    ClientSettingsCard card;
    card.domains = input.domains;
    // The listeners are the same for both scopes: warn once.
    card.internal = scopeOf(input.listeners, input.internal, card.warnings, true);
    card.external = scopeOf(input.listeners, input.external, card.warnings, false);
    const ClientScope& s = card.internal;
    if (s.isEmpty()) {
        card.warnings << QStringLiteral("no POP3, IMAP4 or SMTP submission listener is running, so clients have "
                                        "nothing to connect to: enable a protocol (protocols page, or `tegamictl "
                                        "protocol enable imap`)");
    } else if (s.smtp.isEmpty()) {
        card.warnings << QStringLiteral("SMTP submission is not running: clients can read mail but cannot send it; "
                                        "enable submission (protocols page, or `tegamictl protocol enable "
                                        "submission`)");
    } else if (s.pop3.isEmpty() && s.imap.isEmpty()) {
        card.warnings << QStringLiteral("neither POP3 nor IMAP4 is running: clients can send mail but cannot read "
                                        "it; enable IMAP4 or POP3 (protocols page)");
    }
    if (input.domains.isEmpty())
        card.warnings << QStringLiteral("there is no mail domain yet, so there are no addresses to log in with: add "
                                        "one (accounts page, or `tegamictl domain add example.com`)");
    if (input.internal.host.isEmpty())
        card.warnings << QStringLiteral("the server has no host name for clients: set server.fqdn (settings page)");
    else if (!input.internal.host.contains(QLatin1Char('.')))
        card.warnings << QStringLiteral("'%1' is not a fully qualified name that other computers can look up: set "
                                        "server.fqdn to a name such as mail.example.com (settings page)")
                             .arg(input.internal.host);
    card.warnings.removeDuplicates();
    return card;
}

} // namespace tegami
