#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "log/LogEvent.h"
#include "log/LogRetention.h"

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <memory>
#include <optional>

class QThread;

namespace tegami {

// Writes events as JSON Lines on its own thread, so a slow or full disk never makes a
// session wait: enqueue() only appends to a bounded queue (and counts what it drops when
// the queue is full). The worker writes each batch, flushes it (so `tail` sees it), rolls
// over by size and age, and applies the retention limits after each rollover.
//
// Time comes from the events themselves (a file is named after its first event and rolls
// over when an event is rollover-interval newer than that) and from the injected clock,
// which is read only on the calling thread (enqueue, runMaintenance, setRetention), never
// on the worker: a test's ManualClock needs no locking.
class RotatingLogWriter {
public:
    static constexpr int kDefaultQueueCapacity = 65536;

    struct Stats {
        qint64 written = 0;      // events written to files
        qint64 dropped = 0;      // events lost: queue full, or the write failed
        qint64 rollovers = 0;
        qint64 filesDeleted = 0; // by retention
        QString lastError;       // the latest failure, kept until a write succeeds again
    };

    RotatingLogWriter(QString directory, LogRetention retention, const Clock& clock,
                      int queueCapacity = kDefaultQueueCapacity);
    ~RotatingLogWriter(); // stop()
    RotatingLogWriter(const RotatingLogWriter&) = delete;
    RotatingLogWriter& operator=(const RotatingLogWriter&) = delete;

    // Creates the directory and starts the worker, which first applies retention.
    Result<void> start();
    // Writes everything queued, closes the file and joins the worker.
    void stop();
    bool isRunning() const;

    // Thread-safe; never touches the disk. False when the event was dropped.
    bool enqueue(LogEvent event);
    // Waits until everything enqueued before the call is written; false on timeout or
    // when the worker is not running.
    bool flush(int timeoutMs = 5000);
    // Closes a file older than the rollover interval and applies retention. The owner calls
    // it now and then (ProtocolLog: every few minutes) so an idle server still expires files.
    void runMaintenance();
    Result<void> setRetention(const LogRetention& retention);
    LogRetention retention() const;

    Stats stats() const;
    QString directory() const { return m_directory; }
    QString currentFile() const; // empty while no file is open

private:
    // What one round of the worker did, merged into Stats under the mutex afterwards.
    struct BatchResult {
        qint64 written = 0;
        qint64 failed = 0;
        qint64 unreportedDrops = 0; // drops whose note could not be written either
        qint64 rollovers = 0;
        qint64 filesDeleted = 0;
        QString error;
    };
    // Lines for the open file, written with one system call per batch or rollover.
    struct Segment {
        QByteArray bytes;
        qint64 events = 0;
        qint64 noteDrops = 0; // the drop count of a note in this segment
    };

    void run();
    void writeBatch(const QList<LogEvent>& batch, qint64 unreportedDrops, const LogRetention& retention,
                    BatchResult& result);
    bool appendLine(const QByteArray& line, const QDateTime& time, const LogRetention& retention, BatchResult& result);
    void writeSegment(BatchResult& result);
    bool openFile(const QDateTime& start, BatchResult& result);
    void closeFile();
    void maintain(const QDateTime& now, const LogRetention& retention, BatchResult& result);
    void applyRetention(const QDateTime& now, const LogRetention& retention, BatchResult& result);

    const QString m_directory;
    const Clock& m_clock;
    const int m_capacity;

    // Shared with the worker, guarded by m_mutex.
    mutable QMutex m_mutex;
    QWaitCondition m_wake;     // the worker waits for work
    QWaitCondition m_progress; // flush() waits for the worker
    QList<LogEvent> m_queue;
    LogRetention m_retention;
    std::optional<QDateTime> m_maintenanceAt;
    qint64 m_queuedBytes = 0; // estimated, to bound memory when events are large
    qint64 m_accepted = 0;  // events ever enqueued
    qint64 m_processed = 0; // of those, written or failed
    qint64 m_unreportedDrops = 0;
    bool m_stopping = false;
    Stats m_stats;
    QString m_currentPath;
    std::unique_ptr<QThread> m_thread;

    // Worker only.
    QFile m_file;
    QDateTime m_fileStart;
    qint64 m_fileSize = 0;
    Segment m_segment;
    QDateTime m_lastEventTime;
};

} // namespace tegami
