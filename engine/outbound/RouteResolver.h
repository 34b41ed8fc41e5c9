#pragma once

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

#include "outbound/MxLookup.h"
#include "outbound/NextHop.h"

namespace tegami {

class Settings;

// The outbound.* settings route resolution reads, taken from the live settings at the
// start of each delivery so that changes apply without a restart.
struct OutboundRouteConfig {
    QStringList routes; // "domain=host:port"
    QString smarthost; // "host:port"; empty: MX delivery
    QString smarthostTls = QStringLiteral("starttls"); // starttls | implicit | none
    QString smarthostUser;
    QString smarthostPassword;
    bool smarthostVerifyCertificate = true;
    bool requireTls = false;
    QStringList ownNames; // our FQDNs (lower-case ACE): an MX pointing at one of them is a loop

    static OutboundRouteConfig fromSettings(const Settings& settings);
};

// Why a domain cannot be routed. Permanent failures bounce; temporary ones are retried.
struct RouteFailure {
    bool permanent = false;
    QString enhancedCode; // "5.1.2", "4.4.3"
    QString text; // for the admin and the bounce: what is wrong and where to look
};

// Where mail for one domain goes: hosts in the order to try, or why there are none.
struct Route {
    std::vector<NextHop> hops; // empty when `failure` is set
    std::optional<RouteFailure> failure;
    QStringList notes; // decisions and DNS results, for the protocol log
};

// Resolves the next hops for a domain:
//  1. an outbound.routes entry for exactly that domain (case-insensitive, IDN compared in
//     ACE form);
//  2. else the smarthost, when outbound.smarthost is set, with its TLS mode and credentials;
//  3. else the domain's MX records (by preference, equal preferences shuffled), each host
//     resolved to its addresses, port 25; without MX records the domain's own addresses
//     (RFC 5321 5.1); a null MX (RFC 7505) is a permanent 5.1.10, a domain that does not
//     exist a permanent 5.1.2, a DNS failure a temporary 4.4.3; an MX naming this server
//     is a mail loop (temporary 4.4.6) unless a more preferred MX remains.
//
// Answers arrive through `done` later (never inside resolve()), unless the resolver is
// destroyed first. One resolve() per resolver.
class RouteResolver : public QObject {
    Q_OBJECT
public:
    struct Options {
        // MX hosts resolving to loopback or unspecified addresses are skipped (a classic DNS
        // mistake that would make the server deliver to itself); tests on 127.0.0.1 allow them.
        bool allowLoopbackMx = false;
        int maxAddresses = 10; // bounds connection attempts per delivery
        quint16 mxPort = 25; // the port of MX hosts (tests use a free high port)
    };

    RouteResolver(MxLookup& dns, Options options, QObject* parent = nullptr);

    void resolve(const QString& domain, const OutboundRouteConfig& config, std::function<void(Route)> done);

    // Helpers, public for tests: "host:port" (IPv6 as "[::1]:25"); nullopt when malformed.
    struct HostPort {
        QString host;
        quint16 port = 0;
    };
    static std::optional<HostPort> parseHostPort(const QString& text, quint16 defaultPort);
    static QString aceName(const QString& name); // lower-case ACE without a trailing dot; empty when invalid

private:
    void finish();
    void fail(bool permanent, const QString& enhancedCode, const QString& text);
    bool routeFromConfig(const QString& aceDomain, const OutboundRouteConfig& config);
    void mxAnswered(const MxAnswer& answer);
    void resolveNextHost();
    void addressesAnswered(const AddressAnswer& answer);

    MxLookup& m_dns;
    Options m_options;
    QString m_domain; // ACE
    OutboundRouteConfig m_config;
    Route m_route;
    std::vector<NextHop> m_pending; // hops whose addresses are being looked up, in order
    size_t m_next = 0;
    int m_addressCount = 0;
    bool m_anyTemporary = false; // a host lookup failed temporarily
    bool m_loopbackSkipped = false;
    std::function<void(Route)> m_done;
};

} // namespace tegami
