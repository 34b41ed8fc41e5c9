#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "log/ActiveSessions.h"
#include "log/LogEvent.h"
#include "log/LogFilter.h"
#include "log/LogRetention.h"
#include "log/LogSubscription.h"
#include "log/RotatingLogWriter.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace tegami {

// The protocol log hub, living in the engine thread. record() hands each event to the
// file writer's queue and to every live subscription's queue; both are bounded and drop
// (and count) rather than wait, so logging never slows a session down.
class ProtocolLog : public QObject {
    Q_OBJECT
public:
    // An empty `directory` keeps no files (live subscribers only).
    explicit ProtocolLog(QString directory, LogRetention retention = {}, const Clock& clock = Clock::system(),
        QObject* parent = nullptr);
    ~ProtocolLog() override; // stops the writer after writing what is queued

    // Validates the retention, creates the directory and starts the writer thread.
    Result<void> start();
    void stop();

    // Thread-safe, O(number of subscribers), never blocks on the disk or on a viewer.
    // An event without a time gets the clock's; over-long data is cut.
    void record(LogEvent event);
    // A server note outside any session (proto "service" or "control").
    void note(const QString& proto, const QString& text);

    std::unique_ptr<LogSubscription> subscribe(LogFilter filter = {}, int capacity = LogSubscription::kDefaultCapacity);
    int subscriberCount() const;

    // The last maxEvents (1..kMaxRecent) matching events from the files, oldest first:
    // what `tegamictl log tail` shows, also after a restart. Waits briefly for the writer
    // so that events recorded just before are included.
    static constexpr int kMaxRecent = 100000;
    Result<QList<LogEvent>> recent(int maxEvents, const LogFilter& filter = {});

    Result<void> setRetention(const LogRetention& retention);
    LogRetention retention() const;

    // Waits until the events recorded so far are written (tests, shutdown, `tail`).
    bool flush(int timeoutMs = 5000);
    RotatingLogWriter::Stats fileStats() const;
    qint64 recordedCount() const { return m_recorded.load(std::memory_order_relaxed); }
    QString directory() const { return m_directory; }
    const Clock& clock() const { return m_clock; }
    // The sessions open now (fed by every LogSession that has this log).
    ActiveSessions& activeSessions() { return m_active; }
    const ActiveSessions& activeSessions() const { return m_active; }

private:
    ActiveSessions m_active;
    const QString m_directory;
    const Clock& m_clock;
    LogRetention m_retention; // used when there is no writer
    std::unique_ptr<RotatingLogWriter> m_writer;
    std::shared_ptr<LogFanout> m_fanout;
    QTimer m_maintenanceTimer;
    std::atomic<qint64> m_recorded { 0 };
    std::atomic<qint64> m_noteSeq { 0 };
};

} // namespace tegami
