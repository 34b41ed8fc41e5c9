#include "smtp/SmtpConnection.h"

#include "log/LogSession.h"
#include "net/TlsUpgrade.h"

#include <QPointer>
#include <QSslCipher>
#include <QSslSocket>

namespace tegami {

namespace {

constexpr qint64 kReadChunk = 16 * 1024;
// Socket read buffer: what a client may send ahead before TCP holds it back.
constexpr qint64 kReadBufferSize = 64 * 1024;
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

SmtpConnection::SmtpConnection(Connection connection, const SmtpDependencies& deps)
    : m_connection(std::move(connection))
{
    QSslSocket* socket = m_connection.socket;
    SmtpSessionOptions options;
    options.protocol = m_connection.listener.protocol;
    options.remoteAddress = socket->peerAddress().toString();
    // TODO(tegami): reverse DNS for the Received header (an asynchronous QHostInfo lookup
    // before the greeting, bounded by a short timeout); until then it names the address only.
    options.tlsActive = socket->isEncrypted();
    SmtpTransport& transport = *this;
    m_session = std::make_unique<SmtpSession>(deps, *m_connection.log, transport, options);

    socket->setReadBufferSize(kReadBufferSize);
    connect(socket, &QIODevice::readyRead, this, &SmtpConnection::readInput);
    connect(socket, &QAbstractSocket::disconnected, this, &SmtpConnection::peerClosed);
    m_closeTimer.setSingleShot(true);
    connect(&m_closeTimer, &QTimer::timeout, this, [this] {
        m_connection.socket->abort();
        deleteLater();
    });
}

SmtpConnection::~SmtpConnection()
{
    // The session first: it drops an unfinished message and must not outlive its log.
    m_session.reset();
    if (m_connection.socket) {
        m_connection.socket->disconnect(this);
        m_connection.socket->deleteLater();
    }
}

void SmtpConnection::start()
{
    m_session->start();
    readInput();
}

void SmtpConnection::shutdown(const QString& reason)
{
    m_session->shutdown(reason);
    m_connection.socket->flush();
    m_connection.socket->abort();
}

void SmtpConnection::send(QByteArrayView bytes)
{
    QSslSocket* socket = m_connection.socket;
    if (!m_closing && socket->state() == QAbstractSocket::ConnectedState)
        socket->write(bytes.data(), bytes.size());
}

SmtpTlsInfo SmtpConnection::tlsInfo() const
{
    const QSslSocket* socket = m_connection.socket;
    if (!socket->isEncrypted())
        return {};
    const QSslCipher cipher = socket->sessionCipher();
    return SmtpTlsInfo { protocolText(socket->sessionProtocol()), cipher.name(), cipher.usedBits(),
        cipher.supportedBits() };
}

void SmtpConnection::startTls(const QSslConfiguration& configuration)
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
    QPointer<SmtpConnection> self(this);
    upgradeToTls(socket, configuration, *m_connection.log, [self](bool ok) {
        if (self && !self->m_closing)
            self->m_session->tlsFinished(ok);
    });
}

void SmtpConnection::close(const QString&)
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

void SmtpConnection::inputWanted()
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

void SmtpConnection::readInput()
{
    QSslSocket* socket = m_connection.socket;
    while (!m_closing && !m_session->isBusy() && socket->bytesAvailable() > 0) {
        const QByteArray data = socket->read(kReadChunk);
        if (data.isEmpty())
            break;
        m_session->receive(data);
    }
}

void SmtpConnection::peerClosed()
{
    if (m_closing) {
        m_closeTimer.stop();
        deleteLater();
        return;
    }
    // Commands that arrived before the close still count (a client may send QUIT and hang
    // up at once); the replies go nowhere.
    readInput();
    if (!m_closing)
        m_session->connectionLost(QStringLiteral("client closed the connection"));
    deleteLater();
}

} // namespace tegami
