#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocalSocket>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace tegami {

// The answer to one control API call: a value, or an error with the JSON-RPC code, the
// service's message and the field at fault (a settings key or parameter name).
struct RpcReply {
    bool ok = false;
    QJsonValue result;
    int code = 0;
    QString message;
    QString field;

    // The service is older than the console and does not know this method.
    bool methodNotFound() const;
    // The call never got an answer: the service was not reachable or went away.
    bool disconnected() const;

    // Words for a failure: "Not available in this service version." for a method the service
    // does not know yet, else the service's own message.
    QString describe() const;

    static RpcReply failure(int code, QString message, QString field = {});
};

// A non-blocking client of tegamid's control API (JSON-RPC 2.0, one message per line, over
// a local socket). Calls never wait: the callback runs when the answer arrives. The
// connection comes back by itself when the service restarts (with growing delays), and the
// log stream's notifications arrive as signals.
class ServiceClient : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    using Callback = std::function<void(const RpcReply&)>;
    static constexpr int disconnectedCode = -1; // RpcReply::code when the call got no answer
    static constexpr int timeoutCode = -2;

    explicit ServiceClient(QString socketName, QObject* parent = nullptr);
    ~ServiceClient() override;

    // Connects now and keeps reconnecting until stop().
    void start();
    void stop();
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    QString socketName() const { return m_name; }

    // Sends a request; done runs once with the answer (or a disconnected/timeout error)
    // unless context is destroyed first. A call made while disconnected fails at once.
    void call(const QString& method, const QJsonObject& params, QObject* context, Callback done, int timeoutMs = 60000);
    // The same, without parameters.
    void call(const QString& method, QObject* context, Callback done) { call(method, {}, context, std::move(done)); }

    // The longest wait between two connection attempts.
    void setMaxRetryDelay(int ms) { m_maxRetryDelayMs = ms; }

Q_SIGNALS:
    void stateChanged(tegami::ServiceClient::State state);
    void connected();
    void disconnected();
    // A connection attempt failed; the client tries again after retryInMs.
    void connectionFailed(QLocalSocket::LocalSocketError error, const QString& message, int retryInMs);
    // Every notification of the service (log.event, log.dropped, ...).
    void notification(const QString& method, const QJsonObject& params);
    void logEvent(const QJsonObject& event);
    void logDropped(qint64 count);

private:
    struct Pending {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
        QElapsedTimer started;
        int timeoutMs = 0;
    };

    void attempt();
    void onConnected();
    void onError(QLocalSocket::LocalSocketError error);
    void onDisconnected();
    void readMessages();
    void handleMessage(const QJsonObject& message);
    void scheduleRetry();
    void failAll(int code, const QString& message);
    void expireCalls();
    void setState(State state);
    static void finish(Pending& pending, const RpcReply& reply);

    QString m_name;
    QLocalSocket* m_socket = nullptr;
    QByteArray m_buffer;
    QHash<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
    State m_state = State::Disconnected;
    bool m_running = false;
    QTimer m_retryTimer;
    QTimer m_timeoutTimer;
    int m_retryDelayMs = 0;
    int m_maxRetryDelayMs = 5000;
};

} // namespace tegami
