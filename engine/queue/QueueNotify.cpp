// Delivery status notifications for queued messages: failures, delays and (on request)
// successful local deliveries, built by Dsn.cpp and queued through the spool.
#include <QFile>

#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

constexpr qint64 headerReadLimit = 1024 * 1024; // a header section larger than this is cut

bool hasEightBit(const QByteArray& bytes)
{
    for (char c : bytes) {
        if (uchar(c) >= 0x80)
            return true;
    }
    return false;
}

QString hoursText(int hours)
{
    return hours == 1 ? QStringLiteral("1 hour") : QStringLiteral("%1 hours").arg(hours);
}

bool isAsciiText(const QString& s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

DsnRecipientReport DeliveryQueue::reportFor(const QueueEntry& e, const QueueRecipient& r, DsnAction action) const
{
    DsnRecipientReport d;
    d.finalRecipient = r.address;
    d.originalRecipient = r.orcpt;
    d.originalAddress = r.original;
    d.action = action;
    d.status = r.status;
    if (d.status.isEmpty() || (action == DsnAction::Delayed && !d.status.startsWith(QLatin1Char('4'))))
        d.status = action == DsnAction::Failed ? QStringLiteral("5.0.0")
            : action == DsnAction::Delayed     ? QStringLiteral("4.0.0")
                                               : QStringLiteral("2.0.0");
    d.remoteMta = r.remoteHost;
    // Only a real SMTP reply is a Diagnostic-Code; our own reasons go into the text.
    const bool remoteReply = r.replyCode > 0 && !r.remoteHost.isEmpty();
    if (remoteReply) {
        QString reply = QString::number(r.replyCode);
        if (!r.replyStatus.isEmpty() && r.replyStatus.at(0) == reply.at(0))
            reply += QLatin1Char(' ') + r.replyStatus;
        d.diagnostic = reply + QLatin1Char(' ') + r.lastError;
    }
    switch (action) {
    case DsnAction::Failed:
        if (d.status == QLatin1String("4.4.7")) {
            d.reason = QStringLiteral("Delivery time expired: the server tried for %1 without success.")
                           .arg(hoursText(m_options.maxQueueHours));
            if (!remoteReply && !r.lastError.isEmpty())
                d.reason += QStringLiteral(" The last problem was: %1.").arg(r.lastError);
        } else if (!remoteReply) {
            d.reason = r.lastError.isEmpty()
                ? QStringLiteral("The message could not be delivered.")
                : QStringLiteral("The message could not be delivered: %1.").arg(r.lastError);
        }
        break;
    case DsnAction::Delayed:
        if (!remoteReply)
            d.reason = r.lastError;
        d.willRetryUntil = expiryOf(e);
        break;
    case DsnAction::Delivered:
        d.reason = r.kind == RecipientKind::Local ? QStringLiteral("stored in the recipient's mailbox on this server")
                                                  : r.lastError;
        break;
    }
    d.lastAttempt = r.lastAttempt;
    return d;
}

bool DeliveryQueue::queueDsn(
    const QueueEntry& e, std::vector<DsnRecipientReport> reports, bool failures, const QDateTime& now)
{
    const DsnReturn what = failures && e.envelope.ret != DsnRet::Headers && e.size <= m_options.maxReturnedBytes
        ? DsnReturn::Full
        : DsnReturn::Headers;
    QFile file(m_spool.messagePath(e.id));
    if (!file.open(QIODevice::ReadOnly)) {
        note(QStringLiteral("queue %1: cannot read the message for its delivery report: %2")
                 .arg(e.id, file.errorString()));
        return false;
    }
    QByteArray original = what == DsnReturn::Full ? file.readAll() : headerSection(file.read(headerReadLimit));
    file.close();

    DsnReport report;
    report.reportingMta = m_options.fqdn;
    report.recipient = e.envelope.sender;
    report.queueId = e.id;
    report.envId = e.envelope.envId;
    report.arrivalDate = e.envelope.receivedAt.isValid() ? e.envelope.receivedAt : e.queuedAt;
    report.date = now;
    report.recipients = std::move(reports);
    const QByteArray dsn = buildDsn(report, original, what);

    Envelope envelope;
    envelope.sender = QString(); // the null sender: a DSN is never answered by another one
    EnvelopeRecipient to;
    to.address = e.envelope.sender;
    envelope.recipients.push_back(to);
    envelope.smtpUtf8 = e.envelope.smtpUtf8 || !isAsciiText(e.envelope.sender);
    envelope.eightBitMime = hasEightBit(dsn);
    envelope.heloName = m_options.fqdn;
    envelope.receivedAt = now;
    Result<QueueEntry> queued = m_spool.enqueue(dsn, envelope, QStringLiteral("dsn"), e.id);
    if (!queued) {
        note(QStringLiteral("queue %1: cannot queue the delivery report for <%2>: %3; trying again later")
                 .arg(e.id, e.envelope.sender, queued.error().toString()));
        return false;
    }
    QStringList summary;
    for (const DsnRecipientReport& r : report.recipients)
        summary << QStringLiteral("%1 %2 (%3)").arg(r.finalRecipient, dsnActionName(r.action), r.status);
    note(QStringLiteral("queue %1: delivery report %2 queued for <%3>: %4")
             .arg(e.id, queued->id, e.envelope.sender, summary.join(QStringLiteral(", "))));
    adopt(std::move(queued).value());
    return true;
}

bool DeliveryQueue::sendNotices(QueueEntry& e, const QDateTime& now)
{
    std::vector<QueueRecipient*> due;
    std::vector<DsnRecipientReport> reports;
    bool failures = false;
    for (QueueRecipient& r : e.recipients) {
        if (!r.isFinal() || r.notified)
            continue;
        due.push_back(&r);
        if (r.state == RecipientState::Failed && r.wants(DsnNotifyFailure)) {
            reports.push_back(reportFor(e, r, DsnAction::Failed));
            failures = true;
        } else if (r.state == RecipientState::Delivered && r.kind == RecipientKind::Local
            && r.wants(DsnNotifySuccess)) {
            reports.push_back(reportFor(e, r, DsnAction::Delivered));
        }
        // TODO(tegami): a remote hop that does not support DSN should get a "relayed" notice
        // for NOTIFY=SUCCESS; the transport does not report whether the hop took NOTIFY.
    }
    if (due.empty())
        return true;
    if (!reports.empty()) {
        if (e.envelope.sender.isEmpty()) {
            note(QStringLiteral("queue %1: no delivery report sent: the message has the null sender (it is itself a "
                                "notification), so a report could loop")
                     .arg(e.id));
        } else if (!queueDsn(e, std::move(reports), failures, now)) {
            return false;
        }
    }
    for (QueueRecipient* r : due)
        r->notified = true;
    return true;
}

bool DeliveryQueue::sendDelayNotices(QueueEntry& e, const QDateTime& now)
{
    const QDateTime due = delayNoticeDue(e);
    if (!due.isValid() || now < due)
        return false;
    std::vector<QueueRecipient*> delayed;
    std::vector<DsnRecipientReport> reports;
    for (QueueRecipient& r : e.recipients) {
        if (r.isFinal() || r.delayNoticeSent || !r.wants(DsnNotifyDelay))
            continue;
        delayed.push_back(&r);
        reports.push_back(reportFor(e, r, DsnAction::Delayed));
    }
    if (delayed.empty())
        return false;
    if (!queueDsn(e, std::move(reports), false, now)) {
        m_noticeRetryAt = now.addSecs(m_options.retrySecs);
        return false;
    }
    for (QueueRecipient* r : delayed)
        r->delayNoticeSent = true;
    return true;
}

} // namespace tegami
