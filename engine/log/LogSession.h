#pragma once

#include "core/Clock.h"
#include "core/Protocol.h"
#include "log/LogEvent.h"
#include "log/Redactor.h"

#include <QByteArrayView>
#include <QString>

namespace tegami {

class ProtocolLog;

// A protocol session's handle on the log: numbers its events, masks credentials, stamps
// the time and hands the events to the ProtocolLog. Owned and used by one session (one
// thread); cheap when logging is off for the protocol.
//
// Pass every line in wire order and before acting on it: the redactor learns from the
// server's replies when a SASL exchange ends.
class LogSession {
public:
    // `local`/`remote` as logEndpoint() formats them. `log` may be null (nothing is logged).
    // `enabled` is the per-protocol "protocol log on" setting. Without a clock, the log's is used;
    // without a sid, newSessionId() makes one (pass one to use the same id in other logs).
    LogSession(Protocol protocol, QString local, QString remote, ProtocolLog* log, bool enabled,
        const Clock* clock = nullptr, QString sid = {});
    ~LogSession(); // a session that ends without disconnected() leaves the active list too
    LogSession(const LogSession&) = delete;
    LogSession& operator=(const LogSession&) = delete;

    // 8 random hex digits: short enough to read, and unlikely to repeat within one log file.
    static QString newSessionId();

    QString sid() const { return m_sid; }
    Protocol protocol() const { return m_protocol; }
    bool isEnabled() const { return m_enabled && m_log; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    qint64 lastSeq() const { return m_seq; }

    void connected();
    void disconnected(const QString& reason);
    void fromClient(QByteArrayView line); // a trailing CRLF/LF is dropped
    void toClient(QByteArrayView line);
    void note(const QString& text); // server-authored: TLS details, auth results, policy decisions
    void setUser(const QString& user); // stamped on every later event
    void setContext(const QString& ctx); // e.g. "tls" after STARTTLS

private:
    void record(LogDirection dir, QString data);

    Protocol m_protocol;
    QString m_proto;
    QString m_sid;
    QString m_local;
    QString m_remote;
    ProtocolLog* m_log;
    bool m_enabled;
    const Clock& m_clock;
    Redactor m_redactor;
    qint64 m_seq = 0;
    bool m_open = false; // listed in the log's active sessions
    QString m_user;
    QString m_ctx;
};

} // namespace tegami
