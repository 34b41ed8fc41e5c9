#include "log/ProtocolLog.h"

#include "log/LogFiles.h"

namespace tegami {

namespace {

// An idle server still has to expire old files; checking every few minutes costs nothing.
constexpr int kMaintenanceIntervalMs = 5 * 60 * 1000;
constexpr int kRecentFlushWaitMs = 2000;

} // namespace

ProtocolLog::ProtocolLog(QString directory, LogRetention retention, const Clock& clock, QObject* parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_clock(clock)
    , m_retention(retention)
    , m_fanout(std::make_shared<LogFanout>())
{
    if (!m_directory.isEmpty())
        m_writer = std::make_unique<RotatingLogWriter>(m_directory, retention, clock);
    m_maintenanceTimer.setInterval(kMaintenanceIntervalMs);
    connect(&m_maintenanceTimer, &QTimer::timeout, this, [this] {
        if (m_writer)
            m_writer->runMaintenance();
    });
}

ProtocolLog::~ProtocolLog()
{
    stop();
}

Result<void> ProtocolLog::start()
{
    if (!m_writer)
        return {};
    if (Result<void> started = m_writer->start(); !started)
        return started;
    m_maintenanceTimer.start();
    return {};
}

void ProtocolLog::stop()
{
    m_maintenanceTimer.stop();
    if (m_writer)
        m_writer->stop();
}

void ProtocolLog::record(LogEvent event)
{
    if (!event.time.isValid())
        event.time = m_clock.now();
    if (event.data.size() > LogEvent::kMaxDataChars)
        event.data = LogEvent::truncateData(event.data);
    m_recorded.fetch_add(1, std::memory_order_relaxed);
    m_fanout->publish(event);
    if (m_writer)
        m_writer->enqueue(std::move(event));
}

void ProtocolLog::note(const QString& proto, const QString& text)
{
    LogEvent event;
    event.time = m_clock.now();
    event.proto = proto;
    event.seq = m_noteSeq.fetch_add(1, std::memory_order_relaxed) + 1;
    event.dir = LogDirection::Note;
    event.data = LogEvent::encodeData(text.toUtf8());
    record(std::move(event));
}

std::unique_ptr<LogSubscription> ProtocolLog::subscribe(LogFilter filter, int capacity)
{
    return LogFanout::subscribe(m_fanout, std::move(filter), capacity);
}

int ProtocolLog::subscriberCount() const
{
    return m_fanout->count();
}

Result<QList<LogEvent>> ProtocolLog::recent(int maxEvents, const LogFilter& filter)
{
    if (maxEvents < 1 || maxEvents > kMaxRecent)
        return Error::invalid(QStringLiteral("lines"),
                              QStringLiteral("must be between 1 and %1, the number of events to show").arg(kMaxRecent));
    if (!m_writer)
        return Error::notFound(QStringLiteral("the protocol log keeps no files (no directory is configured); "
                                              "set a protocol log directory to read past events"));
    // Best effort: a slow disk must not hold up the caller for long.
    m_writer->flush(kRecentFlushWaitMs);
    return readRecentEvents(m_directory, maxEvents, filter);
}

Result<void> ProtocolLog::setRetention(const LogRetention& retention)
{
    if (m_writer) {
        if (Result<void> set = m_writer->setRetention(retention); !set)
            return set;
    } else if (Result<void> valid = retention.validate(); !valid) {
        return valid;
    }
    m_retention = retention;
    return {};
}

LogRetention ProtocolLog::retention() const
{
    return m_writer ? m_writer->retention() : m_retention;
}

bool ProtocolLog::flush(int timeoutMs)
{
    return m_writer ? m_writer->flush(timeoutMs) : true;
}

RotatingLogWriter::Stats ProtocolLog::fileStats() const
{
    return m_writer ? m_writer->stats() : RotatingLogWriter::Stats();
}

} // namespace tegami
