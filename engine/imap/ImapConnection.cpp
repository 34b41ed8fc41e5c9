#include "imap/ImapConnection.h"

#include "log/LogSession.h"
#include "net/TlsUpgrade.h"

#include <QPointer>
#include <QSslSocket>

namespace tegami {

namespace {

constexpr qint64 kReadChunk = 16 * 1024;
// Socket read buffer: what a client may pipeline before TCP holds it back. An APPEND
// literal streams through it in pieces.
constexpr qint64 kReadBufferSize = 64 * 1024;
// A streamed FETCH pauses while more than this waits to be sent.
constexpr qint64 kHighWaterMark = 256 * 1024;
constexpr int kCloseTimeoutMs = 10000;

} // namespace

ImapConnection::ImapConnection(
    Connection connection, const ImapDependencies& deps, ImapSessionRegistry& registry, int failureDelayMs)
    : m_connection(std::move(connection))
{
    QSslSocket* socket = m_connection.socket;
    ImapSessionOptions options;
    options.remoteAddress = socket->peerAddress().toString();
    options.tlsActive = socket->isEncrypted();
    options.failureDelayMs = failureDelayMs;
    ImapTransport& transport = *this;
    m_session = std::make_unique<ImapSession>(deps, registry, *m_connection.log, transport, options);

    socket->setReadBufferSize(kReadBufferSize);
    connect(socket, &QIODevice::readyRead, this, &ImapConnection::readInput);
    connect(socket, &QIODevice::bytesWritten, this, &ImapConnection::outputDrained);
    connect(socket, &QSslSocket::encryptedBytesWritten, this, &ImapConnection::outputDrained);
    connect(socket, &QAbstractSocket::disconnected, this, &ImapConnection::peerClosed);
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        m_connection.socket->abort();
        deleteLater();
    });
}

ImapConnection::~ImapConnection()
{
    // The session first: it must not outlive its log.
    m_session.reset();
    if (m_connection.socket) {
        m_connection.socket->disconnect(this);
        m_connection.socket->deleteLater();
    }
}

void ImapConnection::start()
{
    m_session->start();
    readInput();
}

void ImapConnection::shutdown(const QString& reason)
{
    m_session->shutdown(reason);
    m_connection.socket->flush();
    m_connection.socket->abort();
}

void ImapConnection::send(QByteArrayView bytes)
{
    QSslSocket* socket = m_connection.socket;
    if (!m_closing && socket->state() == QAbstractSocket::ConnectedState)
        socket->write(bytes.data(), bytes.size());
}

bool ImapConnection::canSend() const
{
    return m_connection.socket->bytesToWrite() < kHighWaterMark;
}

void ImapConnection::startTls(const QSslConfiguration& configuration)
{
    // The session dropped what it had buffered; drop what the socket holds too.
    QSslSocket* socket = m_connection.socket;
    if (const qint64 pending = socket->bytesAvailable(); pending > 0) {
        m_connection.log->note(
            QStringLiteral("discarded %1 bytes sent after STARTTLS before the handshake").arg(pending));
        socket->readAll();
    }
    socket->flush();
    // The handshake may outlive this object (a server shutdown deletes it at once).
    QPointer<ImapConnection> self(this);
    upgradeToTls(socket, configuration, *m_connection.log, [self](bool ok) {
        if (self && !self->m_closing)
            self->m_session->tlsFinished(ok);
    });
}

void ImapConnection::close(const QString&)
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

void ImapConnection::inputWanted()
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

void ImapConnection::readInput()
{
    QSslSocket* socket = m_connection.socket;
    while (!m_closing && !m_session->isBusy() && socket->bytesAvailable() > 0) {
        const QByteArray data = socket->read(kReadChunk);
        if (data.isEmpty())
            break;
        m_session->receive(data);
    }
}

void ImapConnection::outputDrained()
{
    if (!m_closing && canSend())
        m_session->resumeOutput();
}

void ImapConnection::peerClosed()
{
    if (m_closing) {
        m_closeTimer.stop();
        deleteLater();
        return;
    }
    // Commands that arrived before the close still count (a client may send LOGOUT and
    // hang up at once); the replies go nowhere.
    readInput();
    if (!m_closing)
        m_session->connectionLost(QStringLiteral("client closed the connection"));
    deleteLater();
}

} // namespace tegami
