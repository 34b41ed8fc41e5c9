#pragma once

#include "core/Settings.h"
#include "log/LogSession.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>

class QSslSocket;

namespace tegami {

// One accepted connection as a protocol session receives it: the socket (which the
// session owns from here and must deleteLater when it ends), its log session (already
// holding the "+" connect event, and for implicit TLS the handshake note), and the
// listener it came through.
struct Connection {
    QSslSocket* socket = nullptr;
    std::unique_ptr<LogSession> log;
    ListenerSpec listener;
};

// What a protocol plugs into a listener.
class SessionFactory {
public:
    virtual ~SessionFactory() = default;
    virtual void startSession(Connection connection) = 0;
    // The protocol's way to say "too many connections" before closing, e.g.
    // "421 4.7.0 ..." for SMTP, "-ERR [SYS/TEMP] ..." for POP3, "* BYE ..." for IMAP.
    virtual QByteArray refusal(const QString& reason) const = 0;
    // Whether the protocol log is on for this protocol (read at each connection).
    virtual bool protocolLogEnabled() const { return true; }
};

// Where listeners and sessions get the TLS configuration of a protocol: the assigned
// certificate and the policy. It is asked at every connection and every STARTTLS, so a
// new certificate applies to the next connection without a restart.
class TlsProvider {
public:
    virtual ~TlsProvider() = default;
    // The configuration, or nothing with the reason TLS cannot be offered ("no
    // certificate is assigned to imap", "the certificate expired on ...").
    virtual std::optional<QSslConfiguration> serverConfiguration(Protocol protocol, QString* problem) const = 0;
};

} // namespace tegami
