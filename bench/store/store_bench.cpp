// store_bench: how fast the mail store is where users feel it.
//   - durable appends per second (each one synced before it returns, as SMTP delivery does)
//   - listing UIDs and flags of 100,000 messages in one folder (IMAP SELECT / FETCH FLAGS)
// Usage: store_bench [--dir PATH] [--appends N] [--messages N]
// By default it works in a temporary directory; pass --dir to measure a particular disk.
#include "store/SqliteMailStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tegami;

namespace {

const QString owner = QStringLiteral("bench@example.com");

struct Row {
    QString what;
    QString result;
    QString detail;
};

std::vector<Row> rows;

void report(const QString& what, const QString& result, const QString& detail = {})
{
    rows.push_back({ what, result, detail });
}

void progress(const char* what)
{
    std::fprintf(stderr, "store_bench: %s ...\n", what);
}

[[noreturn]] void fail(const QString& step, const Error& e)
{
    std::fprintf(stderr, "store_bench: %s failed: %s\n", qPrintable(step), qPrintable(e.toString()));
    std::exit(1);
}

template <typename T> T check(Result<T> r, const QString& step)
{
    if (!r)
        fail(step, r.error());
    return std::move(r.value());
}

void check(const Result<void>& r, const QString& step)
{
    if (!r)
        fail(step, r.error());
}

QByteArray benchMessage(int n, int bodyBytes)
{
    QByteArray head = "From: Bench <bench@example.org>\r\nTo: bench@example.com\r\nSubject: message "
        + QByteArray::number(n) + "\r\nMessage-ID: <" + QByteArray::number(n) + "@bench.example>\r\n\r\n";
    QByteArray body;
    body.reserve(bodyBytes + 80);
    while (body.size() < bodyBytes)
        body += "The quick brown fox jumps over the lazy dog. 0123456789 abcdefghijklmnopqrstuv\r\n";
    body.truncate(bodyBytes - 2);
    return head + body + "\r\n";
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[size_t(p * double(v.size() - 1))];
}

void benchDurableAppends(const QString& dir, int count)
{
    auto store = check(SqliteMailStore::open(dir), QStringLiteral("opening the store"));
    check(store->ensureOwner(owner), QStringLiteral("creating folders"));
    const qint64 inbox = check(store->findFolder(owner, QStringLiteral("INBOX")), QStringLiteral("finding INBOX")).id;
    const QByteArray message = benchMessage(0, 10 * 1024);

    progress("durable appends");
    // One by one, each synced before the next starts: what a single SMTP delivery costs.
    const qint64 timeLimitMs = 40000;
    std::vector<double> latencies;
    latencies.reserve(size_t(count));
    QElapsedTimer total;
    total.start();
    int done = 0;
    for (; done < count && total.elapsed() < timeLimitMs; ++done) {
        QElapsedTimer one;
        one.start();
        check(store->append(inbox, message, {}), QStringLiteral("append"));
        latencies.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    const double secs = double(total.nsecsElapsed()) / 1e9;
    report(QStringLiteral("durable appends, 10 KB each"), QStringLiteral("%1 /s").arg(double(done) / secs, 0, 'f', 0),
        QStringLiteral("(%1 in %2 s; latency p50 %3 ms, p99 %4 ms%5)")
            .arg(done)
            .arg(secs, 0, 'f', 1)
            .arg(percentile(latencies, 0.5), 0, 'f', 1)
            .arg(percentile(latencies, 0.99), 0, 'f', 1)
            .arg(done < count ? QStringLiteral("; stopped at the time limit") : QString()));

    // In batches of 100 (one index commit per batch): what an import costs.
    std::vector<AppendRequest> batch(100, AppendRequest { message, {} });
    const int batches = std::max(1, count / 100);
    total.restart();
    for (int i = 0; i < batches; ++i)
        check(store->appendBatch(inbox, batch), QStringLiteral("batch append"));
    const double batchSecs = double(total.nsecsElapsed()) / 1e9;
    report(QStringLiteral("durable appends in batches of 100"),
        QStringLiteral("%1 /s").arg(double(batches * 100) / batchSecs, 0, 'f', 0),
        QStringLiteral("(%1 in %2 s)").arg(batches * 100).arg(batchSecs, 0, 'f', 1));
}

void benchLargeFolder(const QString& dir, int count)
{
    qint64 folderId = 0;
    {
        // Filling is not what is measured: skip fsync and commit in large batches.
        StoreOptions fast;
        fast.durability = Durability::Relaxed;
        auto store = check(SqliteMailStore::open(dir, fast), QStringLiteral("opening the store"));
        folderId = check(
            store->createFolder(owner, QStringLiteral("Big"), SpecialUse::None), QStringLiteral("creating a folder"))
                       .id;
        progress("filling the large folder");
        QElapsedTimer fill;
        fill.start();
        const int batchSize = 1000;
        std::vector<AppendRequest> batch;
        batch.reserve(batchSize);
        for (int n = 0; n < count; ++n) {
            AppendOptions options;
            if (n % 3 == 0)
                options.flags << QStringLiteral("\\Seen");
            if (n % 50 == 0)
                options.flags << QStringLiteral("$Important");
            batch.push_back({ benchMessage(n, 200), options });
            if (int(batch.size()) == batchSize || n + 1 == count) {
                check(store->appendBatch(folderId, batch), QStringLiteral("filling the folder"));
                batch.clear();
            }
        }
        report(QStringLiteral("fill %1 messages (no fsync, batches of 1000)").arg(count),
            QStringLiteral("%1 s").arg(double(fill.nsecsElapsed()) / 1e9, 0, 'f', 1));
    }

    progress("timing the large folder");
    QElapsedTimer open;
    open.start();
    auto store = check(SqliteMailStore::open(dir), QStringLiteral("reopening the store"));
    report(QStringLiteral("open with %1 message files (recovery scan)").arg(count),
        QStringLiteral("%1 ms").arg(double(open.nsecsElapsed()) / 1e6, 0, 'f', 0));

    std::vector<double> times;
    size_t listed = 0;
    qint64 seen = 0;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        const std::vector<MessageInfo> list = check(store->messages(folderId), QStringLiteral("listing"));
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        listed = list.size();
        seen = std::count_if(
            list.begin(), list.end(), [](const MessageInfo& m) { return m.flags.has(SystemFlag::Seen); });
    }
    if (listed != size_t(count) || seen != (count + 2) / 3) {
        std::fprintf(stderr, "store_bench: listing returned %zu messages (%lld seen), expected %d\n", listed,
            static_cast<long long>(seen), count);
        std::exit(1);
    }
    report(QStringLiteral("list UIDs+flags of %1 messages in one folder").arg(count),
        QStringLiteral("%1 ms").arg(percentile(times, 0.5), 0, 'f', 0),
        QStringLiteral("(median of 5; best %1 ms)").arg(*std::min_element(times.begin(), times.end()), 0, 'f', 0));

    QElapsedTimer t;
    t.start();
    auto changed = check(
        store->storeFlags(folderId, UidSet::all(), FlagMode::Add, { QStringLiteral("\\Flagged") }, std::nullopt),
        QStringLiteral("flag change"));
    report(QStringLiteral("STORE 1:* +FLAGS (\\Flagged) on %1 messages").arg(count),
        QStringLiteral("%1 ms").arg(double(t.nsecsElapsed()) / 1e6, 0, 'f', 0),
        QStringLiteral("(%1 changed, one durable commit)").arg(changed.updated.size()));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Benchmarks the Tegami mail store."));
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"),
        QStringLiteral("Directory to work in (default: a temporary one)."), QStringLiteral("path"));
    const QCommandLineOption appendsOption(QStringLiteral("appends"),
        QStringLiteral("Durable appends to time (default 2000)."), QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
        QStringLiteral("Messages in the large folder (default 100000)."), QStringLiteral("n"),
        QStringLiteral("100000"));
    parser.addOptions({ dirOption, appendsOption, messagesOption });
    parser.process(app);
    bool ok1 = false;
    bool ok2 = false;
    const int appends = parser.value(appendsOption).toInt(&ok1);
    const int messages = parser.value(messagesOption).toInt(&ok2);
    if (!ok1 || !ok2 || appends < 1 || messages < 1) {
        std::fprintf(stderr, "store_bench: --appends and --messages take positive numbers\n");
        return 2;
    }

    QTemporaryDir tmp(parser.isSet(dirOption) ? parser.value(dirOption) + QStringLiteral("/store_bench-XXXXXX")
                                              : QDir::tempPath() + QStringLiteral("/store_bench-XXXXXX"));
    if (!tmp.isValid()) {
        std::fprintf(stderr, "store_bench: cannot create a work directory: %s\n", qPrintable(tmp.errorString()));
        return 1;
    }
    benchDurableAppends(tmp.filePath(QStringLiteral("appends")), appends);
    benchLargeFolder(tmp.filePath(QStringLiteral("large")), messages);

    int width = 0;
    for (const Row& r : rows)
        width = std::max(width, int(r.what.size()));
    std::printf("\nTegami store benchmark (%s)\n", qPrintable(tmp.path()));
    std::printf("%-*s  %10s\n", width, "measurement", "result");
    std::printf("%s\n", QByteArray(width + 14, '-').constData());
    for (const Row& r : rows)
        std::printf("%-*s  %10s  %s\n", width, qPrintable(r.what), qPrintable(r.result), qPrintable(r.detail));
    return 0;
}
