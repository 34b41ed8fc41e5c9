#pragma once

#include "imap/ImapDependencies.h"
#include "imap/ImapSessionRegistry.h"
#include "net/SessionConnection.h"
#include "net/SessionFactory.h"

namespace tegami {

// Plugs IMAP into the IMAP listeners (143 with STARTTLS, 993 implicit TLS). It owns what
// all sessions share (per-user session counts, \Recent marks); destroying it ends every
// session still open with "* BYE server shutting down".
class ImapSessionFactory final : public SessionFactory {
public:
    explicit ImapSessionFactory(ImapDependencies deps);
    ~ImapSessionFactory() override;

    void startSession(Connection connection) override;
    QByteArray refusal(const QString& reason) const override; // "* BYE [UNAVAILABLE] <reason>\r\n"
    bool protocolLogEnabled() const override; // imap.protocolLog

    // How long a failed login waits before its reply (default 1000 ms); tests shorten it.
    void setFailureDelayMs(int ms) { m_failureDelayMs = ms; }
    int activeSessions() const;
    const ImapSessionRegistry& registry() const { return m_registry; }

private:
    ImapDependencies m_deps;
    ImapSessionRegistry m_registry;
    int m_failureDelayMs = 1000;
    SessionConnectionList m_connections; // last: ended before the registry and dependencies go
};

} // namespace tegami
