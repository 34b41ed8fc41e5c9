#include "pop3/Pop3Session.h"

#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"

#include <algorithm>

namespace tegami {

namespace {

// RFC 1939 does not bound errors; a client that gets ten wrong in a row is not a mail
// client having a bad moment but garbage or a probe, and is cut off.
constexpr int kMaxConsecutiveErrors = 10;

} // namespace

// The dispatch table: which command runs which member in which state. RFC 1939 allows
// NOOP only in TRANSACTION; STLS (RFC 2595) and the login commands only in AUTHORIZATION.
const Pop3Session::CommandSpec Pop3Session::kCommands[] = {
    { "CAPA", &Pop3Session::cmdCapa, true, true },
    { "USER", &Pop3Session::cmdUser, true, false },
    { "PASS", &Pop3Session::cmdPass, true, false },
    { "AUTH", &Pop3Session::cmdAuth, true, false },
    { "APOP", &Pop3Session::cmdApop, true, false },
    { "STLS", &Pop3Session::cmdStls, true, false },
    { "QUIT", &Pop3Session::cmdQuit, true, true },
    { "NOOP", &Pop3Session::cmdNoop, false, true },
    { "STAT", &Pop3Session::cmdStat, false, true },
    { "LIST", &Pop3Session::cmdList, false, true },
    { "RETR", &Pop3Session::cmdRetr, false, true },
    { "TOP", &Pop3Session::cmdTop, false, true },
    { "DELE", &Pop3Session::cmdDele, false, true },
    { "RSET", &Pop3Session::cmdRset, false, true },
    { "UIDL", &Pop3Session::cmdUidl, false, true },
};

Pop3Session::Pop3Session(const Pop3Dependencies& deps, MaildropLocks& locks, LogSession& log,
    SessionTransport& transport, Pop3SessionOptions options, QObject* parent)
    : QObject(parent)
    , m_deps(deps)
    , m_locks(locks)
    , m_log(log)
    , m_transport(transport)
    , m_options(std::move(options))
    , m_parser(settingInt("pop3.maxCommandSize"))
    , m_tlsActive(m_options.tlsActive)
{
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &Pop3Session::idleTimeout);
}

Pop3Session::~Pop3Session() = default;

QString Pop3Session::setting(const char* key) const
{
    return m_deps.settings.string(QString::fromLatin1(key));
}

qint64 Pop3Session::settingInt(const char* key) const
{
    return m_deps.settings.integer(QString::fromLatin1(key));
}

int Pop3Session::idleTimeoutMs() const
{
    const qint64 secs
        = m_state == State::Transaction ? settingInt("pop3.authenticatedTimeoutSecs") : settingInt("pop3.timeoutSecs");
    return static_cast<int>(std::clamp<qint64>(secs, 1, 86400) * 1000);
}

void Pop3Session::restartIdleTimer()
{
    if (m_state == State::Closed)
        return;
    m_idle.start(idleTimeoutMs());
}

void Pop3Session::start()
{
    const QByteArray fqdn = m_deps.settings.listenerFqdn(Protocol::Pop3).toUtf8();
    ok(fqdn + " Tegami POP3 server ready");
    restartIdleTimer();
}

bool Pop3Session::isBusy() const
{
    return m_state == State::Closed || m_delayedReply || m_authPending || m_stream || m_tlsPending;
}

void Pop3Session::receive(QByteArrayView bytes)
{
    if (m_state == State::Closed)
        return;
    m_parser.feed(bytes);
    processInput();
}

void Pop3Session::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    // Live settings: a changed limit applies from the next line on.
    m_parser.setMaxLineBytes(settingInt("pop3.maxCommandSize"));
    while (!isBusy()) {
        Pop3ParseItem item = m_parser.next();
        if (item.kind == Pop3ParseItem::Kind::NeedMore)
            break;
        restartIdleTimer();
        switch (item.kind) {
        case Pop3ParseItem::Kind::RawLine:
            m_log.fromClient(item.line);
            handleSaslLine(item.line);
            break;
        case Pop3ParseItem::Kind::Command:
            m_log.fromClient(item.line);
            handleCommand(item.command);
            break;
        case Pop3ParseItem::Kind::Error:
            handleParseError(item);
            break;
        case Pop3ParseItem::Kind::NeedMore:
            break;
        }
    }
    m_processing = false;
}

void Pop3Session::handleParseError(const Pop3ParseItem& item)
{
    if (item.error == Pop3ParseError::LineTooLong) {
        m_log.note(QStringLiteral("closing: the client sent a %1").arg(item.errorText));
        sendLine("-ERR " + item.errorText.toUtf8());
        finish(QStringLiteral("line too long"));
        return;
    }
    m_log.fromClient(item.line);
    err(item.errorText.toUtf8());
}

void Pop3Session::handleCommand(const Pop3Command& command)
{
    for (const CommandSpec& spec : kCommands) {
        if (command.verb != spec.verb)
            continue;
        const bool allowed = m_state == State::Authorization ? spec.inAuthorization : spec.inTransaction;
        if (!allowed) {
            err(m_state == State::Authorization ? "log in first (USER and PASS, or AUTH)"
                                                : "not allowed after login; you are already logged in");
            return;
        }
        (this->*spec.handler)(command.args);
        return;
    }
    err("unknown command; CAPA lists what this server supports");
}

void Pop3Session::sendLine(const QByteArray& line)
{
    m_transport.send(line + "\r\n");
    m_log.toClient(line);
}

void Pop3Session::sendBlock(const QByteArray& statusLine, const QByteArray& body, bool logBody)
{
    m_consecutiveErrors = 0;
    m_transport.send(statusLine + "\r\n" + body + ".\r\n");
    if (logBody)
        m_log.toClient(statusLine + "\r\n" + body + ".");
    else
        m_log.toClient(statusLine);
}

void Pop3Session::ok(const QByteArray& text)
{
    m_consecutiveErrors = 0;
    sendLine(text.isEmpty() ? QByteArray("+OK") : "+OK " + text);
}

void Pop3Session::err(const QByteArray& text)
{
    sendLine("-ERR " + text);
    if (++m_consecutiveErrors >= kMaxConsecutiveErrors) {
        m_log.note(QStringLiteral("closing: %1 errors in a row").arg(m_consecutiveErrors));
        finish(QStringLiteral("too many errors"));
    }
}

void Pop3Session::finish(const QString& reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_idle.stop();
    m_stream.reset();
    m_sasl.reset();
    // Free the maildrop at once: the client may reconnect before this object is gone.
    m_lock.reset();
    m_log.disconnected(reason);
    m_transport.close(reason);
}

void Pop3Session::idleTimeout()
{
    if (m_state == State::Closed)
        return;
    const int secs = idleTimeoutMs() / 1000;
    // RFC 1939: an autologout timer ends the session without the UPDATE state.
    m_log.note(QStringLiteral("idle for %1 s: closing without removing anything").arg(secs));
    if (!m_stream)
        sendLine("-ERR disconnected after " + QByteArray::number(secs) + " seconds of inactivity");
    finish(QStringLiteral("idle timeout"));
}

void Pop3Session::connectionLost(const QString& reason)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Transaction)
        m_log.note(QStringLiteral("connection lost before QUIT: nothing removed, no policy applied"));
    finish(reason);
}

void Pop3Session::shutdown(const QString& reason)
{
    if (m_state == State::Closed)
        return;
    // A line in the middle of a streamed message would become part of it.
    if (!m_stream)
        sendLine("-ERR [SYS/TEMP] " + reason.toUtf8());
    if (m_state == State::Transaction)
        m_log.note(QStringLiteral("server stopping before QUIT: nothing removed, no policy applied"));
    finish(reason);
}

std::optional<QSslConfiguration> Pop3Session::tlsConfiguration(QString* problem) const
{
    if (!m_deps.tls) {
        *problem = QStringLiteral("TLS is not set up on this server");
        return std::nullopt;
    }
    return m_deps.tls->serverConfiguration(Protocol::Pop3, problem);
}

bool Pop3Session::tlsOffered(QString* problem) const
{
    if (m_tlsActive) {
        *problem = QStringLiteral("TLS is already active");
        return false;
    }
    return tlsConfiguration(problem).has_value();
}

void Pop3Session::tlsFinished(bool ok)
{
    if (!m_tlsPending || m_state == State::Closed)
        return;
    m_tlsPending = false;
    if (!ok) {
        finish(QStringLiteral("TLS handshake failed"));
        return;
    }
    // RFC 2595: after STLS the session starts over; nothing said before counts, and the
    // client must ask CAPA again.
    m_tlsActive = true;
    m_pendingUser.clear();
    m_sasl.reset();
    m_consecutiveErrors = 0;
    restartIdleTimer();
    resumeInput(m_transport);
}

} // namespace tegami
