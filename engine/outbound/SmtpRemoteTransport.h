#pragma once

#include "core/Clock.h"

#include <QHash>
#include <QObject>
#include <QSslCertificate>

#include <memory>

#include "outbound/MxLookup.h"
#include "outbound/RouteResolver.h"
#include "outbound/SmtpClient.h"
#include "queue/RemoteTransport.h"

namespace tegami {

class OutboundDelivery;
class ProtocolLog;
class Settings;

// RemoteTransport over SMTP: resolves the route of each delivery (outbound.routes,
// outbound.smarthost, else MX), runs SmtpClient against the hosts in order (the next one
// after a connection failure, timeout, 421 or refused greeting; the same address again in
// plain text after a failed opportunistic STARTTLS) and maps the outcome to one
// RecipientResult per recipient.
//
// The settings are read at the start of each delivery, so changes apply without a restart.
// Each delivery writes a protocol log session (proto smtp, context "outbound") with the
// route decisions and DNS results, and each connection one more with the transcript.
//
// Lives in the engine thread; `settings`, `log` and `clock` must outlive it. Destroying it
// abandons running deliveries without calling their `done`.
class SmtpRemoteTransport : public QObject, public RemoteTransport {
    Q_OBJECT
public:
    struct Options {
        // RFC 5321 4.5.3.2 timeouts; connectMs is replaced by outbound.connectTimeoutSecs.
        SmtpTimeouts timeouts;
        RouteResolver::Options routing;
        QList<QSslCertificate> extraCaCertificates; // trusted besides the system roots (tests)
    };

    // `dns` null: the real resolver (DnsMxLookup).
    SmtpRemoteTransport(const Settings& settings, ProtocolLog* log, const Clock& clock,
        std::unique_ptr<MxLookup> dns = nullptr, QObject* parent = nullptr);
    SmtpRemoteTransport(const Settings& settings, ProtocolLog* log, const Clock& clock, std::unique_ptr<MxLookup> dns,
        Options options, QObject* parent = nullptr);
    ~SmtpRemoteTransport() override;

    quint64 deliver(const RemoteDelivery& delivery, Done done) override;
    void cancel(quint64 handle) override;

    int activeDeliveries() const { return int(m_deliveries.size()); }

private:
    friend class OutboundDelivery;
    void finished(quint64 handle, std::vector<RecipientResult> results);

    const Settings& m_settings;
    ProtocolLog* m_log;
    const Clock& m_clock;
    std::unique_ptr<MxLookup> m_dns;
    Options m_options;
    quint64 m_nextHandle = 1;
    QHash<quint64, OutboundDelivery*> m_deliveries; // owned (children)
    QHash<quint64, Done> m_done;
};

} // namespace tegami
