#pragma once

#include "core/Settings.h"

#include <QByteArray>
#include <QString>

class QTcpSocket;

namespace tegami {

// What a protocol plugs into a listener: it receives each accepted connection and runs
// the protocol's session on it. The socket is already parented; the factory owns the
// session's lifetime and must delete the socket (deleteLater) when the session ends.
class SessionFactory {
public:
    virtual ~SessionFactory() = default;
    virtual void startSession(QTcpSocket* socket, const ListenerSpec& listener) = 0;
    // The protocol's way to say "too many connections" before closing, e.g.
    // "421 4.7.0 ..." for SMTP, "-ERR [SYS/TEMP] ..." for POP3, "* BYE ..." for IMAP.
    virtual QByteArray refusal(const QString& reason) const = 0;
};

} // namespace tegami
