#pragma once

#include "net/SessionConnection.h"
#include "net/SessionFactory.h"
#include "pop3/MaildropLocks.h"
#include "pop3/Pop3Dependencies.h"

namespace tegami {

// Plugs POP3 into the POP3 listeners (110 with STLS, 995 implicit TLS). It owns the
// maildrop locks all sessions share; destroying it ends every session still open
// without the UPDATE state (a server shutdown removes nothing).
class Pop3SessionFactory final : public SessionFactory {
public:
    explicit Pop3SessionFactory(Pop3Dependencies deps);
    ~Pop3SessionFactory() override;

    void startSession(Connection connection) override;
    QByteArray refusal(const QString& reason) const override; // "-ERR [SYS/TEMP] ...\r\n"
    bool protocolLogEnabled() const override; // pop3.protocolLog

    // How long a failed login waits before its reply (default 1000 ms); tests shorten it.
    void setFailureDelayMs(int ms) { m_failureDelayMs = ms; }
    const MaildropLocks& locks() const { return m_locks; }
    int activeSessions() const;

private:
    Pop3Dependencies m_deps;
    MaildropLocks m_locks;
    int m_failureDelayMs = 1000;
    SessionConnectionList m_connections; // last: ended before the locks and dependencies go
};

} // namespace tegami
