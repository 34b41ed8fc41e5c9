#include "logviewer/FakeLogEventSource.h"

#include <QTimeZone>
#include <QTimer>

namespace tegami {

FakeLogEventSource::FakeLogEventSource(QObject* parent)
    : LogEventSource(parent)
{ }

void FakeLogEventSource::start()
{
    ++m_starts;
    m_following = true;
}

void FakeLogEventSource::stop()
{
    m_following = false;
}

void FakeLogEventSource::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    Q_EMIT connectionChanged(connected);
}

void FakeLogEventSource::requestDays()
{
    QTimer::singleShot(0, this, [this] { Q_EMIT daysListed(m_days); });
}

void FakeLogEventSource::requestDay(const QDate& date, qint64 offset, int limit, const LogFilter& filter)
{
    m_dayRequests.append({ date, offset, limit });
    QTimer::singleShot(0, this, [this, date, offset, limit, filter] {
        if (!m_dayError.isEmpty()) {
            Q_EMIT dayFailed(date, offset, m_dayError);
            return;
        }
        const QList<LogEvent> all = m_dayEvents.value(date);
        QList<LogEvent> page;
        qint64 position = offset;
        for (; position < all.size() && page.size() < limit; ++position) {
            if (filter.matches(all[position]))
                page.append(all[position]);
        }
        Q_EMIT dayLoaded(date, offset, page, position < all.size() ? position : -1);
    });
}

void FakeLogEventSource::disconnectSession(const QString& sid)
{
    m_disconnected.append(sid);
    finishAction(QStringLiteral("session.disconnect"), sid);
}

void FakeLogEventSource::banAddress(const QString& address, const QString& reason)
{
    m_banned.append(address);
    m_banReasons.append(reason);
    finishAction(QStringLiteral("security.ban"), address);
}

void FakeLogEventSource::finishAction(const QString& action, const QString& target)
{
    const QString error = std::exchange(m_actionError, QString());
    QTimer::singleShot(
        0, this, [this, action, target, error] { Q_EMIT actionFinished(action, target, error.isEmpty(), error); });
}

LogEventGenerator::LogEventGenerator(quint32 seed, const QDateTime& start, int timeStepMs)
    : m_random(seed)
    , m_start(start)
    , m_timeStepMs(timeStepMs)
{ }

LogEventGenerator::Session LogEventGenerator::newSession()
{
    static const char* const kUsers[]
        = { "alice@example.com", "bob@example.com", "carol@example.com", "dave@example.org", "erin@example.com" };
    Session s;
    s.sid = QString::number(m_nextSid++, 16);
    const QString user = QLatin1String(kUsers[m_random.bounded(5)]);
    const bool badPassword = m_random.bounded(10) == 0;
    s.remote = QStringLiteral("198.51.100.%1:%2").arg(m_random.bounded(1, 255)).arg(m_random.bounded(40000, 65000));
    const QString tls = QStringLiteral("*TLS 1.3 TLS_AES_256_GCM_SHA384 (X25519)");
    switch (m_random.bounded(4)) {
    case 0:
        s.proto = QStringLiteral("imap");
        s.tls = true;
        s.local = QStringLiteral("192.0.2.10:993");
        s.script = { QStringLiteral("+") + s.remote, tls,
            QStringLiteral(">* OK [CAPABILITY IMAP4rev1 IDLE MOVE] Tegami ready"),
            QStringLiteral("<a1 LOGIN %1 ********").arg(user) };
        if (badPassword) {
            s.script << QStringLiteral("*authentication failed for %1: wrong password").arg(user)
                     << QStringLiteral(">a1 NO [AUTHENTICATIONFAILED] Authentication failed.");
        } else {
            s.user = user;
            s.loginStep = int(s.script.size());
            s.script << QStringLiteral(">a1 OK [CAPABILITY IMAP4rev1 IDLE MOVE UIDPLUS] Logged in")
                     << QStringLiteral("<a2 SELECT INBOX") << QStringLiteral(">* 42 EXISTS")
                     << QStringLiteral(">a2 OK [READ-WRITE] SELECT completed")
                     << QStringLiteral("<a3 UID FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE)")
                     << QStringLiteral(">a3 OK FETCH completed (42 messages)") << QStringLiteral("<a4 IDLE")
                     << QStringLiteral(">+ idling") << QStringLiteral("<DONE")
                     << QStringLiteral(">a4 OK IDLE terminated");
        }
        s.script << QStringLiteral("<a9 LOGOUT") << QStringLiteral(">* BYE Logging out")
                 << QStringLiteral("-closed by the client");
        break;
    case 1:
        s.proto = QStringLiteral("pop3");
        s.tls = true;
        s.local = QStringLiteral("192.0.2.10:995");
        s.script = { QStringLiteral("+") + s.remote, tls, QStringLiteral(">+OK Tegami POP3 ready"),
            QStringLiteral("<USER %1").arg(user), QStringLiteral(">+OK"), QStringLiteral("<PASS ********") };
        if (badPassword) {
            s.script << QStringLiteral(">-ERR [AUTH] Authentication failed");
        } else {
            s.user = user;
            s.loginStep = int(s.script.size());
            s.script << QStringLiteral(">+OK 3 messages") << QStringLiteral("<STAT") << QStringLiteral(">+OK 3 14120")
                     << QStringLiteral("<RETR 1") << QStringLiteral(">+OK 4711 octets") << QStringLiteral("<DELE 1")
                     << QStringLiteral(">+OK message 1 deleted");
        }
        s.script << QStringLiteral("<QUIT") << QStringLiteral(">+OK bye") << QStringLiteral("-closed by the client");
        break;
    case 2:
        s.proto = QStringLiteral("submission");
        s.local = QStringLiteral("192.0.2.10:587");
        s.script = { QStringLiteral("+") + s.remote, QStringLiteral(">220 mail.example.com ESMTP Tegami"),
            QStringLiteral("<EHLO [10.0.0.23]"), QStringLiteral(">250-mail.example.com Hello"),
            QStringLiteral("<STARTTLS"), QStringLiteral(">220 2.0.0 Ready to start TLS"), tls,
            QStringLiteral("<AUTH PLAIN ********") };
        if (badPassword) {
            s.script << QStringLiteral(">535 5.7.8 Authentication credentials invalid");
        } else {
            s.user = user;
            s.loginStep = int(s.script.size());
            s.script << QStringLiteral(">235 2.7.0 Authentication successful")
                     << QStringLiteral("<MAIL FROM:<%1> SIZE=2048").arg(user) << QStringLiteral(">250 2.1.0 Ok")
                     << QStringLiteral("<RCPT TO:<partner@example.net>") << QStringLiteral(">250 2.1.5 Ok")
                     << QStringLiteral("<DATA") << QStringLiteral(">354 End data with <CR><LF>.<CR><LF>")
                     << QStringLiteral("*message body: 2048 bytes")
                     << QStringLiteral(">250 2.0.0 Ok: queued as 7A1F3C");
        }
        s.script << QStringLiteral("<QUIT") << QStringLiteral(">221 2.0.0 Bye")
                 << QStringLiteral("-closed by the client");
        break;
    default:
        s.proto = QStringLiteral("smtp");
        s.local = QStringLiteral("192.0.2.10:25");
        s.script = { QStringLiteral("+") + s.remote, QStringLiteral(">220 mail.example.com ESMTP Tegami"),
            QStringLiteral("<EHLO mx.partner.example.net"), QStringLiteral(">250-mail.example.com Hello"),
            QStringLiteral("<MAIL FROM:<news@partner.example.net>"), QStringLiteral(">250 2.1.0 Ok"),
            QStringLiteral("<RCPT TO:<%1>").arg(user) };
        if (badPassword) {
            s.script << QStringLiteral("*relay refused: recipient domain is not local and the client is not "
                                       "authenticated")
                     << QStringLiteral(">554 5.7.1 Relay access denied");
        } else {
            s.script << QStringLiteral(">250 2.1.5 Ok") << QStringLiteral("<DATA")
                     << QStringLiteral(">354 End data with <CR><LF>.<CR><LF>")
                     << QStringLiteral(">250 2.0.0 Ok: queued as 9C03D1");
        }
        s.script << QStringLiteral("<QUIT") << QStringLiteral(">221 2.0.0 Bye")
                 << QStringLiteral("-closed by the client");
        break;
    }
    return s;
}

LogEvent LogEventGenerator::next()
{
    while (m_open.size() < 8)
        m_open.push_back(newSession());
    const size_t pick = m_random.bounded(quint32(m_open.size()));
    Session& s = m_open[pick];
    const QString line = s.script[s.step++];

    LogEvent e;
    e.time = m_start.isValid() ? m_start.addMSecs(m_count * m_timeStepMs) : QDateTime::currentDateTimeUtc();
    e.time = e.time.toTimeZone(QTimeZone::utc());
    ++m_count;
    e.proto = s.proto;
    e.sid = s.sid;
    e.seq = ++s.seq;
    e.local = s.local;
    e.remote = s.remote;
    e.dir = logDirectionFromSymbol(line.left(1)).value_or(LogDirection::Note);
    e.data = line.mid(1);
    if (e.dir == LogDirection::Connect)
        e.data = QStringLiteral("%1 -> %2").arg(s.remote, s.local);
    // Like the engine: no user before the login succeeded, "tls" once the channel is secure.
    if (s.loginStep > 0 && s.step - 1 >= s.loginStep)
        e.user = s.user;
    if (line.startsWith(QLatin1String("*TLS ")))
        s.tls = true;
    if (s.tls)
        e.ctx = QStringLiteral("tls");
    if (s.step >= s.script.size())
        m_open.erase(m_open.begin() + qsizetype(pick));
    return e;
}

QList<LogEvent> LogEventGenerator::next(int count)
{
    QList<LogEvent> events;
    events.reserve(count);
    for (int i = 0; i < count; ++i)
        events.append(next());
    return events;
}

} // namespace tegami
