#pragma once

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

#include "outbound/RouteResolver.h"
#include "outbound/SmtpClient.h"
#include "queue/RemoteTransport.h"

namespace tegami {

class LogSession;
class SmtpRemoteTransport;

// What one delivery needs from the settings, read when it starts.
struct OutboundDeliveryConfig {
    OutboundRouteConfig routes;
    QString ehloName;
    SmtpTimeouts timeouts;
    bool logEnabled = true;
};

// One RemoteDelivery in progress: the route, then one SmtpClient per address until one
// gives a final answer or all have failed. Reports to the transport exactly once, unless
// destroyed first (cancel): then the running connection is dropped.
class OutboundDelivery : public QObject {
    Q_OBJECT
public:
    OutboundDelivery(SmtpRemoteTransport& transport, quint64 handle, RemoteDelivery delivery,
        OutboundDeliveryConfig config, QObject* parent);
    ~OutboundDelivery() override;

    void start();

private:
    struct Attempt {
        size_t hop = 0;
        QHostAddress address;
        bool skipStartTls = false;
    };

    void routed(Route route);
    void tryNext();
    void attemptDone(SmtpAttemptResult result);
    void failAll(
        bool permanent, int replyCode, const QString& enhancedCode, const QString& text, const QString& remoteHost);
    void finish(std::vector<RecipientResult> results);

    SmtpRemoteTransport& m_transport;
    const quint64 m_handle;
    RemoteDelivery m_delivery;
    OutboundDeliveryConfig m_config;
    std::unique_ptr<LogSession> m_log;
    RouteResolver* m_resolver = nullptr; // child
    std::vector<NextHop> m_hops;
    std::vector<Attempt> m_attempts;
    size_t m_next = 0;
    QPointer<SmtpClient> m_client; // the running attempt (not a child: it outlives us for QUIT)
    std::optional<SmtpAttemptResult> m_lastFailure;
};

} // namespace tegami
