// Protocol-log viewer benchmark: the page visible (offscreen unless a display is set),
// 1,000,000 events filled, then a filter applied over them and 5,000 events/s fed for a
// few seconds in follow mode while a 16 ms timer measures how late the event loop is.
//
//   logviewer_bench [--events N] [--rate R] [--seconds S]
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "logviewer/FakeLogEventSource.h"
#include "logviewer/LogViewModel.h"
#include "logviewer/LogViewerPage.h"

using namespace tegami;

namespace {

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

// Intervals of a 16 ms timer: how long a frame waited for the event loop.
class FrameMeter : public QObject {
public:
    void start()
    {
        m_intervals.clear();
        m_clock.start();
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(16);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { m_intervals.push_back(m_clock.restart()); });
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 worst() const { return m_intervals.empty() ? 0 : *std::max_element(m_intervals.begin(), m_intervals.end()); }
    qint64 percentile(double p) const
    {
        if (m_intervals.empty())
            return 0;
        std::vector<qint64> sorted = m_intervals;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(double(sorted.size()) * p))];
    }
    size_t frames() const { return m_intervals.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<qint64> m_intervals;
};

void waitFor(const std::function<bool()>& done)
{
    while (!done())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("events"), QStringLiteral("Events to fill."), QStringLiteral("n"),
        QStringLiteral("1000000") });
    parser.addOption({ QStringLiteral("rate"), QStringLiteral("Live events per second."), QStringLiteral("r"),
        QStringLiteral("5000") });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("Seconds of live feed."), QStringLiteral("s"),
        QStringLiteral("5") });
    parser.process(app);
    const int total = parser.value(QStringLiteral("events")).toInt();
    const int rate = parser.value(QStringLiteral("rate")).toInt();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();

    FakeLogEventSource source;
    LogViewerPage page(&source, nullptr, { .liveCapacity = total });
    page.resize(1280, 800);
    page.show();
    LogViewModel* model = page.liveModel();
    LogEventGenerator generator(42);

    // 1. Fill: generation is not timed, ingestion (stage, commit, view updates) is.
    const qint64 rssBefore = residentBytes();
    qint64 ingestMs = 0;
    QElapsedTimer clock;
    for (int done = 0; done < total;) {
        const int n = std::min(20'000, total - done);
        const QList<LogEvent> batch = generator.next(n);
        clock.start();
        source.pushEvents(batch);
        model->flush();
        QCoreApplication::processEvents();
        ingestMs += clock.elapsed();
        done += n;
    }
    const qint64 rssAfter = residentBytes();
    std::printf("fill:            %d events in %lld ms of ingestion = %.0f events/s (model + visible table)\n", total,
        ingestMs, total * 1000.0 / double(std::max<qint64>(1, ingestMs)));
    std::printf("memory:          %.1f bytes/event in the store (%.1f MiB), %.1f bytes/event RSS growth\n",
        double(model->store().memoryBytes()) / double(model->store().size()),
        double(model->store().memoryBytes()) / 1048576.0, double(rssAfter - rssBefore) / double(total));

    // 2. A filter change over the full store, with the frame meter running.
    const auto applyFilter = [&](const LogViewFilter& filter, const char* label) {
        FrameMeter meter;
        meter.start();
        clock.start();
        model->setFilter(filter);
        const qint64 firstSlice = clock.elapsed();
        waitFor([&] { return !model->isFiltering(); });
        const qint64 full = clock.elapsed();
        meter.stop();
        std::printf("filter %-9s %lld ms over %lld rows (%d match; first rows after %lld ms; worst frame %lld ms, "
                    "p99 %lld ms)\n",
            label, full, qint64(model->store().size()), model->rowCount(), firstSlice, meter.worst(),
            meter.percentile(0.99));
    };
    applyFilter({ .text = QStringLiteral("login") }, "text:");
    applyFilter({ .text = QStringLiteral("^a\\d+ (LOGIN|SELECT)"), .regex = true }, "regex:");
    applyFilter({}, "none:");
    applyFilter({ .proto = QStringLiteral("imap") }, "proto:");

    // 3. Live feed at `rate` events/s with the filter on and the view following.
    page.setFollowing(true);
    const int perTick = std::max(1, rate / 100);
    std::vector<QList<LogEvent>> batches;
    for (int i = 0; i < seconds * 100; ++i)
        batches.push_back(generator.next(perTick));
    FrameMeter meter;
    size_t next = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    QElapsedTimer feedClock;
    qint64 fed = 0;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        // Catch up with the wall clock so a late tick does not lower the offered rate.
        const size_t due = std::min(batches.size(), size_t(feedClock.elapsed() / 10 + 1));
        for (; next < due; ++next) {
            source.pushEvents(batches[next]);
            fed += batches[next].size();
        }
    });
    const quint64 endBefore = model->store().endSerial();
    meter.start();
    feedClock.start();
    feeder.start(10);
    waitFor([&] { return next >= batches.size(); });
    feeder.stop();
    waitFor([&] { return model->pendingCount() == 0; });
    const qint64 feedMs = feedClock.elapsed();
    meter.stop();
    std::printf("live feed:       %lld events in %lld ms = %.0f events/s offered, %llu inserted (filter proto=imap, "
                "following)\n",
        fed, feedMs, fed * 1000.0 / double(feedMs), model->store().endSerial() - endBefore);
    std::printf("frame time:      worst %lld ms, p99 %lld ms, median %lld ms over %zu frames of a 16 ms timer\n",
        meter.worst(), meter.percentile(0.99), meter.percentile(0.5), meter.frames());
    std::printf("store:           %lld events kept, %lld evicted, at most %lld\n", qint64(model->store().size()),
        model->store().evictedCount(), qint64(model->capacity()));
    return 0;
}
