#pragma once

#include "core/Protocol.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

// What the card needs to know about one configured listener (from Listener::statusJson()).
struct ListenerView {
    QString id; // "imap/0.0.0.0:993"
    Protocol protocol = Protocol::Imap;
    QString address; // "0.0.0.0", "::", "192.0.2.10"
    quint16 port = 0;
    TlsMode tls = TlsMode::None;
    bool listening = false;
    QString failure; // why it is not listening
    bool tlsAvailable = true; // a usable certificate is assigned

    // Reads one object of `listener.list`; false when it is not a listener status.
    static bool fromStatusJson(const QJsonObject& status, ListenerView* out);
    static QList<ListenerView> fromStatusJson(const QJsonArray& statuses);
    bool isLoopback() const;
};

// One way to reach a service, as a client's account dialog asks for it.
struct ClientEndpoint {
    QString host;
    quint16 port = 0;
    QString security; // "tls" (implicit TLS, "SSL/TLS" in clients), "starttls" or "none"

    QJsonObject toJson() const;
    bool operator==(const ClientEndpoint&) const = default;
};

// The POP3, IMAP4 and SMTP settings of one scope (internal or external), each list with the
// preferred entry first: implicit TLS before STARTTLS (RFC 8314), then plain text.
struct ClientScope {
    QString host;
    QList<ClientEndpoint> pop3;
    QList<ClientEndpoint> imap;
    QList<ClientEndpoint> smtp;

    bool isEmpty() const { return pop3.isEmpty() && imap.isEmpty() && smtp.isEmpty(); }
    QJsonObject toJson() const;
};

// The names clients use for one scope: `host` for the card, and per protocol the name its
// listeners answer to when it differs (<protocol>.fqdn).
struct ScopeHosts {
    QString host;
    QHash<Protocol, QString> perProtocol;

    QString hostFor(Protocol p) const;
};

struct ClientSettingsInput {
    QList<ListenerView> listeners;
    ScopeHosts internal;
    ScopeHosts external;
    QStringList domains;
};

// The client-settings card an admin prints or copies for users.
struct ClientSettingsCard {
    ClientScope internal;
    ClientScope external;
    QString username = QStringLiteral("the full e-mail address");
    QString authentication = QStringLiteral("normal password");
    QStringList domains;
    QStringList warnings;

    QJsonObject toJson() const;
};

// Builds the card from the configured listeners: POP3 and IMAP4 from their listeners,
// SMTP from the submission listeners (the MX on port 25 is for other servers, not for
// clients). Listeners that are not listening are left out with a warning; so are
// loopback listeners when the protocol also listens elsewhere (a loopback-only setup keeps
// them, with a warning). A STARTTLS listener without a usable certificate is "none".
ClientSettingsCard buildClientSettings(const ClientSettingsInput& input);

// "tls", "starttls", "none" for the card.
QString clientSecurityName(TlsMode mode);

} // namespace tegami
