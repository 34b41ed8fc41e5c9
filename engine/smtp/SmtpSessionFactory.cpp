#include "smtp/SmtpSessionFactory.h"

#include "core/Settings.h"
#include "smtp/SmtpConnection.h"

#include <algorithm>

namespace tegami {

SmtpSessionFactory::SmtpSessionFactory(Protocol protocol, SmtpDependencies deps)
    : m_protocol(protocol)
    , m_deps(std::move(deps))
{ }

SmtpSessionFactory::~SmtpSessionFactory()
{
    // Sessions reference the dependencies: none may outlive this object.
    const QList<QPointer<SmtpConnection>> connections = std::exchange(m_connections, {});
    for (const QPointer<SmtpConnection>& c : connections) {
        if (c) {
            c->shutdown(QStringLiteral("the server is shutting down; try again later"));
            delete c.data();
        }
    }
}

void SmtpSessionFactory::startSession(Connection connection)
{
    m_connections.removeIf([](const QPointer<SmtpConnection>& c) { return c.isNull(); });
    auto* c = new SmtpConnection(std::move(connection), m_deps);
    m_connections.append(c);
    c->start();
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
    return static_cast<int>(std::count_if(
        m_connections.begin(), m_connections.end(), [](const QPointer<SmtpConnection>& c) { return !c.isNull(); }));
}

} // namespace tegami
