// Helper of test_queue_kill: receives messages through the queue's intake until it is
// killed, printing each sequence number only after commit() succeeded (the moment an SMTP
// session would answer 250), and lets the queue deliver them into the store in between.
#include "accounts/AccountStore.h"
#include "store/SqliteMailStore.h"

#include <QCoreApplication>

#include <cstdio>

#include "engine/store/KillTestMessage.h"
#include "queue/DeliveryQueue.h"

using namespace tegami;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: queue_kill_writer DATA_DIR FIRST_SEQUENCE\n");
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    auto accounts = AccountStore::open(dir + QStringLiteral("/accounts.db"));
    if (!accounts) {
        std::fprintf(stderr, "accounts: %s\n", qPrintable(accounts.error().toString()));
        return 1;
    }
    auto store = SqliteMailStore::open(dir + QStringLiteral("/store"));
    if (!store) {
        std::fprintf(stderr, "store: %s\n", qPrintable(store.error().toString()));
        return 1;
    }
    DeliveryQueue queue(dir + QStringLiteral("/queue"), **accounts, **store, Clock::system(), nullptr);
    auto recovered = queue.open();
    if (!recovered) {
        std::fprintf(stderr, "queue: %s\n", qPrintable(recovered.error().toString()));
        return 1;
    }
    std::printf("# recovered queued=%d tmp=%d orphans=%d damaged=%d\n", queue.messageCount(),
        recovered->tmpFilesRemoved, recovered->orphanFilesRemoved, recovered->damaged);
    std::fflush(stdout);

    Envelope envelope;
    envelope.sender = QStringLiteral("sender@example.com");
    envelope.recipients.push_back(EnvelopeRecipient { killtest::owner, QString(), 0 });
    for (quint64 sequence = QByteArray(argv[2]).toULongLong();; ++sequence) {
        auto writer = queue.begin();
        if (!writer) {
            std::fprintf(stderr, "begin: %s\n", qPrintable(writer.error().toString()));
            return 1;
        }
        const QByteArray message = killtest::message(sequence);
        for (qsizetype at = 0; at < message.size(); at += 4096) {
            if (auto r
                = (*writer)->write(QByteArrayView(message).sliced(at, std::min<qsizetype>(4096, message.size() - at)));
                !r) {
                std::fprintf(stderr, "write: %s\n", qPrintable(r.error().toString()));
                return 1;
            }
        }
        auto id = (*writer)->commit(envelope);
        if (!id) {
            std::fprintf(stderr, "commit %llu: %s\n", static_cast<unsigned long long>(sequence),
                qPrintable(id.error().toString()));
            return 1;
        }
        std::printf("%llu\n", static_cast<unsigned long long>(sequence));
        std::fflush(stdout);
        // Deliveries run on the event loop, between receptions, as in the service.
        QCoreApplication::processEvents();
    }
}
