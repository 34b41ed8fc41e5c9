#include "imap/ImapSessionFactory.h"

#include "core/Settings.h"
#include "imap/ImapConnection.h"

#include <algorithm>

namespace tegami {

ImapSessionFactory::ImapSessionFactory(ImapDependencies deps)
    : m_deps(std::move(deps))
{ }

ImapSessionFactory::~ImapSessionFactory()
{
    // Sessions reference the dependencies and the registry: none may outlive this object.
    const QList<QPointer<ImapConnection>> connections = std::exchange(m_connections, {});
    for (const QPointer<ImapConnection>& c : connections) {
        if (c) {
            c->shutdown(QStringLiteral("server shutting down"));
            delete c.data();
        }
    }
}

void ImapSessionFactory::startSession(Connection connection)
{
    m_connections.removeIf([](const QPointer<ImapConnection>& c) { return c.isNull(); });
    auto* c = new ImapConnection(std::move(connection), m_deps, m_registry, m_failureDelayMs);
    m_connections.append(c);
    c->start();
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
    return static_cast<int>(std::count_if(
        m_connections.begin(), m_connections.end(), [](const QPointer<ImapConnection>& c) { return !c.isNull(); }));
}

} // namespace tegami
