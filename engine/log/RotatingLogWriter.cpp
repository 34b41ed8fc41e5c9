#include "log/RotatingLogWriter.h"

#include "log/LogFiles.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <utility>

namespace tegami {

namespace {

// With 4 KiB of data an event costs ~8 KiB as QStrings: the event count alone would let
// a full queue take hundreds of MB, so the queue is bounded by size as well.
constexpr qint64 kMaxQueuedBytes = 32LL * 1024 * 1024;
// A segment is written when a batch ends, at a rollover, or when it grows this big.
constexpr qsizetype kMaxSegmentBytes = 1024 * 1024;

qint64 estimatedSize(const LogEvent& event)
{
    return 2 * (event.data.size() + event.user.size() + event.ctx.size() + event.local.size() + event.remote.size())
           + 128;
}

} // namespace

RotatingLogWriter::RotatingLogWriter(QString directory, LogRetention retention, const Clock& clock, int queueCapacity)
    : m_directory(QDir(directory).absolutePath())
    , m_clock(clock)
    , m_capacity(std::max(1, queueCapacity))
    , m_retention(retention)
{
}

RotatingLogWriter::~RotatingLogWriter()
{
    stop();
}

Result<void> RotatingLogWriter::start()
{
    QMutexLocker lock(&m_mutex);
    if (m_thread)
        return {};
    if (Result<void> valid = m_retention.validate(); !valid)
        return valid.error();
    if (!QDir().mkpath(m_directory))
        return Error::io(QStringLiteral("cannot create the protocol log directory %1: check that its parent exists "
                                        "and is writable")
                             .arg(m_directory));
    m_stopping = false;
    m_maintenanceAt = m_clock.now(); // apply retention to what an earlier run left
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("tegami-log-writer"));
    m_thread->start();
    return {};
}

void RotatingLogWriter::stop()
{
    std::unique_ptr<QThread> thread;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
            return;
        m_stopping = true;
        m_wake.wakeAll();
        thread = std::move(m_thread);
    }
    thread->wait();
}

bool RotatingLogWriter::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_thread != nullptr;
}

bool RotatingLogWriter::enqueue(LogEvent event)
{
    if (!event.time.isValid())
        event.time = m_clock.now();
    const qint64 size = estimatedSize(event);
    QMutexLocker lock(&m_mutex);
    if (m_stopping || m_queue.size() >= m_capacity || m_queuedBytes + size > kMaxQueuedBytes) {
        ++m_stats.dropped;
        ++m_unreportedDrops;
        return false;
    }
    const bool wasEmpty = m_queue.isEmpty();
    m_queue.append(std::move(event));
    m_queuedBytes += size;
    ++m_accepted;
    if (wasEmpty)
        m_wake.wakeOne();
    return true;
}

bool RotatingLogWriter::flush(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_mutex);
    const qint64 target = m_accepted;
    while (m_processed < target) {
        if (!m_thread)
            return false;
        m_wake.wakeOne();
        if (!m_progress.wait(&m_mutex, deadline))
            return m_processed >= target;
    }
    return true;
}

void RotatingLogWriter::runMaintenance()
{
    const QDateTime now = m_clock.now();
    QMutexLocker lock(&m_mutex);
    m_maintenanceAt = now;
    m_wake.wakeOne();
}

Result<void> RotatingLogWriter::setRetention(const LogRetention& retention)
{
    if (Result<void> valid = retention.validate(); !valid)
        return valid;
    const QDateTime now = m_clock.now();
    QMutexLocker lock(&m_mutex);
    m_retention = retention;
    m_maintenanceAt = now; // shrinking limits takes effect now, not at the next rollover
    m_wake.wakeOne();
    return {};
}

LogRetention RotatingLogWriter::retention() const
{
    QMutexLocker lock(&m_mutex);
    return m_retention;
}

RotatingLogWriter::Stats RotatingLogWriter::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

QString RotatingLogWriter::currentFile() const
{
    QMutexLocker lock(&m_mutex);
    return m_currentPath;
}

void RotatingLogWriter::run()
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (m_queue.isEmpty() && !m_maintenanceAt && !m_stopping)
            m_wake.wait(&m_mutex);
        QList<LogEvent> batch;
        batch.swap(m_queue);
        m_queuedBytes = 0;
        const std::optional<QDateTime> maintenanceAt = std::exchange(m_maintenanceAt, std::nullopt);
        const qint64 unreportedDrops = std::exchange(m_unreportedDrops, 0);
        const LogRetention retention = m_retention;
        const bool stopping = m_stopping;
        lock.unlock();

        // Disk work happens without the lock: enqueue() must never wait for it.
        BatchResult result;
        if (maintenanceAt)
            maintain(*maintenanceAt, retention, result);
        writeBatch(batch, unreportedDrops, retention, result);
        if (stopping)
            closeFile();

        lock.relock();
        m_processed += batch.size();
        m_unreportedDrops += result.unreportedDrops + result.failed;
        m_stats.written += result.written;
        m_stats.dropped += result.failed;
        m_stats.rollovers += result.rollovers;
        m_stats.filesDeleted += result.filesDeleted;
        if (!result.error.isEmpty())
            m_stats.lastError = result.error;
        else if (result.written > 0)
            m_stats.lastError.clear();
        m_currentPath = m_file.isOpen() ? m_file.fileName() : QString();
        m_progress.wakeAll();
        if (stopping)
            break; // enqueue() refuses events once m_stopping is set, so the queue is empty
    }
}

void RotatingLogWriter::writeBatch(const QList<LogEvent>& batch, qint64 unreportedDrops,
                                   const LogRetention& retention, BatchResult& result)
{
    if (unreportedDrops > 0) {
        // Said in the file itself, so whoever reads it knows that it has a gap and why.
        LogEvent note;
        note.time = batch.isEmpty() ? m_lastEventTime : batch.first().time;
        note.proto = QStringLiteral("service");
        note.dir = LogDirection::Note;
        note.data = QStringLiteral("protocol log: %1 events were not written to this file (the disk could not keep "
                                   "up or a write failed)")
                        .arg(unreportedDrops);
        if (note.time.isValid() && appendLine(note.toJsonLine(), note.time, retention, result))
            m_segment.noteDrops += unreportedDrops;
        else
            result.unreportedDrops += unreportedDrops;
    }
    bool failing = false;
    for (const LogEvent& event : batch) {
        // After a failure to open a file the rest of the batch is counted as lost rather
        // than retried event by event against a broken disk; the next batch tries again.
        if (!failing && appendLine(event.toJsonLine(), event.time, retention, result)) {
            ++m_segment.events;
            m_lastEventTime = event.time;
            if (m_segment.bytes.size() >= kMaxSegmentBytes)
                writeSegment(result);
        } else {
            ++result.failed;
            failing = true;
        }
    }
    writeSegment(result);
}

bool RotatingLogWriter::appendLine(const QByteArray& line, const QDateTime& time, const LogRetention& retention,
                                   BatchResult& result)
{
    bool rolledOver = false;
    if (m_file.isOpen()) {
        const bool full = m_fileSize > 0 && m_fileSize + line.size() > retention.maxFileBytes;
        const bool old = retention.rolloverSecs > 0 && m_fileStart.secsTo(time) >= retention.rolloverSecs;
        if (full || old) {
            writeSegment(result);
            closeFile();
            ++result.rollovers;
            rolledOver = true;
        }
    }
    if (!m_file.isOpen()) {
        if (!openFile(time, result))
            return false;
        if (rolledOver)
            applyRetention(time, retention, result);
    }
    m_segment.bytes += line;
    m_fileSize += line.size();
    return true;
}

void RotatingLogWriter::writeSegment(BatchResult& result)
{
    if (m_segment.bytes.isEmpty())
        return;
    if (m_file.isOpen() && m_file.write(m_segment.bytes) == m_segment.bytes.size()) {
        result.written += m_segment.events;
    } else {
        result.error = QStringLiteral("cannot write the protocol log file %1: %2; check the free disk space")
                           .arg(m_file.fileName(), m_file.errorString());
        result.failed += m_segment.events;
        result.unreportedDrops += m_segment.noteDrops;
        closeFile(); // a partial line may end the file: continue in a new one
    }
    m_segment = Segment();
}

bool RotatingLogWriter::openFile(const QDateTime& start, BatchResult& result)
{
    // Names must sort in writing order even if an event's clock is behind the previous file's.
    QDateTime fileStart = start.toUTC();
    if (m_fileStart.isValid() && fileStart < m_fileStart)
        fileStart = m_fileStart;
    QDir().mkpath(m_directory); // an admin may have deleted it
    const QDir dir(m_directory);
    for (int counter = 0; counter < 1000; ++counter) {
        m_file.setFileName(dir.filePath(logFileName(fileStart, counter)));
        // Unbuffered: each segment is one write() that `tail` sees at once, and a full disk
        // fails that write instead of a later, unattributable flush.
        if (m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
            m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            m_fileStart = fileStart;
            m_fileSize = 0;
            return true;
        }
        if (!m_file.exists())
            break; // not a name clash but a real failure
    }
    result.error = QStringLiteral("cannot create a protocol log file in %1: %2; check that the directory is "
                                  "writable and the disk is not full")
                       .arg(m_directory, m_file.errorString());
    return false;
}

void RotatingLogWriter::closeFile()
{
    if (m_file.isOpen())
        m_file.close();
}

void RotatingLogWriter::maintain(const QDateTime& now, const LogRetention& retention, BatchResult& result)
{
    if (m_file.isOpen() && retention.rolloverSecs > 0 && m_fileStart.secsTo(now) >= retention.rolloverSecs) {
        // Idle past the interval: the next event starts a new file.
        closeFile();
        ++result.rollovers;
    }
    applyRetention(now, retention, result);
}

void RotatingLogWriter::applyRetention(const QDateTime& now, const LogRetention& retention, BatchResult& result)
{
    const QList<LogFileEntry> files = listLogFiles(m_directory);
    const QString current = m_file.isOpen() ? QFileInfo(m_file.fileName()).absoluteFilePath() : QString();
    qint64 total = 0;
    for (const LogFileEntry& file : files)
        total += file.size;
    QList<bool> deleted(files.size(), false);
    auto remove = [&](qsizetype i) {
        if (QFile::remove(files[i].path)) {
            deleted[i] = true;
            total -= files[i].size;
            ++result.filesDeleted;
        } else {
            result.error = QStringLiteral("cannot delete the old protocol log file %1; check its permissions")
                               .arg(files[i].path);
        }
    };

    if (retention.maxAgeDays > 0) {
        const QDateTime cutoff = now.toUTC().addDays(-retention.maxAgeDays);
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (files[i].path == current)
                continue;
            // A file's age is that of its last event: the next file's start, or for the
            // newest file (left by an earlier run) its modification time.
            const QDateTime end = i + 1 < files.size() ? files[i + 1].start
                                                       : std::max(files[i].start, files[i].modified);
            if (end < cutoff)
                remove(i);
        }
    }
    for (qsizetype i = 0; i < files.size() && total > retention.maxDirBytes; ++i) {
        if (!deleted[i] && files[i].path != current)
            remove(i);
    }
}

} // namespace tegami
