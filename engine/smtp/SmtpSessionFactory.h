#pragma once

#include "core/Protocol.h"
#include "net/SessionConnection.h"
#include "net/SessionFactory.h"
#include "smtp/SmtpDependencies.h"

namespace tegami {

// Plugs SMTP into its listeners: Protocol::Smtp (the MX, port 25) or Protocol::Submission
// (587 with STARTTLS, 465 implicit TLS); one factory per protocol. Each session takes its
// protocol from the listener it came through. Destroying the factory ends every session
// still open with 421 (a message in progress is not queued, so the client retries).
class SmtpSessionFactory final : public SessionFactory {
public:
    SmtpSessionFactory(Protocol protocol, SmtpDependencies deps);
    ~SmtpSessionFactory() override;

    void startSession(Connection connection) override;
    QByteArray refusal(const QString& reason) const override; // "421 4.7.0 <reason>\r\n"
    bool protocolLogEnabled() const override; // <protocol>.protocolLog

    Protocol protocol() const { return m_protocol; }
    int activeSessions() const;

private:
    Protocol m_protocol;
    SmtpDependencies m_deps;
    SessionConnectionList m_connections; // last: ended before the dependencies go
};

} // namespace tegami
