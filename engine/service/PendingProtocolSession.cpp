#include "service/PendingProtocolSession.h"

#include "core/Settings.h"
#include "log/LogEvent.h"
#include "log/LogSession.h"

#include <QTcpSocket>

namespace tegami {

PendingProtocolSessionFactory::PendingProtocolSessionFactory(Protocol protocol, ProtocolLog& log, const Settings& settings)
    : m_protocol(protocol), m_log(log), m_settings(settings)
{
}

QByteArray PendingProtocolSessionFactory::unavailableReply(Protocol protocol, const QString& text)
{
    switch (protocol) {
    case Protocol::Smtp:
    case Protocol::Submission: return "421 4.3.2 " + text.toUtf8() + "\r\n";
    case Protocol::Pop3: return "-ERR [SYS/TEMP] " + text.toUtf8() + "\r\n";
    case Protocol::Imap: return "* BYE [UNAVAILABLE] " + text.toUtf8() + "\r\n";
    }
    return {};
}

QByteArray PendingProtocolSessionFactory::refusal(const QString& reason) const
{
    return unavailableReply(m_protocol, reason);
}

void PendingProtocolSessionFactory::startSession(QTcpSocket* socket, const ListenerSpec& listener)
{
    const bool logEnabled = m_settings.boolean(protocolName(m_protocol) + QStringLiteral(".protocolLog"));
    LogSession session(m_protocol, logEndpoint(socket->localAddress().toString(), socket->localPort()),
                       logEndpoint(socket->peerAddress().toString(), socket->peerPort()), &m_log, logEnabled);
    session.connected();
    if (listener.tlsMode == TlsMode::Implicit) {
        session.note(QStringLiteral("closed: implicit TLS is not available yet (no certificate store in this build)"));
    } else {
        const QByteArray reply = unavailableReply(
            m_protocol, QStringLiteral("%1 service not available yet on this server").arg(protocolName(m_protocol)));
        socket->write(reply);
        session.toClient(reply);
        session.note(QStringLiteral("closed: the %1 protocol is not implemented in this build").arg(protocolName(m_protocol)));
    }
    session.disconnected(QStringLiteral("server closed the connection"));
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
    else
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace tegami
