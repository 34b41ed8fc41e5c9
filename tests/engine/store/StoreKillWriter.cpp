// Helper of test_store_kill: appends messages to a store until it is killed, printing each
// sequence number only after append() reported success (i.e. the message is durable).
#include "store/SqliteMailStore.h"

#include <QCoreApplication>

#include <cstdio>

#include "KillTestMessage.h"

using namespace tegami;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_kill_writer STORE_DIR FIRST_SEQUENCE\n");
        return 2;
    }
    auto store = SqliteMailStore::open(QString::fromLocal8Bit(argv[1]));
    if (!store) {
        std::fprintf(stderr, "open: %s\n", qPrintable(store.error().toString()));
        return 1;
    }
    // What this start had to clean up after the previous kill, for the test to check.
    const RecoveryReport& recovered = (*store)->recoveryReport();
    std::printf("# recovered tmp=%d orphans=%d missing=%d\n", recovered.tmpFilesRemoved, recovered.orphanFilesRemoved,
        recovered.missingFiles);
    std::fflush(stdout);
    if (auto r = (*store)->ensureOwner(killtest::owner); !r) {
        std::fprintf(stderr, "ensureOwner: %s\n", qPrintable(r.error().toString()));
        return 1;
    }
    auto inbox = (*store)->findFolder(killtest::owner, QStringLiteral("INBOX"));
    if (!inbox) {
        std::fprintf(stderr, "INBOX: %s\n", qPrintable(inbox.error().toString()));
        return 1;
    }
    for (quint64 sequence = QByteArray(argv[2]).toULongLong();; ++sequence) {
        auto appended = (*store)->append(inbox->id, killtest::message(sequence), {});
        if (!appended) {
            std::fprintf(stderr, "append %llu: %s\n", static_cast<unsigned long long>(sequence),
                qPrintable(appended.error().toString()));
            return 1;
        }
        std::printf("%llu\n", static_cast<unsigned long long>(sequence));
        std::fflush(stdout);
    }
}
