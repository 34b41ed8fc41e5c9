#include "log/LogSession.h"

#include "log/ProtocolLog.h"

#include <QRandomGenerator>

namespace tegami {

namespace {

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

LogSession::LogSession(
    Protocol protocol, QString local, QString remote, ProtocolLog* log, bool enabled, const Clock* clock, QString sid)
    : m_protocol(protocol)
    , m_proto(protocolName(protocol))
    , m_sid(sid.isEmpty() ? newSessionId() : std::move(sid))
    , m_local(std::move(local))
    , m_remote(std::move(remote))
    , m_log(log)
    , m_enabled(enabled)
    , m_clock(clock ? *clock : (log ? log->clock() : Clock::system()))
    , m_redactor(protocol)
{ }

QString LogSession::newSessionId()
{
    return QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

LogSession::~LogSession()
{
    if (m_open)
        m_log->activeSessions().closed(m_sid);
}

void LogSession::connected()
{
    if (m_log && !m_open) {
        m_open = true;
        m_log->activeSessions().opened({ m_sid, m_proto, m_local, m_remote, m_user, m_ctx, m_clock.now() });
    }
    record(LogDirection::Connect, {});
}

void LogSession::disconnected(const QString& reason)
{
    record(LogDirection::Disconnect, LogEvent::encodeData(reason.toUtf8()));
    if (m_open) {
        m_open = false;
        m_log->activeSessions().closed(m_sid);
    }
}

void LogSession::fromClient(QByteArrayView line)
{
    // The redactor runs even while logging is off, so that switching it on mid-session
    // cannot start in the middle of an exchange it has not seen.
    const QByteArray redacted = m_redactor.client(line);
    if (isEnabled())
        record(LogDirection::FromClient, LogEvent::encodeData(withoutLineEnd(redacted)));
}

void LogSession::toClient(QByteArrayView line)
{
    m_redactor.server(line);
    if (isEnabled())
        record(LogDirection::ToClient, LogEvent::encodeData(withoutLineEnd(line)));
}

void LogSession::note(const QString& text)
{
    if (isEnabled())
        record(LogDirection::Note, LogEvent::encodeData(text.toUtf8()));
}

void LogSession::setUser(const QString& user)
{
    m_user = user;
    if (m_open)
        m_log->activeSessions().setUser(m_sid, user);
}

void LogSession::setContext(const QString& ctx)
{
    m_ctx = ctx;
    if (m_open)
        m_log->activeSessions().setContext(m_sid, ctx);
}

void LogSession::record(LogDirection dir, QString data)
{
    if (!isEnabled())
        return;
    LogEvent event;
    event.time = m_clock.now();
    event.proto = m_proto;
    event.sid = m_sid;
    event.seq = ++m_seq;
    event.local = m_local;
    event.remote = m_remote;
    event.dir = dir;
    event.data = std::move(data);
    event.user = m_user;
    event.ctx = m_ctx;
    m_log->record(std::move(event));
}

} // namespace tegami
