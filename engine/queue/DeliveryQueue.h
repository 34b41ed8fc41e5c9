#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "queue/Dsn.h"
#include "queue/MessageIntake.h"
#include "queue/QueueEntry.h"
#include "queue/RemoteTransport.h"
#include "queue/Spool.h"

namespace tegami {

class AccountStore;
class MailStore;
class ProtocolLog;
class Settings;

// The queue's knobs: the outbound.* settings plus the name it reports as.
struct QueueOptions {
    QString fqdn = QStringLiteral("localhost"); // Reporting-MTA and MAILER-DAEMON@ of DSNs
    int retrySecs = 300; // first wait after a temporary failure; doubles each time
    int maxRetrySecs = 14400; // longest wait
    int delayNoticeHours = 4; // 0: never send delay notices
    int maxQueueHours = 120; // then a pending recipient fails with 4.4.7
    int maxConcurrentDeliveries = 10; // remote attempts at once
    qint64 maxReturnedBytes = 2 * 1024 * 1024; // larger originals come back as headers only

    // outbound.retrySecs, maxRetrySecs, delayNoticeHours, maxQueueHours,
    // maxConcurrentDeliveries and Settings::effectiveFqdn().
    static QueueOptions fromSettings(const Settings& settings);
};

// Since the service started; "today" is the local calendar day of the clock.
// TODO(tegami): persist them (a restart resets today's numbers).
struct QueueCounters {
    QDate day;
    int receivedToday = 0; // messages accepted through the intake (not DSNs)
    int deliveredLocalToday = 0; // recipient deliveries into mailboxes
    int sentRemoteToday = 0; // recipients a remote server accepted
    int bouncedToday = 0; // recipients that failed permanently (a DSN went back where one was due)
    int deferredToday = 0; // temporary failures (each one rescheduled)

    QJsonObject toJson() const;
};

// The durable delivery queue: receives committed messages from the spool, delivers local
// recipients into the mail store, hands remote ones to a RemoteTransport with a retry
// schedule, and sends DSNs. Lives in the engine thread; everything runs on its event loop.
//
// After a commit the message is delivered on the next event loop turn (never inside the
// SMTP session's commit call). Later work runs from a timer set to the next due time;
// processDue() runs it at once (tests move a ManualClock and call it).
//
// Crash safety ("nothing accepted is lost, nothing delivered twice"): every state change is
// written to the spool before the next step depends on it. Local delivery records an intent
// (folder, UIDVALIDITY, UIDNEXT) before appending, so a restart after "appended, state not
// yet written" finds the message in the INBOX instead of storing it again. Two windows remain
// by nature: a remote server that answered 250 just before a crash gets the message again
// (SMTP cannot tell; RFC 5321 6.1 accepts duplicates over loss), and a DSN queued just before
// a crash may be queued again. A bounce is never lost: it is queued before the recipient is
// marked as notified.
//
// Destroy the queue before the RemoteTransport (or call setTransport(nullptr) first): the
// destructor cancels the attempts in flight.
class DeliveryQueue : public QObject, public MessageIntake {
    Q_OBJECT
public:
    // `log` may be null (no protocol log notes). The stores and the clock must outlive it.
    DeliveryQueue(QString spoolDir, AccountStore& accounts, MailStore& store, const Clock& clock, ProtocolLog* log,
        QObject* parent = nullptr);
    ~DeliveryQueue() override; // cancels attempts in flight; their recipients stay pending

    // Recovers the spool (see Spool::recover) and schedules everything pending. Call once
    // before begin() is used.
    Result<SpoolRecovery> open();
    void setOptions(const QueueOptions& options);
    const QueueOptions& options() const { return m_options; }
    // May be null: remote recipients then wait ("outbound delivery is not configured").
    // Attempts in flight on the previous transport are cancelled and become due again.
    void setTransport(RemoteTransport* transport);

    // MessageIntake, for the SMTP sessions.
    Result<std::unique_ptr<SpoolWriter>> begin() override;
    Spool& spool() { return m_spool; }

    // ----- control (queue.list / queue.retry / queue.delete, the dashboard) -----
    QJsonArray list() const; // every queued message, oldest first (see entryJson)
    Result<QJsonObject> entryJson(const QString& id) const;
    const QueueEntry* find(const QString& id) const;
    int messageCount() const { return int(m_entries.size()); }
    // Makes the pending recipients of a message (or of all) due now.
    Result<void> retryNow(const QString& id);
    int retryAll(); // how many messages had pending recipients
    // Deletes a message without a DSN, cancelling an attempt in flight. `who` is logged.
    Result<void> remove(const QString& id, const QString& who);
    QueueCounters counters() const;

    // Runs everything that is due now and re-arms the timer.
    void processDue();
    // The earliest time something is due; invalid when nothing is waiting.
    QDateTime nextDue() const;
    int attemptsInFlight() const { return int(m_attempts.size()); }

Q_SIGNALS:
    void messageQueued(const QString& id);
    void recipientDelivered(const QString& id, const QString& recipient, bool remote);
    void recipientDeferred(const QString& id, const QString& recipient, const QString& reason, const QDateTime& next);
    void recipientFailed(const QString& id, const QString& recipient, const QString& reason);
    void messageFinished(const QString& id); // left the queue: all done, or removed
    void countersChanged();

private:
    // Signals wait until the queue's own bookkeeping is finished, so a slot may call back
    // into the queue (even remove()) without pulling an entry from under a running loop.
    class SignalBatch {
    public:
        explicit SignalBatch(DeliveryQueue* q)
            : m_q(q)
        {
            ++m_q->m_depth;
        }
        ~SignalBatch()
        {
            if (--m_q->m_depth == 0)
                m_q->flushPosted();
        }
        SignalBatch(const SignalBatch&) = delete;
        SignalBatch& operator=(const SignalBatch&) = delete;

    private:
        DeliveryQueue* m_q;
    };
    struct Attempt {
        quint64 handle = 0;
        QString id;
        QString domain;
        QStringList addresses;
    };
    // What happened to a recipient, in SMTP terms.
    struct Outcome {
        int code = 0; // 250, 452, 550 ...; 0: no reply (our own reason)
        QString status; // "2.0.0", "4.2.2" ...
        QString text;
        QString remoteHost;
        QString replyStatus; // the enhanced code the remote sent, if any
    };

    void onCommitted(const QueueEntry& entry);
    void adopt(QueueEntry entry); // takes a new entry into the queue
    void kick(); // processDue() on the next event loop turn
    void armTimer();
    void processEntry(const QString& id, const QDateTime& now);
    bool isInFlight(const QString& id, const QString& address) const;
    QDateTime expiryOf(const QueueEntry& entry) const;
    QDateTime delayNoticeDue(const QueueEntry& entry) const; // invalid: none
    qint64 backoffSecs(int attempts) const;
    bool save(QueueEntry& entry);
    void finish(QueueEntry& entry, const QDateTime& now); // notices, save, remove when done
    void cancelAttempts(const QString& id);
    QJsonObject toJson(const QueueEntry& entry) const;

    // Outcomes (state, counters, log, signals); the caller saves.
    void markDelivered(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o);
    void markTemporary(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o);
    void markFailed(QueueEntry& e, QueueRecipient& r, const QDateTime& now, const Outcome& o);

    // QueueLocal.cpp
    bool resolve(QueueEntry& e, const QDateTime& now);
    void deliverLocal(QueueEntry& e, const QDateTime& now);
    bool foundEarlierDelivery(const QueueEntry& e, const QueueRecipient& r);

    // QueueRemote.cpp
    void startRemoteAttempts(const QDateTime& now);
    void attemptDone(quint64 serial, const std::vector<RecipientResult>& results);
    void expire(QueueEntry& e, const QDateTime& now); // fails pending recipients past the queue lifetime
    void failExpired(QueueEntry& e, QueueRecipient& r, const QDateTime& now);

    // QueueNotify.cpp
    bool sendNotices(QueueEntry& e, const QDateTime& now); // final-state DSNs; false: retry later
    bool sendDelayNotices(QueueEntry& e, const QDateTime& now);
    bool queueDsn(const QueueEntry& e, std::vector<DsnRecipientReport> reports, bool failures, const QDateTime& now);
    DsnRecipientReport reportFor(const QueueEntry& e, const QueueRecipient& r, DsnAction action) const;

    void note(const QString& text);
    void touchCounters();
    void post(std::function<void()> signal); // emitted once the outermost operation is done
    void flushPosted();

    Spool m_spool;
    AccountStore& m_accounts;
    MailStore& m_store;
    const Clock& m_clock;
    ProtocolLog* m_log;
    RemoteTransport* m_transport = nullptr;
    QueueOptions m_options;
    std::map<QString, QueueEntry> m_entries; // by queue id: oldest first
    std::map<quint64, Attempt> m_attempts; // by our serial
    quint64 m_nextSerial = 0;
    QueueCounters m_counters;
    QDateTime m_noticeRetryAt; // a DSN could not be queued: try again then
    QTimer m_timer;
    bool m_kicked = false;
    bool m_processing = false;
    bool m_again = false;
    int m_depth = 0;
    std::vector<std::function<void()>> m_posted;
};

} // namespace tegami
