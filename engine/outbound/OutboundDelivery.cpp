#include "outbound/OutboundDelivery.h"

#include "log/LogSession.h"

#include "outbound/SmtpRemoteTransport.h"

namespace tegami {

OutboundDelivery::OutboundDelivery(SmtpRemoteTransport& transport, quint64 handle, RemoteDelivery delivery,
    OutboundDeliveryConfig config, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_handle(handle)
    , m_delivery(std::move(delivery))
    , m_config(std::move(config))
{
    m_log = std::make_unique<LogSession>(
        Protocol::Smtp, QString(), QString(), transport.m_log, m_config.logEnabled, &transport.m_clock);
    m_log->setContext(QStringLiteral("outbound"));
}

OutboundDelivery::~OutboundDelivery()
{
    if (m_client)
        m_client->abort(QStringLiteral("delivery cancelled"));
}

void OutboundDelivery::start()
{
    m_log->note(QStringLiteral("delivery of queue id %1 to %2: %3 recipient(s), %4 bytes")
                    .arg(m_delivery.queueId, m_delivery.domain)
                    .arg(m_delivery.recipients.size())
                    .arg(m_delivery.size));
    if (m_delivery.recipients.empty()) {
        // Nothing to do; still answer later, never from inside deliver().
        QMetaObject::invokeMethod(
            this, [this] { finish({}); }, Qt::QueuedConnection);
        return;
    }
    m_resolver = new RouteResolver(*m_transport.m_dns, m_transport.m_options.routing, this);
    m_resolver->resolve(m_delivery.domain, m_config.routes, [this](Route route) { routed(std::move(route)); });
}

void OutboundDelivery::routed(Route route)
{
    for (const QString& n : std::as_const(route.notes))
        m_log->note(n);
    if (route.failure) {
        const RouteFailure& f = *route.failure;
        m_log->note(QStringLiteral("cannot route: %1").arg(f.text));
        failAll(f.permanent, 0, f.enhancedCode, f.text, QString());
        return;
    }
    m_hops = std::move(route.hops);
    for (size_t h = 0; h < m_hops.size(); ++h) {
        for (const QHostAddress& a : std::as_const(m_hops[h].addresses))
            m_attempts.push_back(Attempt { h, a, false });
    }
    tryNext();
}

void OutboundDelivery::tryNext()
{
    if (m_next >= m_attempts.size()) {
        // Every host failed: the last reason stands for all recipients. Only a server's
        // own 5xx makes it permanent; anything else may be better next time.
        if (!m_lastFailure) {
            failAll(false, 0, QStringLiteral("4.4.4"), QStringLiteral("no host to deliver to"), QString());
            return;
        }
        const SmtpAttemptResult& last = *m_lastFailure;
        QString enhanced = last.enhancedCode;
        if (enhanced.isEmpty())
            enhanced = last.permanent ? QStringLiteral("5.0.0")
                : last.replyCode == 0 ? QStringLiteral("4.4.1")
                                      : QStringLiteral("4.0.0");
        failAll(last.permanent, last.replyCode, enhanced, last.text, last.remoteHost);
        return;
    }
    const Attempt attempt = m_attempts[m_next++];
    SmtpJob job;
    job.delivery = m_delivery;
    job.hop = m_hops[attempt.hop];
    job.address = attempt.address;
    job.ehloName = m_config.ehloName;
    job.timeouts = m_config.timeouts;
    job.skipStartTls = attempt.skipStartTls;
    job.extraCaCertificates = m_transport.m_options.extraCaCertificates;
    auto* client
        = new SmtpClient(std::move(job), m_transport.m_log, m_config.logEnabled, m_transport.m_clock, &m_transport);
    m_client = client;
    m_log->note(QStringLiteral("attempt %1 of %2: %3 port %4%5 (session %6)")
                    .arg(m_next)
                    .arg(m_attempts.size())
                    .arg(describeHost(m_hops[attempt.hop].host, attempt.address))
                    .arg(m_hops[attempt.hop].port)
                    .arg(attempt.skipStartTls ? QStringLiteral(", without STARTTLS") : QString())
                    .arg(client->sessionId()));
    QPointer<OutboundDelivery> self(this);
    client->start([self](SmtpAttemptResult result) {
        if (self)
            self->attemptDone(std::move(result));
    });
}

void OutboundDelivery::attemptDone(SmtpAttemptResult result)
{
    m_client = nullptr; // it finishes (QUIT) on its own
    if (!result.hostFailed) {
        finish(std::move(result.recipients));
        return;
    }
    m_log->note(QStringLiteral("attempt %1 failed: %2").arg(m_next).arg(result.text));
    if (result.retryWithoutTls) {
        Attempt again = m_attempts[m_next - 1];
        again.skipStartTls = true;
        m_attempts.insert(m_attempts.begin() + qsizetype(m_next), again);
    }
    m_lastFailure = std::move(result);
    tryNext();
}

void OutboundDelivery::failAll(
    bool permanent, int replyCode, const QString& enhancedCode, const QString& text, const QString& remoteHost)
{
    std::vector<RecipientResult> results;
    for (const EnvelopeRecipient& r : m_delivery.recipients) {
        RecipientResult result;
        result.address = r.address;
        result.status
            = permanent ? RecipientResult::Status::PermanentFailure : RecipientResult::Status::TemporaryFailure;
        result.replyCode = replyCode;
        result.enhancedCode = enhancedCode;
        result.text = text;
        result.remoteHost = remoteHost;
        results.push_back(result);
    }
    finish(std::move(results));
}

void OutboundDelivery::finish(std::vector<RecipientResult> results)
{
    int delivered = 0;
    int temporary = 0;
    int permanent = 0;
    for (const RecipientResult& r : results) {
        switch (r.status) {
        case RecipientResult::Status::Delivered:
            ++delivered;
            break;
        case RecipientResult::Status::TemporaryFailure:
            ++temporary;
            break;
        case RecipientResult::Status::PermanentFailure:
            ++permanent;
            break;
        }
    }
    m_log->note(QStringLiteral("delivery of queue id %1 to %2 done: %3 delivered, %4 deferred, %5 failed")
                    .arg(m_delivery.queueId, m_delivery.domain)
                    .arg(delivered)
                    .arg(temporary)
                    .arg(permanent));
    m_transport.finished(m_handle, std::move(results)); // deletes us later
}

} // namespace tegami
