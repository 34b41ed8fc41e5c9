#include "pop3/Pop3SessionFactory.h"

#include "core/Settings.h"
#include "pop3/Pop3Session.h"

#include <QSslSocket>

namespace tegami {

Pop3SessionFactory::Pop3SessionFactory(Pop3Dependencies deps)
    : m_deps(std::move(deps))
{ }

Pop3SessionFactory::~Pop3SessionFactory()
{
    // Sessions reference the dependencies and the locks: none may outlive this object. No
    // UPDATE state: a server shutdown removes nothing.
    m_connections.shutdownAll(QStringLiteral("the server is shutting down; try again later"));
}

void Pop3SessionFactory::startSession(Connection connection)
{
    auto* c = new SessionConnection(std::move(connection), QStringLiteral("STLS"));
    Pop3SessionOptions options;
    options.remoteAddress = c->socket().peerAddress().toString();
    options.tlsActive = c->socket().isEncrypted();
    options.failureDelayMs = m_failureDelayMs;
    m_connections.add(c);
    c->start(std::make_unique<Pop3Session>(m_deps, m_locks, c->log(), *c, options));
}

QByteArray Pop3SessionFactory::refusal(const QString& reason) const
{
    return "-ERR [SYS/TEMP] " + reason.toUtf8() + "\r\n";
}

bool Pop3SessionFactory::protocolLogEnabled() const
{
    return m_deps.settings.boolean(QStringLiteral("pop3.protocolLog"));
}

int Pop3SessionFactory::activeSessions() const
{
    return m_connections.active();
}

} // namespace tegami
