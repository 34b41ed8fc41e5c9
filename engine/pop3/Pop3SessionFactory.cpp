#include "pop3/Pop3SessionFactory.h"

#include "core/Settings.h"
#include "pop3/Pop3Connection.h"

#include <algorithm>

namespace tegami {

Pop3SessionFactory::Pop3SessionFactory(Pop3Dependencies deps)
    : m_deps(std::move(deps))
{ }

Pop3SessionFactory::~Pop3SessionFactory()
{
    // Sessions reference the dependencies and the locks: none may outlive this object.
    const QList<QPointer<Pop3Connection>> connections = std::exchange(m_connections, {});
    for (const QPointer<Pop3Connection>& c : connections) {
        if (c) {
            c->shutdown(QStringLiteral("the server is shutting down; try again later"));
            delete c.data();
        }
    }
}

void Pop3SessionFactory::startSession(Connection connection)
{
    m_connections.removeIf([](const QPointer<Pop3Connection>& c) { return c.isNull(); });
    auto* c = new Pop3Connection(std::move(connection), m_deps, m_locks, m_failureDelayMs);
    m_connections.append(c);
    c->start();
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
    return static_cast<int>(std::count_if(
        m_connections.begin(), m_connections.end(), [](const QPointer<Pop3Connection>& c) { return !c.isNull(); }));
}

} // namespace tegami
