#include "imap/ImapSessionFactory.h"

#include "core/Settings.h"
#include "imap/ImapSession.h"

#include <QSslSocket>

namespace tegami {

ImapSessionFactory::ImapSessionFactory(ImapDependencies deps)
    : m_deps(std::move(deps))
{ }

ImapSessionFactory::~ImapSessionFactory()
{
    // Sessions reference the dependencies and the registry: none may outlive this object.
    m_connections.shutdownAll(QStringLiteral("server shutting down"));
}

void ImapSessionFactory::startSession(Connection connection)
{
    auto* c = new SessionConnection(std::move(connection), QStringLiteral("STARTTLS"));
    ImapSessionOptions options;
    options.remoteAddress = c->socket().peerAddress().toString();
    options.tlsActive = c->socket().isEncrypted();
    options.failureDelayMs = m_failureDelayMs;
    m_connections.add(c);
    c->start(std::make_unique<ImapSession>(m_deps, m_registry, c->log(), *c, options));
}

QByteArray ImapSessionFactory::refusal(const QString& reason) const
{
    return "* BYE [UNAVAILABLE] " + reason.toUtf8() + "\r\n";
}

bool ImapSessionFactory::protocolLogEnabled() const
{
    return m_deps.settings.boolean(QStringLiteral("imap.protocolLog"));
}

int ImapSessionFactory::activeSessions() const
{
    return m_connections.active();
}

} // namespace tegami
