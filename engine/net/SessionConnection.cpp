#include "net/SessionConnection.h"

#include "log/LogSession.h"
#include "net/TlsUpgrade.h"

#include <QSslCipher>
#include <QSslSocket>

#include <algorithm>

namespace tegami {

namespace {

constexpr qint64 kReadChunk = 16 * 1024;
// Socket read buffer: what a client may send ahead before TCP holds it back.
constexpr qint64 kReadBufferSize = 64 * 1024;
// A streamed reply pauses while more than this waits to be sent.
constexpr qint64 kHighWaterMark = 256 * 1024;
constexpr int kCloseTimeoutMs = 10000;

QString protocolText(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("TLS");
    }
}

} // namespace

QString TlsSessionInfo::describe() const
{
    if (protocol.isEmpty())
        return {};
    QString text = protocol + QStringLiteral(" with cipher ") + cipher;
    if (usedBits > 0)
        text += QStringLiteral(" (%1/%2 bits)").arg(usedBits).arg(supportedBits);
    return text;
}

SessionConnection::SessionConnection(Connection connection, QString startTlsVerb)
    : m_connection(std::move(connection))
    , m_startTlsVerb(std::move(startTlsVerb))
{
    QSslSocket* socket = m_connection.socket;
    socket->setReadBufferSize(kReadBufferSize);
    connect(socket, &QIODevice::readyRead, this, &SessionConnection::readInput);
    connect(socket, &QIODevice::bytesWritten, this, &SessionConnection::outputDrained);
    connect(socket, &QSslSocket::encryptedBytesWritten, this, &SessionConnection::outputDrained);
    connect(socket, &QAbstractSocket::disconnected, this, &SessionConnection::peerClosed);
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        m_connection.socket->abort();
        deleteLater();
    });
}

SessionConnection::~SessionConnection()
{
    // The session first: it releases what it holds (a maildrop lock, an unfinished
    // message) and must not outlive its log.
    m_session.reset();
    if (m_connection.socket) {
        m_connection.socket->disconnect(this);
        m_connection.socket->deleteLater();
    }
}

void SessionConnection::start(std::unique_ptr<ProtocolSession> session)
{
    m_session = std::move(session);
    m_session->start();
    readInput();
}

void SessionConnection::shutdown(const QString& reason)
{
    if (m_session)
        m_session->shutdown(reason);
    m_connection.socket->flush();
    m_connection.socket->abort();
}

void SessionConnection::send(QByteArrayView bytes)
{
    QSslSocket* socket = m_connection.socket;
    if (!m_closing && socket->state() == QAbstractSocket::ConnectedState)
        socket->write(bytes.data(), bytes.size());
}

bool SessionConnection::canSend() const
{
    return m_connection.socket->bytesToWrite() < kHighWaterMark;
}

TlsSessionInfo SessionConnection::tlsInfo() const
{
    const QSslSocket* socket = m_connection.socket;
    if (!socket->isEncrypted())
        return {};
    const QSslCipher cipher = socket->sessionCipher();
    return TlsSessionInfo { protocolText(socket->sessionProtocol()), cipher.name(), cipher.usedBits(),
        cipher.supportedBits() };
}

void SessionConnection::startTls(const QSslConfiguration& configuration)
{
    // The session dropped what it had buffered; drop what the socket holds too.
    QSslSocket* socket = m_connection.socket;
    if (const qint64 pending = socket->bytesAvailable(); pending > 0) {
        m_connection.log->note(
            QStringLiteral("discarded %1 bytes sent after %2 before the handshake").arg(pending).arg(m_startTlsVerb));
        socket->readAll();
    }
    socket->flush();
    // The handshake may outlive this object (a server shutdown deletes it at once).
    QPointer<SessionConnection> self(this);
    upgradeToTls(socket, configuration, *m_connection.log, [self](bool ok) {
        if (self && !self->m_closing && self->m_session)
            self->m_session->tlsFinished(ok);
    });
}

void SessionConnection::close(const QString&)
{
    if (m_closing)
        return;
    m_closing = true;
    QSslSocket* socket = m_connection.socket;
    socket->flush();
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        deleteLater();
        return;
    }
    // disconnected() arrives once the last reply is out; the timer covers a peer that never reads.
    m_closeTimer.start(kCloseTimeoutMs);
}

void SessionConnection::inputWanted()
{
    if (m_readQueued || m_closing)
        return;
    m_readQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_readQueued = false;
            readInput();
        },
        Qt::QueuedConnection);
}

void SessionConnection::readInput()
{
    QSslSocket* socket = m_connection.socket;
    while (m_session && !m_closing && !m_session->isBusy() && socket->bytesAvailable() > 0) {
        const QByteArray data = socket->read(kReadChunk);
        if (data.isEmpty())
            break;
        m_session->receive(data);
    }
}

void SessionConnection::outputDrained()
{
    if (m_session && !m_closing && canSend())
        m_session->resumeOutput();
}

void SessionConnection::peerClosed()
{
    if (m_closing) {
        m_closeTimer.stop();
        deleteLater();
        return;
    }
    // Commands that arrived before the close still count (a client may send QUIT and hang
    // up at once); the replies go nowhere.
    readInput();
    if (!m_closing && m_session)
        m_session->connectionLost(QStringLiteral("client closed the connection"));
    deleteLater();
}

SessionConnectionList::~SessionConnectionList()
{
    shutdownAll(QStringLiteral("the server is shutting down; try again later"));
}

void SessionConnectionList::add(SessionConnection* connection)
{
    m_connections.removeIf([](const QPointer<SessionConnection>& c) { return c.isNull(); });
    m_connections.append(connection);
}

void SessionConnectionList::shutdownAll(const QString& reason)
{
    // Sessions reference their factory's dependencies: none may outlive it.
    const QList<QPointer<SessionConnection>> connections = std::exchange(m_connections, {});
    for (const QPointer<SessionConnection>& c : connections) {
        if (c) {
            c->shutdown(reason);
            delete c.data();
        }
    }
}

int SessionConnectionList::active() const
{
    return static_cast<int>(std::count_if(
        m_connections.begin(), m_connections.end(), [](const QPointer<SessionConnection>& c) { return !c.isNull(); }));
}

} // namespace tegami
