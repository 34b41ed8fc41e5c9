#include "smtp/SmtpSession.h"

#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"

#include <algorithm>

namespace tegami {

// The dispatch table. Which command may run in which state is each handler's first check,
// because SMTP's states (greeted, in a transaction, in a BDAT message) overlap.
const SmtpSession::CommandSpec SmtpSession::kCommands[] = {
    { "EHLO", &SmtpSession::cmdEhlo },
    { "HELO", &SmtpSession::cmdHelo },
    { "MAIL", &SmtpSession::cmdMail },
    { "RCPT", &SmtpSession::cmdRcpt },
    { "DATA", &SmtpSession::cmdData },
    { "BDAT", &SmtpSession::cmdBdat },
    { "RSET", &SmtpSession::cmdRset },
    { "NOOP", &SmtpSession::cmdNoop },
    { "QUIT", &SmtpSession::cmdQuit },
    { "HELP", &SmtpSession::cmdHelp },
    { "VRFY", &SmtpSession::cmdVrfy },
    { "EXPN", &SmtpSession::cmdExpn },
    { "STARTTLS", &SmtpSession::cmdStartTls },
    { "AUTH", &SmtpSession::cmdAuth },
};

SmtpSession::SmtpSession(const SmtpDependencies& deps, LogSession& log, SessionTransport& transport,
    SmtpSessionOptions options, QObject* parent)
    : QObject(parent)
    , m_deps(deps)
    , m_log(log)
    , m_transport(transport)
    , m_options(std::move(options))
    , m_tlsActive(m_options.tlsActive)
{
    m_parser.setMaxLineBytes(settingInt("maxCommandLength"));
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &SmtpSession::idleTimeout);
}

SmtpSession::~SmtpSession() = default;

QString SmtpSession::key(const char* name) const
{
    return protocolName(m_options.protocol) + QLatin1Char('.') + QLatin1String(name);
}

QString SmtpSession::setting(const char* name) const
{
    return m_deps.settings.string(key(name));
}

qint64 SmtpSession::settingInt(const char* name) const
{
    return m_deps.settings.integer(key(name));
}

QByteArray SmtpSession::fqdn() const
{
    return m_deps.settings.listenerFqdn(m_options.protocol).toUtf8();
}

int SmtpSession::idleTimeoutMs() const
{
    return static_cast<int>(std::clamp<qint64>(settingInt("timeoutSecs"), 1, 86400) * 1000);
}

void SmtpSession::restartIdleTimer()
{
    if (!m_closed)
        m_idle.start(idleTimeoutMs());
}

void SmtpSession::start()
{
    QByteArray banner = setting("banner").toUtf8();
    // The banner is one line of text; whatever an admin pasted must not end the line.
    banner.replace('\r', ' ').replace('\n', ' ');
    if (banner.trimmed().isEmpty())
        banner = "ESMTP Tegami";
    // RFC 5321 4.3.1: the greeting starts with the server's name. No enhanced code in it (RFC 2034).
    sendLine("220 " + fqdn() + ' ' + banner.trimmed());
    restartIdleTimer();
}

bool SmtpSession::isBusy() const
{
    return m_closed || m_delayedReply || m_authPending || m_tlsPending;
}

void SmtpSession::receive(QByteArrayView bytes)
{
    if (m_closed)
        return;
    m_parser.feed(bytes);
    processInput();
}

void SmtpSession::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (!isBusy()) {
        // Live settings: a changed limit applies from the next line on.
        m_parser.setMaxLineBytes(settingInt("maxCommandLength"));
        SmtpParseItem item = m_parser.next();
        if (item.kind == SmtpParseItem::Kind::NeedMore)
            break;
        restartIdleTimer();
        switch (item.kind) {
        case SmtpParseItem::Kind::Command:
        case SmtpParseItem::Kind::RawLine:
            m_log.fromClient(item.line);
            if (item.bareLf && !m_bareLfNoted) {
                m_bareLfNoted = true;
                m_log.note(QStringLiteral("the client ends command lines with a bare LF instead of CRLF (accepted)"));
            }
            if (item.kind == SmtpParseItem::Kind::RawLine)
                handleSaslLine(item.line);
            else
                handleCommand(item.command);
            break;
        case SmtpParseItem::Kind::Error:
            handleParseError(item);
            break;
        case SmtpParseItem::Kind::Content:
            handleContent(item.content);
            break;
        case SmtpParseItem::Kind::ChunkEnd:
            handleChunkEnd(item.report);
            break;
        case SmtpParseItem::Kind::ContentEnd:
            handleContentEnd(item.report);
            break;
        case SmtpParseItem::Kind::NeedMore:
            break;
        }
    }
    m_processing = false;
}

void SmtpSession::handleParseError(const SmtpParseItem& item)
{
    if (item.error == SmtpParseError::LineTooLong) {
        m_log.note(QStringLiteral("the client sent a %1").arg(item.errorText));
        if (m_sasl) {
            m_sasl.reset();
            refuse({ 500, "5.5.6", "Authentication Exchange line is too long" }, Failure::Protocol);
            return;
        }
        refuse({ 500, "5.5.2", item.errorText.toUtf8() }, Failure::Protocol);
        return;
    }
    m_log.fromClient(item.line);
    refuse({ 500, "5.5.1", item.errorText.toUtf8() }, Failure::Protocol);
}

void SmtpSession::handleCommand(const SmtpCommand& command)
{
    for (const CommandSpec& spec : kCommands) {
        if (command.verb == spec.verb) {
            (this->*spec.handler)(command.args);
            return;
        }
    }
    refuse({ 500, "5.5.1", "command not recognized: " + command.verb.left(32) + "; HELP lists the commands" },
        Failure::Protocol);
}

void SmtpSession::sendLine(const QByteArray& line)
{
    m_transport.send(line + "\r\n");
    m_log.toClient(line);
}

void SmtpSession::reply(int code, const char* status, const QByteArray& text)
{
    sendLine(QByteArray::number(code) + ' ' + status + ' ' + text);
}

void SmtpSession::replyLines(int code, const QByteArrayList& lines)
{
    const QByteArray number = QByteArray::number(code);
    QByteArray wire;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = number + (i + 1 < lines.size() ? '-' : ' ') + lines[i];
        wire += line + "\r\n";
        m_log.toClient(line);
    }
    m_transport.send(wire);
}

void SmtpSession::refuse(const SmtpReply& failed, Failure failure)
{
    const qint64 tarpitMs = std::clamp<qint64>(settingInt("tarpitSecs"), 0, 600) * 1000;
    if (tarpitMs <= 0) {
        sendLine(failed.line());
        afterFailure(failure);
        return;
    }
    // Slows down address harvesting and password guessing without blocking the event
    // loop; input (pipelined commands too) waits meanwhile, so replies stay in order.
    m_delayedReply = true;
    const QByteArray line = failed.line();
    QTimer::singleShot(static_cast<int>(tarpitMs), this, [this, line, failure] {
        m_delayedReply = false;
        if (m_closed)
            return;
        sendLine(line);
        afterFailure(failure);
        resumeInput(m_transport);
    });
}

void SmtpSession::afterFailure(Failure failure)
{
    if (failure != Failure::Protocol || m_closed)
        return;
    const qint64 max = settingInt("maxProtocolErrors");
    if (++m_protocolErrors < max)
        return;
    m_log.note(QStringLiteral("closing: %1 protocol errors (%2 is %3)")
                   .arg(m_protocolErrors)
                   .arg(key("maxProtocolErrors"))
                   .arg(max));
    reply(421, "4.7.0", fqdn() + " too many errors; closing the connection");
    finish(QStringLiteral("too many protocol errors"));
}

void SmtpSession::resetTransaction()
{
    // Dropping the writer removes the partial message from the spool.
    m_tx.reset();
}

void SmtpSession::finish(const QString& reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_idle.stop();
    if (m_tx && m_tx->writer)
        m_log.note(QStringLiteral("session ended during a message: nothing was queued"));
    resetTransaction();
    m_sasl.reset();
    m_log.disconnected(reason);
    m_transport.close(reason);
}

void SmtpSession::idleTimeout()
{
    if (m_closed)
        return;
    const int secs = idleTimeoutMs() / 1000;
    m_log.note(QStringLiteral("no input for %1 s (%2): closing").arg(secs).arg(key("timeoutSecs")));
    reply(421, "4.4.2", fqdn() + " timeout: nothing received for " + QByteArray::number(secs) + " seconds; closing");
    finish(QStringLiteral("idle timeout"));
}

void SmtpSession::connectionLost(const QString& reason)
{
    finish(reason);
}

void SmtpSession::shutdown(const QString& reason)
{
    if (m_closed)
        return;
    reply(421, "4.3.2", fqdn() + ' ' + reason.toUtf8());
    finish(reason);
}

std::optional<QSslConfiguration> SmtpSession::tlsConfiguration(QString* problem) const
{
    if (!m_deps.tls) {
        *problem = QStringLiteral("TLS is not set up on this server");
        return std::nullopt;
    }
    return m_deps.tls->serverConfiguration(m_options.protocol, problem);
}

bool SmtpSession::tlsOffered() const
{
    QString problem;
    return !m_tlsActive && tlsConfiguration(&problem).has_value();
}

void SmtpSession::tlsFinished(bool ok)
{
    if (!m_tlsPending || m_closed)
        return;
    m_tlsPending = false;
    if (!ok) {
        finish(QStringLiteral("TLS handshake failed"));
        return;
    }
    // RFC 3207 4.2: the session starts over. Nothing said before counts (EHLO, AUTH, a
    // transaction), so the client must send EHLO again.
    m_tlsActive = true;
    m_greeted = false;
    m_esmtp = false;
    m_helo.clear();
    m_user.clear();
    m_authVia.clear();
    m_log.setUser({});
    m_sasl.reset();
    resetTransaction();
    restartIdleTimer();
    resumeInput(m_transport);
}

} // namespace tegami
