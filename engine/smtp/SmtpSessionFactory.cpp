#include "smtp/SmtpSessionFactory.h"

#include "core/Settings.h"
#include "smtp/SmtpSession.h"

#include <QSslSocket>

namespace tegami {

SmtpSessionFactory::SmtpSessionFactory(Protocol protocol, SmtpDependencies deps)
    : m_protocol(protocol)
    , m_deps(std::move(deps))
{ }

SmtpSessionFactory::~SmtpSessionFactory()
{
    // Sessions reference the dependencies: none may outlive this object. A message in
    // progress is not queued (the client is told 421 and retries).
    m_connections.shutdownAll(QStringLiteral("the server is shutting down; try again later"));
}

void SmtpSessionFactory::startSession(Connection connection)
{
    auto* c = new SessionConnection(std::move(connection), QStringLiteral("STARTTLS"));
    SmtpSessionOptions options;
    options.protocol = c->listener().protocol;
    options.remoteAddress = c->socket().peerAddress().toString();
    // TODO(tegami): reverse DNS for the Received header (an asynchronous QHostInfo lookup
    // before the greeting, bounded by a short timeout); until then it names the address only.
    options.tlsActive = c->socket().isEncrypted();
    m_connections.add(c);
    c->start(std::make_unique<SmtpSession>(m_deps, c->log(), *c, options));
}

QByteArray SmtpSessionFactory::refusal(const QString& reason) const
{
    return "421 4.7.0 " + reason.toUtf8() + "\r\n";
}

bool SmtpSessionFactory::protocolLogEnabled() const
{
    return m_deps.settings.boolean(protocolName(m_protocol) + QStringLiteral(".protocolLog"));
}

int SmtpSessionFactory::activeSessions() const
{
    return m_connections.active();
}

} // namespace tegami
