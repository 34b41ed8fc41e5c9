#include "outbound/RouteResolver.h"

#include "core/Settings.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace tegami {

namespace {

bool isUnusableMxAddress(const QHostAddress& a)
{
    return a.isNull() || a.isLoopback() || a == QHostAddress(QHostAddress::AnyIPv4)
        || a == QHostAddress(QHostAddress::AnyIPv6);
}

bool isNullMx(const MxRecord& r)
{
    return r.exchange.isEmpty() || r.exchange == QLatin1String(".");
}

QString joinAddresses(const QList<QHostAddress>& addresses)
{
    QStringList out;
    for (const QHostAddress& a : addresses)
        out << a.toString();
    return out.join(QStringLiteral(", "));
}

QString hopLabel(const NextHop& hop)
{
    switch (hop.kind) {
    case HopKind::Route:
        return QStringLiteral("outbound.routes host '%1'").arg(hop.host);
    case HopKind::Smarthost:
        return QStringLiteral("outbound.smarthost host '%1'").arg(hop.host);
    case HopKind::Mx:
        return QStringLiteral("MX host %1").arg(hop.host);
    case HopKind::DomainAddress:
        return QStringLiteral("domain %1").arg(hop.host);
    }
    return hop.host;
}

} // namespace

OutboundRouteConfig OutboundRouteConfig::fromSettings(const Settings& settings)
{
    OutboundRouteConfig c;
    c.routes = settings.list(QStringLiteral("outbound.routes"));
    c.smarthost = settings.string(QStringLiteral("outbound.smarthost")).trimmed();
    c.smarthostTls = settings.string(QStringLiteral("outbound.smarthostTls"));
    c.smarthostUser = settings.string(QStringLiteral("outbound.smarthostUser"));
    c.smarthostPassword = settings.string(QStringLiteral("outbound.smarthostPassword"));
    c.smarthostVerifyCertificate = settings.boolean(QStringLiteral("outbound.smarthostVerifyCertificate"));
    c.requireTls = settings.boolean(QStringLiteral("outbound.requireTls"));
    QStringList names { settings.effectiveFqdn() };
    for (const Protocol p : allProtocols)
        names << settings.listenerFqdn(p);
    for (const QString& n : std::as_const(names)) {
        const QString ace = RouteResolver::aceName(n);
        if (!ace.isEmpty() && !c.ownNames.contains(ace))
            c.ownNames << ace;
    }
    return c;
}

RouteResolver::RouteResolver(MxLookup& dns, Options options, QObject* parent)
    : QObject(parent)
    , m_dns(dns)
    , m_options(options)
{ }

QString RouteResolver::aceName(const QString& name)
{
    QString n = name.trimmed();
    if (n.endsWith(QLatin1Char('.')))
        n.chop(1);
    if (n.isEmpty())
        return {};
    const QString ace = QString::fromLatin1(QUrl::toAce(n)).toLower();
    static const QRegularExpression valid(
        QStringLiteral("^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$"));
    return valid.match(ace).hasMatch() ? ace : QString();
}

std::optional<RouteResolver::HostPort> RouteResolver::parseHostPort(const QString& text, quint16 defaultPort)
{
    const QString t = text.trimmed();
    QString host = t;
    QString port;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return std::nullopt;
            port = rest.mid(1);
        }
        if (QHostAddress(host).isNull())
            return std::nullopt;
    } else if (t.count(QLatin1Char(':')) == 1) {
        host = t.section(QLatin1Char(':'), 0, 0);
        port = t.section(QLatin1Char(':'), 1);
    }
    HostPort hp;
    hp.port = defaultPort;
    if (!port.isNull()) {
        bool ok = false;
        const uint p = port.toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return std::nullopt;
        hp.port = quint16(p);
    }
    const QHostAddress literal(host);
    hp.host = literal.isNull() ? aceName(host) : literal.toString();
    if (hp.host.isEmpty())
        return std::nullopt;
    return hp;
}

void RouteResolver::resolve(const QString& domain, const OutboundRouteConfig& config, std::function<void(Route)> done)
{
    m_done = std::move(done);
    m_config = config;

    // An address literal ("bob@[192.0.2.1]") names the host itself.
    if (domain.startsWith(QLatin1Char('[')) && domain.endsWith(QLatin1Char(']'))) {
        QString inner = domain.mid(1, domain.size() - 2);
        if (inner.startsWith(QLatin1String("IPv6:"), Qt::CaseInsensitive))
            inner = inner.mid(5);
        const QHostAddress literal(inner);
        if (literal.isNull() || (!m_options.allowLoopbackMx && isUnusableMxAddress(literal))) {
            fail(true, QStringLiteral("5.1.2"),
                QStringLiteral("'%1' is not an address mail can be sent to").arg(domain));
            return;
        }
        NextHop hop;
        hop.kind = HopKind::DomainAddress;
        hop.host = literal.toString();
        hop.port = m_options.mxPort;
        hop.tls = config.requireTls ? HopTls::RequireStartTls : HopTls::Opportunistic;
        m_pending.push_back(hop);
        resolveNextHost();
        return;
    }

    m_domain = aceName(domain);
    if (m_domain.isEmpty()) {
        fail(true, QStringLiteral("5.1.2"), QStringLiteral("'%1' is not a valid domain name").arg(domain));
        return;
    }
    if (routeFromConfig(m_domain, config))
        return;
    m_dns.lookupMx(m_domain, this, [this](MxAnswer answer) { mxAnswered(answer); });
}

bool RouteResolver::routeFromConfig(const QString& aceDomain, const OutboundRouteConfig& config)
{
    for (const QString& entry : config.routes) {
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq < 0 || aceName(entry.left(eq)) != aceDomain)
            continue;
        const std::optional<HostPort> hp = parseHostPort(entry.mid(eq + 1), 25);
        if (!hp) {
            fail(false, QStringLiteral("4.3.5"),
                QStringLiteral("the outbound.routes entry '%1' is not valid (expected domain=host:port, for example "
                               "branch.example=10.0.0.5:25)")
                    .arg(entry));
            return true;
        }
        NextHop hop;
        hop.kind = HopKind::Route;
        hop.host = hp->host;
        hop.port = hp->port;
        hop.tls = HopTls::Opportunistic;
        m_route.notes << QStringLiteral("route for %1: %2:%3 (outbound.routes)").arg(aceDomain, hop.host).arg(hop.port);
        m_pending.push_back(hop);
        resolveNextHost();
        return true;
    }
    if (config.smarthost.isEmpty())
        return false;

    NextHop hop;
    hop.kind = HopKind::Smarthost;
    const QString mode = config.smarthostTls.toLower();
    hop.tls = mode == QLatin1String("implicit") ? HopTls::Implicit
        : mode == QLatin1String("none")         ? HopTls::None
                                                : HopTls::RequireStartTls;
    hop.verifyCertificate = hop.tls != HopTls::None && config.smarthostVerifyCertificate;
    hop.user = config.smarthostUser;
    hop.password = config.smarthostPassword;
    const std::optional<HostPort> hp = parseHostPort(config.smarthost, hop.tls == HopTls::Implicit ? 465 : 587);
    if (!hp) {
        fail(false, QStringLiteral("4.3.5"),
            QStringLiteral("outbound.smarthost '%1' is not valid (expected host:port, for example "
                           "smtp.provider.example:587)")
                .arg(config.smarthost));
        return true;
    }
    hop.host = hp->host;
    hop.port = hp->port;
    m_route.notes << QStringLiteral("route for %1: smarthost %2:%3, TLS %4%5")
                         .arg(aceDomain, hop.host)
                         .arg(hop.port)
                         .arg(mode, hop.user.isEmpty() ? QString() : QStringLiteral(", AUTH as ") + hop.user);
    m_pending.push_back(hop);
    resolveNextHost();
    return true;
}

void RouteResolver::mxAnswered(const MxAnswer& answer)
{
    switch (answer.status) {
    case DnsStatus::NxDomain:
        fail(true, QStringLiteral("5.1.2"),
            QStringLiteral("the domain %1 does not exist (DNS: %2)")
                .arg(m_domain, answer.error.isEmpty() ? QStringLiteral("NXDOMAIN") : answer.error));
        return;
    case DnsStatus::TemporaryFailure:
        fail(false, QStringLiteral("4.4.3"),
            QStringLiteral("DNS lookup of the MX records of %1 failed: %2").arg(m_domain, answer.error));
        return;
    case DnsStatus::NoRecords: {
        m_route.notes
            << QStringLiteral("%1 has no MX records: delivering to its own address (RFC 5321 5.1)").arg(m_domain);
        NextHop hop;
        hop.kind = HopKind::DomainAddress;
        hop.host = m_domain;
        hop.port = m_options.mxPort;
        hop.tls = m_config.requireTls ? HopTls::RequireStartTls : HopTls::Opportunistic;
        m_pending.push_back(hop);
        resolveNextHost();
        return;
    }
    case DnsStatus::Ok:
        break;
    }

    if (answer.records.size() == 1 && isNullMx(answer.records.first())) {
        fail(true, QStringLiteral("5.1.10"),
            QStringLiteral("the domain %1 does not accept mail (null MX, RFC 7505)").arg(m_domain));
        return;
    }
    QList<MxRecord> records;
    for (const MxRecord& r : answer.records) {
        if (isNullMx(r))
            continue; // a null MX beside real ones is a mistake (RFC 7505 3): ignore it
        MxRecord ace { aceName(r.exchange), r.preference };
        if (ace.exchange.isEmpty()) {
            m_route.notes << QStringLiteral("ignored MX record '%1': not a valid host name").arg(r.exchange);
            continue;
        }
        records << ace;
    }
    // By preference; equal preferences in random order to spread the load (RFC 5321 5.1).
    std::shuffle(records.begin(), records.end(), *QRandomGenerator::global());
    std::stable_sort(records.begin(), records.end(),
        [](const MxRecord& a, const MxRecord& b) { return a.preference < b.preference; });

    // RFC 5321 5.1: if we are one of the MX hosts, only more preferred hosts may be used.
    int own = -1;
    for (const MxRecord& r : std::as_const(records)) {
        if (m_config.ownNames.contains(r.exchange) && (own < 0 || r.preference < own))
            own = r.preference;
    }
    QStringList listing;
    for (const MxRecord& r : std::as_const(records))
        listing << QStringLiteral("%1 %2").arg(r.preference).arg(r.exchange);
    m_route.notes << QStringLiteral("MX for %1: %2").arg(m_domain, listing.join(QStringLiteral(", ")));
    if (own >= 0) {
        records.removeIf([own](const MxRecord& r) { return r.preference >= own; });
        if (records.isEmpty()) {
            fail(false, QStringLiteral("4.4.6"),
                QStringLiteral("mail loop: the MX records of %1 point to this server (%2); add the domain to the "
                               "local domains or correct its MX records")
                    .arg(m_domain, m_config.ownNames.join(QStringLiteral(", "))));
            return;
        }
        m_route.notes << QStringLiteral("this server is an MX of %1 (preference %2): only more preferred hosts are "
                                        "tried")
                             .arg(m_domain)
                             .arg(own);
    }
    if (records.isEmpty()) {
        fail(false, QStringLiteral("4.4.3"), QStringLiteral("the MX records of %1 name no valid host").arg(m_domain));
        return;
    }
    for (const MxRecord& r : std::as_const(records)) {
        NextHop hop;
        hop.kind = HopKind::Mx;
        hop.host = r.exchange;
        hop.port = m_options.mxPort;
        hop.preference = r.preference;
        hop.tls = m_config.requireTls ? HopTls::RequireStartTls : HopTls::Opportunistic;
        m_pending.push_back(hop);
    }
    resolveNextHost();
}

void RouteResolver::resolveNextHost()
{
    while (m_next < m_pending.size()) {
        NextHop& hop = m_pending[m_next];
        const QHostAddress literal(hop.host);
        if (literal.isNull()) {
            m_dns.lookupAddresses(hop.host, this, [this](AddressAnswer answer) {
                addressesAnswered(answer);
                resolveNextHost();
            });
            return;
        }
        addressesAnswered(AddressAnswer { DnsStatus::Ok, { literal }, {} });
    }

    for (NextHop& hop : m_pending) {
        if (!hop.addresses.isEmpty())
            m_route.hops.push_back(std::move(hop));
    }
    if (!m_route.hops.empty()) {
        finish();
        return;
    }
    const QString detail = m_route.notes.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_route.notes.last());
    if (!m_pending.empty() && m_pending.front().kind == HopKind::DomainAddress && !m_anyTemporary) {
        fail(true, QStringLiteral("5.1.2"),
            QStringLiteral("the domain %1 has neither MX records nor an address").arg(m_pending.front().host));
    } else if (m_loopbackSkipped && !m_anyTemporary) {
        fail(false, QStringLiteral("4.4.6"),
            QStringLiteral("mail loop: the MX hosts of %1 resolve to loopback addresses").arg(m_domain));
    } else if (!m_pending.empty() && m_pending.front().kind != HopKind::Mx) {
        fail(false, QStringLiteral("4.4.3"),
            QStringLiteral("cannot resolve %1%2").arg(hopLabel(m_pending.front()), detail));
    } else {
        fail(false, QStringLiteral("4.4.3"),
            QStringLiteral("none of the MX hosts of %1 could be resolved to an address%2").arg(m_domain, detail));
    }
}

void RouteResolver::addressesAnswered(const AddressAnswer& answer)
{
    NextHop& hop = m_pending[m_next++];
    if (answer.status != DnsStatus::Ok) {
        if (answer.status == DnsStatus::TemporaryFailure)
            m_anyTemporary = true;
        m_route.notes << QStringLiteral("%1: no address (%2)")
                             .arg(hopLabel(hop),
                                 answer.error.isEmpty() ? QStringLiteral("no A/AAAA records") : answer.error);
        return;
    }
    const bool fromDns = hop.kind == HopKind::Mx || hop.kind == HopKind::DomainAddress;
    QList<QHostAddress> usable;
    for (const QHostAddress& a : answer.addresses) {
        if (fromDns && !m_options.allowLoopbackMx && isUnusableMxAddress(a)) {
            m_loopbackSkipped = true;
            m_route.notes
                << QStringLiteral("%1: skipped address %2 (loopback or unspecified)").arg(hopLabel(hop), a.toString());
            continue;
        }
        if (m_addressCount >= m_options.maxAddresses)
            break;
        if (!usable.contains(a)) {
            usable << a;
            ++m_addressCount;
        }
    }
    hop.addresses = usable;
    if (!usable.isEmpty())
        m_route.notes << QStringLiteral("%1: %2").arg(hopLabel(hop), joinAddresses(usable));
}

void RouteResolver::fail(bool permanent, const QString& enhancedCode, const QString& text)
{
    m_route.hops.clear();
    m_route.failure = RouteFailure { permanent, enhancedCode, text };
    finish();
}

void RouteResolver::finish()
{
    // Queued: resolve() must not answer from inside itself, and a callback may delete us.
    QTimer::singleShot(0, this, [this] {
        if (m_done)
            std::exchange(m_done, nullptr)(std::move(m_route));
    });
}

} // namespace tegami
