// Remote delivery: attempts per message and domain through the RemoteTransport, their
// results, the retry schedule and the queue lifetime.
#include <QPointer>

#include <map>

#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

QString statusFor(const RecipientResult& r)
{
    if (!r.enhancedCode.isEmpty())
        return r.enhancedCode;
    switch (r.status) {
    case RecipientResult::Status::Delivered:
        return QStringLiteral("2.0.0");
    case RecipientResult::Status::TemporaryFailure:
        return QStringLiteral("4.0.0");
    case RecipientResult::Status::PermanentFailure:
        return QStringLiteral("5.0.0");
    }
    return QString();
}

} // namespace

void DeliveryQueue::startRemoteAttempts(const QDateTime& now)
{
    if (!m_transport)
        return;
    for (auto& [id, e] : m_entries) {
        if (int(m_attempts.size()) >= m_options.maxConcurrentDeliveries)
            return;
        std::map<QString, std::vector<const QueueRecipient*>> byDomain;
        for (const QueueRecipient& r : e.recipients) {
            if (r.kind == RecipientKind::Remote && !r.isFinal() && r.nextAttempt <= now && !isInFlight(id, r.address))
                byDomain[r.domain()].push_back(&r);
        }
        for (const auto& [domain, recipients] : byDomain) {
            if (int(m_attempts.size()) >= m_options.maxConcurrentDeliveries)
                return;
            RemoteDelivery d;
            d.queueId = id;
            d.domain = domain;
            d.sender = e.envelope.sender;
            d.messagePath = m_spool.messagePath(id);
            d.size = e.size;
            d.smtpUtf8 = e.envelope.smtpUtf8;
            d.eightBitMime = e.envelope.eightBitMime;
            d.envId = e.envelope.envId;
            d.ret = e.envelope.ret;
            Attempt attempt;
            attempt.id = id;
            attempt.domain = domain;
            for (const QueueRecipient* r : recipients) {
                EnvelopeRecipient er;
                er.address = r->address;
                er.notify = r->notify;
                // RFC 3461 5.2.1: an expanded alias passes its own address on as ORCPT when the
                // client gave none, so a DSN names what the sender wrote.
                er.orcpt = !r->orcpt.isEmpty()  ? r->orcpt
                    : r->original != r->address ? QStringLiteral("rfc822;") + r->original
                                                : QString();
                d.recipients.push_back(er);
                attempt.addresses << r->address;
            }
            const quint64 serial = ++m_nextSerial;
            m_attempts.emplace(serial, attempt);
            note(QStringLiteral("queue %1: delivering to %2 for %3 (attempt %4)")
                     .arg(id, domain, attempt.addresses.join(QStringLiteral(", ")))
                     .arg(recipients.front()->attempts + 1));
            QPointer<DeliveryQueue> self(this);
            const quint64 handle = m_transport->deliver(d, [self, serial](std::vector<RecipientResult> results) {
                if (self)
                    self->attemptDone(serial, results);
            });
            if (auto it = m_attempts.find(serial); it != m_attempts.end())
                it->second.handle = handle;
        }
    }
}

void DeliveryQueue::attemptDone(quint64 serial, const std::vector<RecipientResult>& results)
{
    SignalBatch batch(this);
    auto found = m_attempts.find(serial);
    if (found == m_attempts.end())
        return; // cancelled (removed, or the transport was replaced)
    const Attempt attempt = found->second;
    m_attempts.erase(found);
    auto entry = m_entries.find(attempt.id);
    if (entry == m_entries.end()) {
        kick();
        return;
    }
    touchCounters();
    QueueEntry& e = entry->second;
    const QDateTime now = m_clock.now().toUTC();
    for (QueueRecipient& r : e.recipients) {
        if (r.kind != RecipientKind::Remote || r.isFinal() || !attempt.addresses.contains(r.address))
            continue;
        const RecipientResult* result = nullptr;
        for (const RecipientResult& candidate : results) {
            if (candidate.address.compare(r.address, Qt::CaseInsensitive) == 0)
                result = &candidate;
        }
        if (!result) {
            markTemporary(e, r, now,
                Outcome { 0, QStringLiteral("4.4.0"),
                    QStringLiteral("outbound delivery to %1 returned no result for this recipient").arg(attempt.domain),
                    {} });
            continue;
        }
        const Outcome o { result->replyCode, statusFor(*result), result->text, result->remoteHost,
            result->enhancedCode };
        switch (result->status) {
        case RecipientResult::Status::Delivered:
            markDelivered(e, r, now, o);
            break;
        case RecipientResult::Status::TemporaryFailure:
            markTemporary(e, r, now, o);
            break;
        case RecipientResult::Status::PermanentFailure:
            markFailed(e, r, now, o);
            break;
        }
    }
    finish(e, now);
    kick(); // a delivery slot is free, and new DSNs may wait
}

void DeliveryQueue::expire(QueueEntry& e, const QDateTime& now)
{
    if (now < expiryOf(e))
        return;
    for (QueueRecipient& r : e.recipients) {
        if (!r.isFinal() && !isInFlight(e.id, r.address))
            failExpired(e, r, now);
    }
}

// The last reply and error stay as they were: the DSN quotes them as the last problem.
void DeliveryQueue::failExpired(QueueEntry& e, QueueRecipient& r, const QDateTime& now)
{
    Outcome o { r.replyCode, QStringLiteral("4.4.7"),
        r.lastError.isEmpty() ? QStringLiteral("delivery time expired") : r.lastError, r.remoteHost, r.replyStatus };
    markFailed(e, r, now, o);
    note(QStringLiteral(
        "queue %1: <%2> gave up: still not delivered after %3 hours in the queue (delivery time expired)")
             .arg(e.id, r.address)
             .arg(m_options.maxQueueHours));
}

} // namespace tegami
