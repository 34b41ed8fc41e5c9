#include "queue/DeliveryQueue.h"

#include "core/Settings.h"
#include "log/ProtocolLog.h"

#include <algorithm>

#include "queue/QueueLog.h"

namespace tegami {

namespace {

constexpr qint64 maxTimerMs = 3600 * 1000; // re-check at least hourly (clock changes)
constexpr qint64 minTimerMs = 1000; // never spin when something due could not progress

} // namespace

QueueOptions QueueOptions::fromSettings(const Settings& settings)
{
    QueueOptions o;
    o.fqdn = settings.effectiveFqdn();
    o.retrySecs = int(settings.integer(QStringLiteral("outbound.retrySecs")));
    o.maxRetrySecs = int(settings.integer(QStringLiteral("outbound.maxRetrySecs")));
    o.delayNoticeHours = int(settings.integer(QStringLiteral("outbound.delayNoticeHours")));
    o.maxQueueHours = int(settings.integer(QStringLiteral("outbound.maxQueueHours")));
    o.maxConcurrentDeliveries = int(settings.integer(QStringLiteral("outbound.maxConcurrentDeliveries")));
    return o;
}

QJsonObject QueueCounters::toJson() const
{
    return QJsonObject {
        { QStringLiteral("day"), day.toString(Qt::ISODate) },
        { QStringLiteral("receivedToday"), receivedToday },
        { QStringLiteral("deliveredLocalToday"), deliveredLocalToday },
        { QStringLiteral("sentRemoteToday"), sentRemoteToday },
        { QStringLiteral("bouncedToday"), bouncedToday },
        { QStringLiteral("deferredToday"), deferredToday },
    };
}

DeliveryQueue::DeliveryQueue(
    QString spoolDir, AccountStore& accounts, MailStore& store, const Clock& clock, ProtocolLog* log, QObject* parent)
    : QObject(parent)
    , m_spool(std::move(spoolDir), clock)
    , m_accounts(accounts)
    , m_store(store)
    , m_clock(clock)
    , m_log(log)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeliveryQueue::processDue);
    m_spool.setCommitHandler([this](const QueueEntry& entry) { onCommitted(entry); });
}

DeliveryQueue::~DeliveryQueue()
{
    m_spool.setCommitHandler({});
    if (m_transport) {
        for (const auto& [serial, attempt] : m_attempts)
            m_transport->cancel(attempt.handle);
    }
}

Result<SpoolRecovery> DeliveryQueue::open()
{
    SignalBatch batch(this);
    SpoolRecovery report;
    Result<std::vector<QueueEntry>> entries = m_spool.recover(&report);
    if (!entries)
        return entries.error();
    for (QueueEntry& e : *entries) {
        const QString id = e.id;
        m_entries.emplace(id, std::move(e));
    }
    touchCounters();
    note(QStringLiteral("spool recovered: %1 messages queued, %2 unfinished receptions removed, %3 damaged entries "
                        "moved to %4")
             .arg(m_entries.size())
             .arg(report.tmpFilesRemoved + report.orphanFilesRemoved)
             .arg(report.damaged)
             .arg(m_spool.damagedDir()));
    for (const QString& reason : report.damagedReasons)
        note(QStringLiteral("damaged spool entry (kept in %1 for the administrator): %2")
                 .arg(m_spool.damagedDir(), reason));
    kick();
    return report;
}

void DeliveryQueue::setOptions(const QueueOptions& options)
{
    m_options = options;
    m_options.maxConcurrentDeliveries = std::max(1, m_options.maxConcurrentDeliveries);
    m_options.retrySecs = std::max(1, m_options.retrySecs);
    m_options.maxRetrySecs = std::max(m_options.retrySecs, m_options.maxRetrySecs);
    kick();
}

void DeliveryQueue::setTransport(RemoteTransport* transport)
{
    if (transport == m_transport)
        return;
    if (m_transport) {
        for (const auto& [serial, attempt] : m_attempts)
            m_transport->cancel(attempt.handle);
    }
    // Recipients of cancelled attempts keep their due time (in the past): they start again.
    m_attempts.clear();
    m_transport = transport;
    kick();
}

Result<std::unique_ptr<SpoolWriter>> DeliveryQueue::begin()
{
    return m_spool.begin();
}

void DeliveryQueue::onCommitted(const QueueEntry& entry)
{
    SignalBatch batch(this);
    touchCounters();
    ++m_counters.receivedToday;
    post([this] { Q_EMIT countersChanged(); });
    const Envelope& env = entry.envelope;
    QStringList rcpts;
    for (const EnvelopeRecipient& r : env.recipients)
        rcpts << r.address;
    note(QStringLiteral("queue %1: queued %2 bytes from <%3> for %4 (via %5 from %6%7, session %8)")
             .arg(entry.id)
             .arg(entry.size)
             .arg(env.sender, rcpts.join(QStringLiteral(", ")), protocolName(env.receivedVia),
                 env.remoteAddress.isEmpty() ? QStringLiteral("?") : env.remoteAddress,
                 env.authenticatedUser.isEmpty() ? QString() : QStringLiteral(", user ") + env.authenticatedUser,
                 env.sessionId.isEmpty() ? QStringLiteral("-") : env.sessionId));
    adopt(entry);
}

void DeliveryQueue::adopt(QueueEntry entry)
{
    const QString id = entry.id;
    m_entries.insert_or_assign(id, std::move(entry));
    post([this, id] { Q_EMIT messageQueued(id); });
    // Never inside the committing session's call: the next event loop turn delivers.
    kick();
}

void DeliveryQueue::kick()
{
    if (m_kicked)
        return;
    m_kicked = true;
    QTimer::singleShot(0, this, [this] {
        m_kicked = false;
        processDue();
    });
}

void DeliveryQueue::processDue()
{
    if (m_processing) {
        m_again = true;
        return;
    }
    SignalBatch batch(this);
    m_processing = true;
    do {
        m_again = false;
        touchCounters();
        const QDateTime now = m_clock.now().toUTC();
        if (m_noticeRetryAt.isValid() && m_noticeRetryAt <= now)
            m_noticeRetryAt = QDateTime();
        std::vector<QString> ids;
        ids.reserve(m_entries.size());
        for (const auto& [id, entry] : m_entries)
            ids.push_back(id);
        for (const QString& id : ids)
            processEntry(id, now);
        startRemoteAttempts(now);
    } while (m_again);
    m_processing = false;
    armTimer();
}

void DeliveryQueue::processEntry(const QString& id, const QDateTime& now)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    QueueEntry& e = it->second;
    if (e.isDone()) {
        // Everything was delivered (or failed and was reported) but the entry was not removed
        // yet: the service stopped in between. Removing it now is all that is left.
        finish(e, now);
        return;
    }
    bool due = false;
    for (const QueueRecipient& r : e.recipients) {
        if (r.isFinal() ? !r.notified : (!isInFlight(e.id, r.address) && r.nextAttempt <= now))
            due = true;
    }
    const QDateTime notice = delayNoticeDue(e);
    if (!due && !(notice.isValid() && notice <= now))
        return;

    expire(e, now);
    resolve(e, now);
    deliverLocal(e, now);
    if (!m_transport) {
        for (QueueRecipient& r : e.recipients) {
            if (r.kind == RecipientKind::Remote && !r.isFinal() && r.nextAttempt <= now)
                markTemporary(e, r, now,
                    Outcome { 0, QStringLiteral("4.3.2"),
                        QStringLiteral("outbound delivery is not configured (the message waits until it is)"), {} });
        }
    }
    sendDelayNotices(e, now);
    finish(e, now);
}

void DeliveryQueue::finish(QueueEntry& e, const QDateTime& now)
{
    if (!sendNotices(e, now))
        m_noticeRetryAt = now.addSecs(m_options.retrySecs);
    save(e);
    if (!e.isDone())
        return;
    const QString id = e.id;
    if (Result<void> r = m_spool.remove(id); !r) {
        qCWarning(lcQueue).noquote() << "queue" << id << "is finished but cannot be removed:" << r.error().toString();
        return;
    }
    m_entries.erase(id);
    note(QStringLiteral("queue %1: finished, removed from the queue").arg(id));
    post([this, id] { Q_EMIT messageFinished(id); });
}

bool DeliveryQueue::save(QueueEntry& e)
{
    Result<void> r = m_spool.saveState(e);
    if (!r) {
        qCWarning(lcQueue).noquote() << "queue" << e.id << "state not saved:" << r.error().toString();
        note(QStringLiteral("queue %1: cannot save the delivery state: %2").arg(e.id, r.error().toString()));
    }
    return r.ok();
}

void DeliveryQueue::armTimer()
{
    const QDateTime next = nextDue();
    if (!next.isValid()) {
        m_timer.stop();
        return;
    }
    const qint64 ms = m_clock.now().msecsTo(next);
    m_timer.start(int(std::clamp(ms, minTimerMs, maxTimerMs)));
}

QDateTime DeliveryQueue::nextDue() const
{
    QDateTime next = m_noticeRetryAt;
    auto consider = [&next](const QDateTime& t) {
        if (t.isValid() && (!next.isValid() || t < next))
            next = t;
    };
    const bool remoteBlocked
        = m_transport && int(m_attempts.size()) >= m_options.maxConcurrentDeliveries; // a completion kicks
    for (const auto& [id, e] : m_entries) {
        bool wantsDelayNotice = false;
        for (const QueueRecipient& r : e.recipients) {
            if (r.isFinal() || isInFlight(id, r.address))
                continue;
            if (!(remoteBlocked && r.kind == RecipientKind::Remote))
                consider(r.nextAttempt);
            wantsDelayNotice |= r.wants(DsnNotifyDelay) && !r.delayNoticeSent;
        }
        if (wantsDelayNotice)
            consider(delayNoticeDue(e));
    }
    return next;
}

bool DeliveryQueue::isInFlight(const QString& id, const QString& address) const
{
    for (const auto& [serial, a] : m_attempts) {
        if (a.id == id && a.addresses.contains(address, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QDateTime DeliveryQueue::expiryOf(const QueueEntry& e) const
{
    return e.queuedAt.addSecs(qint64(m_options.maxQueueHours) * 3600);
}

QDateTime DeliveryQueue::delayNoticeDue(const QueueEntry& e) const
{
    if (m_options.delayNoticeHours <= 0 || e.envelope.sender.isEmpty())
        return QDateTime();
    return e.queuedAt.addSecs(qint64(m_options.delayNoticeHours) * 3600);
}

qint64 DeliveryQueue::backoffSecs(int attempts) const
{
    qint64 wait = m_options.retrySecs;
    for (int i = 1; i < attempts && wait < m_options.maxRetrySecs; ++i)
        wait *= 2;
    return std::min<qint64>(wait, m_options.maxRetrySecs);
}

// ----- outcomes ------------------------------------------------------------------------------

void DeliveryQueue::markDelivered(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o)
{
    r.state = RecipientState::Delivered;
    r.lastAttempt = now;
    r.finishedAt = now;
    r.replyCode = o.code;
    r.status = o.status.isEmpty() ? QStringLiteral("2.0.0") : o.status;
    r.replyStatus = o.replyStatus;
    r.lastError = o.text;
    r.remoteHost = o.remoteHost;
    const bool remote = r.kind == RecipientKind::Remote;
    ++(remote ? m_counters.sentRemoteToday : m_counters.deliveredLocalToday);
    note(QStringLiteral("queue %1: delivered to <%2>%3: %4")
             .arg(e.id, r.address, r.original != r.address ? QStringLiteral(" (for <%1>)").arg(r.original) : QString(),
                 o.remoteHost.isEmpty()
                     ? o.text
                     : QStringLiteral("%1 answered %2 %3").arg(o.remoteHost).arg(o.code).arg(o.text)));
    const QString id = e.id;
    const QString address = r.address;
    post([this, id, address, remote] {
        Q_EMIT recipientDelivered(id, address, remote);
        Q_EMIT countersChanged();
    });
}

void DeliveryQueue::markTemporary(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o)
{
    ++r.attempts;
    r.lastAttempt = now;
    r.replyCode = o.code;
    r.status = o.status.isEmpty() ? QStringLiteral("4.0.0") : o.status;
    r.replyStatus = o.replyStatus;
    r.lastError = o.text;
    r.remoteHost = o.remoteHost;
    const QDateTime expiry = expiryOf(e);
    if (now >= expiry) {
        failExpired(e, r, now);
        return;
    }
    r.nextAttempt = std::min(now.addSecs(backoffSecs(r.attempts)), expiry);
    ++m_counters.deferredToday;
    note(QStringLiteral("queue %1: <%2> deferred (attempt %3)%4: %5; next attempt at %6")
             .arg(e.id, r.address)
             .arg(r.attempts)
             .arg(o.remoteHost.isEmpty() ? QString() : QStringLiteral(" by ") + o.remoteHost,
                 o.code ? QStringLiteral("%1 %2").arg(o.code).arg(o.text) : o.text,
                 r.nextAttempt.toString(Qt::ISODate)));
    const QString id = e.id;
    const QString address = r.address;
    const QString reason = o.text;
    const QDateTime next = r.nextAttempt;
    post([this, id, address, reason, next] {
        Q_EMIT recipientDeferred(id, address, reason, next);
        Q_EMIT countersChanged();
    });
}

void DeliveryQueue::markFailed(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o)
{
    r.state = RecipientState::Failed;
    r.lastAttempt = now;
    r.finishedAt = now;
    r.replyCode = o.code;
    r.status = o.status.isEmpty() ? QStringLiteral("5.0.0") : o.status;
    r.replyStatus = o.replyStatus;
    r.lastError = o.text;
    r.remoteHost = o.remoteHost;
    ++m_counters.bouncedToday;
    note(QStringLiteral("queue %1: <%2> failed permanently (%3)%4: %5")
             .arg(e.id, r.address, r.status, o.remoteHost.isEmpty() ? QString() : QStringLiteral(" at ") + o.remoteHost,
                 o.code ? QStringLiteral("%1 %2").arg(o.code).arg(o.text) : o.text));
    const QString id = e.id;
    const QString address = r.address;
    const QString reason = o.text;
    post([this, id, address, reason] {
        Q_EMIT recipientFailed(id, address, reason);
        Q_EMIT countersChanged();
    });
}

// ----- control -------------------------------------------------------------------------------

const QueueEntry* DeliveryQueue::find(const QString& id) const
{
    auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second;
}

QJsonObject DeliveryQueue::toJson(const QueueEntry& e) const
{
    auto time = [](const QDateTime& t) { return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString(); };
    QJsonArray recipients;
    for (const QueueRecipient& r : e.recipients) {
        recipients.append(QJsonObject {
            { QStringLiteral("address"), r.address },
            { QStringLiteral("original"), r.original },
            { QStringLiteral("kind"), recipientKindName(r.kind) },
            { QStringLiteral("state"), recipientStateName(r.state) },
            { QStringLiteral("attempts"), r.attempts },
            { QStringLiteral("lastAttempt"), time(r.lastAttempt) },
            { QStringLiteral("nextAttempt"), r.isFinal() ? QString() : time(r.nextAttempt) },
            { QStringLiteral("status"), r.status },
            { QStringLiteral("replyCode"), r.replyCode },
            { QStringLiteral("lastError"), r.lastError },
            { QStringLiteral("remoteHost"), r.remoteHost },
            { QStringLiteral("inFlight"), isInFlight(e.id, r.address) },
        });
    }
    const Envelope& env = e.envelope;
    return QJsonObject {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("sender"), env.sender },
        { QStringLiteral("size"), e.size },
        { QStringLiteral("queuedAt"), time(e.queuedAt) },
        { QStringLiteral("receivedAt"), time(env.receivedAt.isValid() ? env.receivedAt : e.queuedAt) },
        { QStringLiteral("expiresAt"), time(expiryOf(e)) },
        { QStringLiteral("via"),
            e.origin == QLatin1String("dsn") ? QStringLiteral("dsn") : protocolName(env.receivedVia) },
        { QStringLiteral("user"), env.authenticatedUser },
        { QStringLiteral("remoteAddress"), env.remoteAddress },
        { QStringLiteral("helo"), env.heloName },
        { QStringLiteral("sessionId"), env.sessionId },
        { QStringLiteral("parentId"), e.parentId },
        { QStringLiteral("recipients"), recipients },
    };
}

QJsonArray DeliveryQueue::list() const
{
    QJsonArray out;
    for (const auto& [id, e] : m_entries)
        out.append(toJson(e));
    return out;
}

Result<QJsonObject> DeliveryQueue::entryJson(const QString& id) const
{
    const QueueEntry* e = find(id);
    if (!e)
        return Error::notFound(QStringLiteral("no queued message has the id %1 (see queue.list)").arg(id));
    return toJson(*e);
}

Result<void> DeliveryQueue::retryNow(const QString& id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return Error::notFound(QStringLiteral("no queued message has the id %1 (see queue.list)").arg(id));
    const QDateTime now = m_clock.now().toUTC();
    for (QueueRecipient& r : it->second.recipients) {
        if (!r.isFinal() && !isInFlight(id, r.address))
            r.nextAttempt = std::min(r.nextAttempt, now);
    }
    note(QStringLiteral("queue %1: retry requested").arg(id));
    kick();
    return {};
}

int DeliveryQueue::retryAll()
{
    int count = 0;
    for (const auto& [id, e] : m_entries) {
        const bool pending = std::any_of(
            e.recipients.begin(), e.recipients.end(), [](const QueueRecipient& r) { return !r.isFinal(); });
        if (pending && retryNow(id))
            ++count;
    }
    return count;
}

void DeliveryQueue::cancelAttempts(const QString& id)
{
    for (auto it = m_attempts.begin(); it != m_attempts.end();) {
        if (it->second.id == id) {
            if (m_transport)
                m_transport->cancel(it->second.handle);
            it = m_attempts.erase(it);
        } else {
            ++it;
        }
    }
}

Result<void> DeliveryQueue::remove(const QString& id, const QString& who)
{
    SignalBatch batch(this);
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return Error::notFound(QStringLiteral("no queued message has the id %1 (see queue.list)").arg(id));
    cancelAttempts(id);
    if (Result<void> r = m_spool.remove(id); !r)
        return r;
    const QueueEntry& e = it->second;
    int pending = 0;
    for (const QueueRecipient& r : e.recipients)
        pending += r.isFinal() ? 0 : 1;
    note(QStringLiteral("queue %1: deleted by %2 (from <%3>, %4 recipients still pending; no notice sent)")
             .arg(id, who.isEmpty() ? QStringLiteral("the administrator") : who, e.envelope.sender)
             .arg(pending));
    m_entries.erase(it);
    post([this, id] { Q_EMIT messageFinished(id); });
    kick(); // a freed delivery slot
    return {};
}

QueueCounters DeliveryQueue::counters() const
{
    QueueCounters c = m_counters;
    if (c.day != m_clock.now().toLocalTime().date())
        c = QueueCounters { m_clock.now().toLocalTime().date() };
    return c;
}

void DeliveryQueue::touchCounters()
{
    const QDate today = m_clock.now().toLocalTime().date();
    if (m_counters.day != today)
        m_counters = QueueCounters { today };
}

void DeliveryQueue::note(const QString& text)
{
    if (m_log)
        m_log->note(QStringLiteral("queue"), text);
}

void DeliveryQueue::post(std::function<void()> signal)
{
    m_posted.push_back(std::move(signal));
    if (m_depth == 0)
        flushPosted();
}

void DeliveryQueue::flushPosted()
{
    while (!m_posted.empty()) {
        std::vector<std::function<void()>> now = std::exchange(m_posted, {});
        for (const auto& signal : now)
            signal();
    }
}

} // namespace tegami
