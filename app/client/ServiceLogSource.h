#pragma once

#include <QTimer>

#include "logviewer/LogEventSource.h"

namespace tegami {

class ServiceClient;

// The protocol-log viewer's events from the service: log.follow's notifications (batched
// per burst), log.days and log.read for earlier days, session.disconnect and security.ban.
// The stream resumes by itself when the connection comes back.
class ServiceLogSource : public LogEventSource {
    Q_OBJECT
public:
    explicit ServiceLogSource(ServiceClient& client, QObject* parent = nullptr);

    bool isConnected() const override;
    void start() override;
    void stop() override;
    void requestDays() override;
    void requestDay(const QDate& date, qint64 offset, int limit, const LogFilter& filter) override;
    void disconnectSession(const QString& sid) override;
    void banAddress(const QString& address, const QString& reason) override;

    bool isFollowing() const { return m_following; }

private:
    void follow();
    void onEvent(const QJsonObject& event);
    void flush();
    void action(const QString& method, const QString& target, const QJsonObject& params);

    ServiceClient& m_client;
    static constexpr int initialEvents = 2000;

    bool m_following = false;
    bool m_primed = false;
    QList<LogEvent> m_batch;
    QTimer m_flush;
};

} // namespace tegami
