#pragma once

#include "net/SessionFactory.h"

namespace tegami {

class ProtocolLog;
class Settings;

// TODO(tegami): replaced protocol by protocol by the SMTP, POP3 and IMAP issues.
// Until a protocol's sessions exist, its listeners still bind (so port conflicts and
// permissions show up in the status) and each connection gets the protocol's own
// "service not available" reply, is logged, and is closed. Implicit-TLS listeners close
// without a reply, because no TLS certificate store exists yet either.
class PendingProtocolSessionFactory final : public SessionFactory {
public:
    PendingProtocolSessionFactory(Protocol protocol, ProtocolLog& log, const Settings& settings);
    void startSession(QTcpSocket* socket, const ListenerSpec& listener) override;
    QByteArray refusal(const QString& reason) const override;

    // The protocol's greeting that says it cannot serve: "421 4.3.2 ...", "-ERR ...", "* BYE ...".
    static QByteArray unavailableReply(Protocol protocol, const QString& text);

private:
    Protocol m_protocol;
    ProtocolLog& m_log;
    const Settings& m_settings;
};

} // namespace tegami
