#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QMutex>
#include <QString>

#include <map>

namespace tegami {

// The sessions open right now, as their LogSessions describe them (protocol, endpoints,
// user once logged in, "tls" once encrypted): what the dashboard and `session.list` show.
// LogSessions report to it whether or not the protocol log is on for their protocol.
// Thread-safe: sessions may live on other threads than the control API.
class ActiveSessions {
public:
    struct Info {
        QString sid;
        QString proto;
        QString local;
        QString remote;
        QString user;
        QString ctx; // "tls", "outbound", "outbound tls" ...
        QDateTime since;
    };

    void opened(const Info& info);
    void setUser(const QString& sid, const QString& user);
    void setContext(const QString& sid, const QString& ctx);
    void closed(const QString& sid); // unknown ids are ignored

    int count() const;
    // Oldest first: [{sid, protocol, local, remote, user, tls, outbound, since}].
    QJsonArray toJson() const;

private:
    mutable QMutex m_mutex;
    std::map<QString, Info> m_sessions;
};

} // namespace tegami
