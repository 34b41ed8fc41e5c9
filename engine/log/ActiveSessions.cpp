#include "log/ActiveSessions.h"

#include <QJsonObject>

#include <algorithm>
#include <vector>

namespace tegami {

void ActiveSessions::opened(const Info& info)
{
    QMutexLocker lock(&m_mutex);
    m_sessions[info.sid] = info;
}

void ActiveSessions::setUser(const QString& sid, const QString& user)
{
    QMutexLocker lock(&m_mutex);
    if (auto it = m_sessions.find(sid); it != m_sessions.end())
        it->second.user = user;
}

void ActiveSessions::setContext(const QString& sid, const QString& ctx)
{
    QMutexLocker lock(&m_mutex);
    if (auto it = m_sessions.find(sid); it != m_sessions.end())
        it->second.ctx = ctx;
}

void ActiveSessions::closed(const QString& sid)
{
    QMutexLocker lock(&m_mutex);
    m_sessions.erase(sid);
}

int ActiveSessions::count() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_sessions.size());
}

QJsonArray ActiveSessions::toJson() const
{
    std::vector<Info> sessions;
    {
        QMutexLocker lock(&m_mutex);
        for (const auto& [sid, info] : m_sessions)
            sessions.push_back(info);
    }
    std::stable_sort(sessions.begin(), sessions.end(), [](const Info& a, const Info& b) { return a.since < b.since; });
    QJsonArray out;
    for (const Info& s : sessions) {
        out.append(QJsonObject {
            { QStringLiteral("sid"), s.sid },
            { QStringLiteral("protocol"), s.proto },
            { QStringLiteral("local"), s.local },
            { QStringLiteral("remote"), s.remote },
            { QStringLiteral("user"), s.user },
            { QStringLiteral("tls"), s.ctx.contains(QLatin1String("tls")) },
            { QStringLiteral("outbound"), s.ctx.startsWith(QLatin1String("outbound")) },
            { QStringLiteral("since"), s.since.toUTC().toString(Qt::ISODateWithMs) },
        });
    }
    return out;
}

} // namespace tegami
