#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

namespace tegami {

// Where a next hop came from: it decides the TLS policy and the wording of failures.
enum class HopKind {
    Route, // an outbound.routes entry
    Smarthost, // outbound.smarthost
    Mx, // an MX record of the recipient domain
    DomainAddress, // the domain's own A/AAAA records (no MX: RFC 5321 5.1)
};

// How a hop speaks TLS.
enum class HopTls {
    Opportunistic, // STARTTLS when offered, certificate not required to verify; plain text otherwise
    RequireStartTls, // STARTTLS must be offered and succeed, else the host fails
    Implicit, // TLS from the first byte (smarthost on 465)
    None, // never TLS (outbound.smarthostTls=none)
};

// One server to try, with the addresses its name resolved to (tried in order).
struct NextHop {
    HopKind kind = HopKind::Mx;
    QString host; // lower-case ACE name as configured or as the MX record says, or an IP literal
    quint16 port = 25;
    QList<QHostAddress> addresses;
    HopTls tls = HopTls::Opportunistic;
    bool verifyCertificate = false; // against the system roots and `host`
    QString user; // AUTH user name (smarthost only); empty: no AUTH
    QString password;
    int preference = -1; // the MX preference; -1 for other kinds
};

// "mx.example.net [192.0.2.1]" (RecipientResult::remoteHost), or the address alone when
// the host was given as one.
inline QString describeHost(const QString& host, const QHostAddress& address)
{
    const QString ip = address.toString();
    return host.isEmpty() || host == ip ? ip : QStringLiteral("%1 [%2]").arg(host, ip);
}

} // namespace tegami
