#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace tegami {

class ServiceClient;

// The service's health at a glance, for the tray icon and the status bar: running, a
// listener failing, a certificate in use expiring soon, or not reachable. Polls status and
// cert.list while connected.
class ServiceHealth : public QObject {
    Q_OBJECT
public:
    enum class State { Unreachable, Running, ListenerFailing, CertificateExpiring };
    Q_ENUM(State)
    static constexpr int expiryWarningDays = 21;

    explicit ServiceHealth(ServiceClient& client, QObject* parent = nullptr);

    State state() const { return m_state; }
    // One line for a tooltip or the status bar.
    QString summary() const { return m_summary; }
    void setPollInterval(int ms) { m_timer.setInterval(ms); }
    void poll();

Q_SIGNALS:
    void changed(tegami::ServiceHealth::State state, const QString& summary);

private:
    void evaluate();
    void set(State state, const QString& summary);

    ServiceClient& m_client;
    QTimer m_timer;
    QJsonObject m_status;
    QJsonObject m_certificates;
    State m_state = State::Unreachable;
    QString m_summary;
};

} // namespace tegami
