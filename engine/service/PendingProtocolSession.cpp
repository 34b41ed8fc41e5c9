#include "service/PendingProtocolSession.h"

#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/TlsUpgrade.h"

#include <QSslSocket>

namespace tegami {

namespace {

constexpr int kMaxLine = 1024;
constexpr int kMaxErrors = 10;

QByteArray unavailable(Protocol p)
{
    switch (p) {
    case Protocol::Smtp:
    case Protocol::Submission:
        return "451 4.3.2 mail service is not available yet on this server, try again later";
    case Protocol::Pop3:
        return "-ERR [SYS/TEMP] the POP3 service is not available yet on this server";
    case Protocol::Imap:
        return "NO [UNAVAILABLE] the IMAP service is not available yet on this server";
    }
    return {};
}

} // namespace

PendingProtocolSession::PendingProtocolSession(Connection connection, const Settings& settings, const TlsProvider* tls)
    : m_connection(std::move(connection))
    , m_settings(settings)
    , m_tls(tls)
{
    QSslSocket* socket = m_connection.socket;
    connect(socket, &QIODevice::readyRead, this, &PendingProtocolSession::readLines);
    connect(socket, &QAbstractSocket::disconnected, this,
        [this] { close(QStringLiteral("client closed the connection")); });
    m_idle.setSingleShot(true);
    m_idle.setInterval(static_cast<int>(
        settings.integer(protocolName(m_connection.listener.protocol) + QStringLiteral(".timeoutSecs")) * 1000));
    connect(&m_idle, &QTimer::timeout, this, [this] { close(QStringLiteral("idle timeout")); });
}

PendingProtocolSession::~PendingProtocolSession()
{
    if (m_connection.socket)
        m_connection.socket->deleteLater();
}

bool PendingProtocolSession::tlsActive() const
{
    return m_connection.socket->isEncrypted();
}

bool PendingProtocolSession::tlsOffered() const
{
    QString problem;
    return !tlsActive() && m_tls && m_tls->serverConfiguration(m_connection.listener.protocol, &problem).has_value();
}

void PendingProtocolSession::start()
{
    const QString fqdn = m_settings.listenerFqdn(m_connection.listener.protocol);
    switch (m_connection.listener.protocol) {
    case Protocol::Smtp:
    case Protocol::Submission:
        reply("220 " + fqdn.toUtf8() + " ESMTP Tegami (mail service not available yet)");
        break;
    case Protocol::Pop3:
        reply("+OK Tegami POP3 (mail service not available yet)");
        break;
    case Protocol::Imap:
        reply("* OK [CAPABILITY IMAP4rev1" + QByteArray(tlsOffered() ? " STARTTLS" : "")
            + " LOGINDISABLED] Tegami IMAP (mail service not available yet)");
        break;
    }
    m_idle.start();
    readLines();
}

void PendingProtocolSession::reply(const QByteArray& text)
{
    m_connection.socket->write(text + "\r\n");
    m_connection.log->toClient(text);
}

void PendingProtocolSession::close(const QString& reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_idle.stop();
    m_connection.log->disconnected(reason);
    m_connection.socket->disconnectFromHost();
    deleteLater();
}

void PendingProtocolSession::readLines()
{
    if (m_closing || m_upgrading)
        return;
    m_buffer += m_connection.socket->readAll();
    qsizetype nl;
    while (!m_closing && !m_upgrading && (nl = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        m_idle.start();
        m_connection.log->fromClient(line);
        handle(line);
    }
    if (m_buffer.size() > kMaxLine) {
        reply(m_connection.listener.protocol == Protocol::Imap     ? "* BYE line too long"
                : m_connection.listener.protocol == Protocol::Pop3 ? "-ERR line too long"
                                                                   : "500 5.5.2 line too long");
        close(QStringLiteral("line too long"));
    }
}

void PendingProtocolSession::handle(const QByteArray& line)
{
    const QList<QByteArray> words = line.trimmed().split(' ');
    switch (m_connection.listener.protocol) {
    case Protocol::Smtp:
    case Protocol::Submission:
        handleSmtp(words.value(0).toUpper(), line);
        break;
    case Protocol::Pop3:
        handlePop3(words.value(0).toUpper());
        break;
    case Protocol::Imap:
        handleImap(words.value(0), words.value(1).toUpper());
        break;
    }
    if (!m_closing && m_errors >= kMaxErrors) {
        m_connection.log->note(QStringLiteral("too many errors"));
        close(QStringLiteral("too many errors"));
    }
}

void PendingProtocolSession::startTls(const QByteArray& goAhead)
{
    QString problem;
    const std::optional<QSslConfiguration> tls
        = m_tls ? m_tls->serverConfiguration(m_connection.listener.protocol, &problem) : std::nullopt;
    if (!tls)
        return;
    reply(goAhead);
    // STARTTLS injection: whatever the client pipelined after the command was sent in
    // plain text and must not be read as if it came over TLS.
    if (!m_buffer.isEmpty() || m_connection.socket->bytesAvailable() > 0) {
        m_connection.log->note(QStringLiteral("discarded %1 bytes sent after STARTTLS before the handshake")
                                   .arg(m_buffer.size() + m_connection.socket->bytesAvailable()));
    }
    m_buffer.clear();
    m_connection.socket->readAll();
    m_upgrading = true;
    upgradeToTls(m_connection.socket, *tls, *m_connection.log, [this](bool ok) {
        m_upgrading = false;
        if (!ok) {
            close(QStringLiteral("TLS handshake failed"));
            return;
        }
        readLines();
    });
}

void PendingProtocolSession::handleSmtp(const QByteArray& verb, const QByteArray& line)
{
    const QByteArray fqdn = m_settings.listenerFqdn(m_connection.listener.protocol).toUtf8();
    if (verb == "EHLO") {
        QByteArray r = "250-" + fqdn + "\r\n";
        if (tlsOffered())
            r += "250-STARTTLS\r\n";
        r += "250 ENHANCEDSTATUSCODES";
        reply(r);
    } else if (verb == "HELO") {
        reply("250 " + fqdn);
    } else if (verb == "STARTTLS") {
        QString problem = QStringLiteral("TLS is already active");
        if (tlsActive() || !m_tls || !m_tls->serverConfiguration(m_connection.listener.protocol, &problem)) {
            ++m_errors;
            reply("454 4.7.0 TLS not available: " + problem.toUtf8());
        } else {
            startTls("220 2.0.0 Ready to start TLS");
        }
    } else if (verb == "QUIT") {
        reply("221 2.0.0 Bye");
        close(QStringLiteral("QUIT"));
    } else if (verb == "NOOP" || verb == "RSET") {
        reply("250 2.0.0 OK");
    } else if (verb == "MAIL" || verb == "RCPT" || verb == "DATA" || verb == "AUTH" || verb == "BDAT"
        || verb == "VRFY") {
        ++m_errors;
        reply(unavailable(m_connection.listener.protocol));
    } else {
        ++m_errors;
        Q_UNUSED(line);
        reply("500 5.5.2 command not recognised");
    }
}

void PendingProtocolSession::handlePop3(const QByteArray& verb)
{
    if (verb == "CAPA") {
        reply("+OK capability list follows\r\n" + QByteArray(tlsOffered() ? "STLS\r\n" : "")
            + "IMPLEMENTATION Tegami\r\n.");
    } else if (verb == "STLS") {
        QString problem = QStringLiteral("TLS is already active");
        if (tlsActive() || !m_tls || !m_tls->serverConfiguration(Protocol::Pop3, &problem)) {
            ++m_errors;
            reply("-ERR TLS not available: " + problem.toUtf8());
        } else {
            startTls("+OK begin TLS negotiation");
        }
    } else if (verb == "QUIT") {
        reply("+OK Bye");
        close(QStringLiteral("QUIT"));
    } else if (verb == "NOOP") {
        reply("+OK");
    } else {
        ++m_errors;
        reply(unavailable(Protocol::Pop3));
    }
}

void PendingProtocolSession::handleImap(const QByteArray& tag, const QByteArray& verb)
{
    if (tag.isEmpty() || verb.isEmpty()) {
        ++m_errors;
        reply("* BAD expected a tag and a command");
        return;
    }
    if (verb == "CAPABILITY") {
        reply("* CAPABILITY IMAP4rev1" + QByteArray(tlsOffered() ? " STARTTLS" : "") + " LOGINDISABLED\r\n" + tag
            + " OK CAPABILITY completed");
    } else if (verb == "STARTTLS") {
        QString problem = QStringLiteral("TLS is already active");
        if (tlsActive() || !m_tls || !m_tls->serverConfiguration(Protocol::Imap, &problem)) {
            ++m_errors;
            reply(tag + " NO TLS not available: " + problem.toUtf8());
        } else {
            startTls(tag + " OK begin TLS negotiation now");
        }
    } else if (verb == "LOGOUT") {
        reply("* BYE logging out\r\n" + tag + " OK LOGOUT completed");
        close(QStringLiteral("LOGOUT"));
    } else if (verb == "NOOP") {
        reply(tag + " OK NOOP completed");
    } else {
        ++m_errors;
        reply(tag + ' ' + unavailable(Protocol::Imap));
    }
}

PendingProtocolSessionFactory::PendingProtocolSessionFactory(
    Protocol protocol, const Settings& settings, const TlsProvider* tls)
    : m_protocol(protocol)
    , m_settings(settings)
    , m_tls(tls)
{ }

void PendingProtocolSessionFactory::startSession(Connection connection)
{
    auto* session = new PendingProtocolSession(std::move(connection), m_settings, m_tls);
    session->start();
}

QByteArray PendingProtocolSessionFactory::refusal(const QString& reason) const
{
    switch (m_protocol) {
    case Protocol::Smtp:
    case Protocol::Submission:
        return "421 4.7.0 " + reason.toUtf8() + "\r\n";
    case Protocol::Pop3:
        return "-ERR [SYS/TEMP] " + reason.toUtf8() + "\r\n";
    case Protocol::Imap:
        return "* BYE [UNAVAILABLE] " + reason.toUtf8() + "\r\n";
    }
    return {};
}

bool PendingProtocolSessionFactory::protocolLogEnabled() const
{
    return m_settings.boolean(protocolName(m_protocol) + QStringLiteral(".protocolLog"));
}

} // namespace tegami
