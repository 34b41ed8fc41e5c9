// Messages in SqliteMailStore: append, flags and modseq, expunge, copy, move, quota,
// notifications and persistence across reopening.
#include "core/Clock.h"
#include "store/StoreNotifier.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include "StoreTestUtil.h"

using namespace tegami;
using namespace storetest;

namespace {

std::vector<quint32> uidsOf(const std::vector<MessageInfo>& list)
{
    std::vector<quint32> out;
    for (const MessageInfo& m : list)
        out.push_back(m.uid);
    return out;
}

AppendOptions withFlags(const QStringList& flags)
{
    return { flags, {}, 0, 0 };
}

} // namespace

class TestStoreMessages : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    ManualClock m_clock { QDateTime(QDate(2026, 3, 1), QTime(9, 30, 15, 250), Qt::UTC) };
    int m_round = 0;

    QString freshDir() { return m_tmp.filePath(QStringLiteral("store%1").arg(++m_round)); }
    QString currentDir() { return m_tmp.filePath(QStringLiteral("store%1").arg(m_round)); }
    StoreOptions options() { return { Durability::Full, &m_clock }; }

private Q_SLOTS:
    void appendListAndRead()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        auto inbox = store->findFolder(alice, QStringLiteral("INBOX"));

        const QDateTime when(QDate(2025, 12, 24), QTime(18, 0, 5), Qt::UTC);
        auto a = store->append(
            inbox->id, message("one"), { { QStringLiteral("\\Seen"), QStringLiteral("$Work") }, when, 0, 0 });
        QVERIFY_OK(a);
        auto b = store->append(inbox->id, "Subject: bare\n\nline one\nline two\n", {});
        QVERIFY_OK(b);
        QCOMPARE(a->uid, 1u);
        QCOMPARE(b->uid, 2u);
        QVERIFY(b->modSeq > a->modSeq);
        QCOMPARE(a->uidValidity, inbox->uidValidity);
        QVERIFY(a->guid != b->guid);

        auto list = store->messages(inbox->id);
        QVERIFY_OK(list);
        QCOMPARE(uidsOf(*list), (std::vector<quint32> { 1, 2 }));
        const MessageInfo& first = list->at(0);
        QCOMPARE(first.flags.toStringList(), (QStringList { QStringLiteral("\\Seen"), QStringLiteral("$Work") }));
        QCOMPARE(first.internalDate, when);
        QCOMPARE(first.size, qint64(message("one").size()));
        QCOMPARE(first.modSeq, a->modSeq);
        QCOMPARE(first.guid, a->guid);
        QCOMPARE(first.uidl().size(), 16);
        // No date given: the clock's, to the second.
        QCOMPARE(list->at(1).internalDate, QDateTime(QDate(2026, 3, 1), QTime(9, 30, 15), Qt::UTC));

        QCOMPARE(*store->readMessage(inbox->id, 1), message("one"));
        // Bare LF is stored as CRLF, and the size is the stored size.
        const QByteArray crlf("Subject: bare\r\n\r\nline one\r\nline two\r\n");
        QCOMPARE(*store->readMessage(inbox->id, 2), crlf);
        QCOMPARE(list->at(1).size, qint64(crlf.size()));
        auto device = store->openMessage(inbox->id, 2);
        QVERIFY_OK(device);
        QCOMPARE((*device)->readAll(), crlf);

        auto folder = store->folder(inbox->id);
        QCOMPARE(folder->messageCount, 2);
        QCOMPARE(folder->unseenCount, 1);
        QCOMPARE(folder->sizeBytes, qint64(message("one").size() + crlf.size()));
        QCOMPARE(folder->uidNext, 3u);
        QCOMPARE(folder->highestModSeq, b->modSeq);
        auto usage = store->usage(alice);
        QCOMPARE(usage->bytes, folder->sizeBytes);
        QCOMPARE(usage->messages, 2);

        QCOMPARE(store->message(inbox->id, 9).error().code, ErrorCode::NotFound);
        QCOMPARE(store->readMessage(inbox->id, 9).error().code, ErrorCode::NotFound);
        QCOMPARE(store->append(inbox->id, QByteArray(), {}).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(store->append(inbox->id, message("x"), withFlags({ QStringLiteral("\\Recent") })).error().code,
            ErrorCode::InvalidArgument);
        QCOMPARE(store->append(999, message("x"), {}).error().code, ErrorCode::NotFound);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/tmp")), 0);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 2);
    }

    void uidsAscendAndAreNeverReusedAcrossReopen()
    {
        qint64 folderId = 0;
        quint32 validity = 0;
        quint64 modSeq = 0;
        {
            OPEN_STORE(store, freshDir(), options());
            auto f = store->createFolder(alice, QStringLiteral("Work"), SpecialUse::None);
            folderId = f->id;
            validity = f->uidValidity;
            for (int i = 0; i < 3; ++i)
                QVERIFY_OK(store->append(folderId, message("m" + QByteArray::number(i)), {}));
            QVERIFY_OK(store->storeFlags(
                folderId, UidSet { 3 }, FlagMode::Add, { QStringLiteral("\\Deleted") }, std::nullopt));
            auto gone = store->expunge(folderId, std::nullopt);
            QCOMPARE(gone->uids, std::vector<quint32> { 3 });
            modSeq = gone->modSeq;
        }
        OPEN_STORE(store, currentDir(), options());
        auto f = store->folder(folderId);
        QVERIFY_OK(f);
        QCOMPARE(f->uidValidity, validity);
        QCOMPARE(f->uidNext, 4u);
        QCOMPARE(f->highestModSeq, modSeq);
        auto next = store->append(folderId, message("after reopen"), {});
        QCOMPARE(next->uid, 4u);
        QVERIFY(next->modSeq > modSeq);
        QCOMPARE(uidsOf(*store->messages(folderId)), (std::vector<quint32> { 1, 2, 4 }));
        QCOMPARE(*store->readMessage(folderId, 2), message("m1"));
    }

    void flagsRaiseModSeqOnlyWhenTheyChange()
    {
        OPEN_STORE(store, freshDir(), options());
        auto f = store->createFolder(alice, QStringLiteral("F"), SpecialUse::None);
        for (int i = 0; i < 4; ++i)
            QVERIFY_OK(store->append(f->id, message("m" + QByteArray::number(i)), {}));
        const quint64 before = store->folder(f->id)->highestModSeq;

        auto seen
            = store->storeFlags(f->id, UidSet::range(1, 3), FlagMode::Add, { QStringLiteral("\\Seen") }, std::nullopt);
        QVERIFY_OK(seen);
        QCOMPARE(seen->updated.size(), size_t(3));
        QCOMPARE(seen->modSeq, before + 1);
        for (const FlagUpdate& u : seen->updated) {
            QVERIFY(u.flags.has(SystemFlag::Seen));
            QCOMPARE(u.modSeq, before + 1);
        }
        QCOMPARE(store->folder(f->id)->unseenCount, 1);

        // Setting what is already set changes nothing and keeps the modseq.
        auto again
            = store->storeFlags(f->id, UidSet { 1, 2 }, FlagMode::Add, { QStringLiteral("\\seen") }, std::nullopt);
        QVERIFY(again->updated.empty());
        QCOMPARE(again->modSeq, before + 1);
        QCOMPARE(store->folder(f->id)->highestModSeq, before + 1);

        auto replace = store->storeFlags(f->id, UidSet { 2 }, FlagMode::Replace,
            { QStringLiteral("\\Flagged"), QStringLiteral("Todo") }, std::nullopt);
        QCOMPARE(replace->updated.size(), size_t(1));
        QCOMPARE(replace->updated[0].flags.toStringList(),
            (QStringList { QStringLiteral("\\Flagged"), QStringLiteral("Todo") }));
        auto remove
            = store->storeFlags(f->id, UidSet::all(), FlagMode::Remove, { QStringLiteral("todo") }, std::nullopt);
        QCOMPARE(remove->updated.size(), size_t(1));
        QVERIFY(remove->updated[0].flags.keywords.isEmpty());
        QCOMPARE(store->folder(f->id)->unseenCount, 2);

        // CONDSTORE: UNCHANGEDSINCE refuses messages changed after the given modseq.
        const quint64 now = store->folder(f->id)->highestModSeq;
        auto cond
            = store->storeFlags(f->id, UidSet::all(), FlagMode::Add, { QStringLiteral("\\Answered") }, before + 1);
        QVERIFY_OK(cond);
        QCOMPARE(cond->modified.toString(), QStringLiteral("2")); // changed at before+2 and +3
        QCOMPARE(cond->updated.size(), size_t(3));
        QCOMPARE(cond->modSeq, now + 1);

        auto changed = store->changedSince(f->id, now);
        QCOMPARE(uidsOf(*changed), (std::vector<quint32> { 1, 3, 4 }));
        QCOMPARE(changed->at(0).modSeq, now + 1);
        QVERIFY(store->changedSince(f->id, now + 1)->empty());
        QCOMPARE(store->messages(f->id, UidSet { 2, 4, 99 })->size(), size_t(2));

        auto bad = store->storeFlags(f->id, UidSet::all(), FlagMode::Add, { QStringLiteral("bad word") }, std::nullopt);
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
    }

    void expungeRemovesOnlyDeletedMessages()
    {
        OPEN_STORE(store, freshDir(), options());
        auto f = store->createFolder(alice, QStringLiteral("E"), SpecialUse::None);
        for (int i = 0; i < 5; ++i)
            QVERIFY_OK(store->append(f->id, message("m" + QByteArray::number(i)), {}));
        QVERIFY_OK(
            store->storeFlags(f->id, UidSet { 2, 4, 5 }, FlagMode::Add, { QStringLiteral("\\Deleted") }, std::nullopt));
        const quint64 before = store->folder(f->id)->highestModSeq;

        // UID EXPUNGE limits the set.
        auto partial = store->expunge(f->id, UidSet { 4, 1 });
        QCOMPARE(partial->uids, std::vector<quint32> { 4 });
        QCOMPARE(partial->modSeq, before + 1);
        auto rest = store->expunge(f->id, std::nullopt);
        QCOMPARE(rest->uids, (std::vector<quint32> { 2, 5 }));
        QCOMPARE(uidsOf(*store->messages(f->id)), (std::vector<quint32> { 1, 3 }));
        QCOMPARE(*store->expungedSince(f->id, before), (std::vector<quint32> { 2, 4, 5 }));
        QCOMPARE(*store->expungedSince(f->id, before + 1), (std::vector<quint32> { 2, 5 }));
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 2);
        auto none = store->expunge(f->id, std::nullopt);
        QVERIFY(none->uids.empty());
        QCOMPARE(none->modSeq, rest->modSeq);

        // POP3 deletion ignores flags.
        auto pop = store->deleteMessages(f->id, UidSet { 3 });
        QCOMPARE(pop->uids, std::vector<quint32> { 3 });
        QCOMPARE(store->folder(f->id)->messageCount, 1);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 1);
    }

    void copySharesTheFileUntilTheLastReferenceGoes()
    {
        OPEN_STORE(store, freshDir(), options());
        auto src = store->createFolder(alice, QStringLiteral("Src"), SpecialUse::None);
        auto dst = store->createFolder(alice, QStringLiteral("Dst"), SpecialUse::None);
        QVERIFY_OK(store->append(dst->id, message("already there"), {}));
        const QDateTime when(QDate(2024, 2, 29), QTime(12, 0), Qt::UTC);
        QVERIFY_OK(store->append(
            src->id, message("a"), { { QStringLiteral("\\Flagged"), QStringLiteral("Blue") }, when, 0, 0 }));
        QVERIFY_OK(store->append(src->id, message("b"), {}));
        QVERIFY_OK(store->append(src->id, message("c"), {}));
        QSignalSpy spy(store->notifier(), &StoreNotifier::folderChanged);

        auto copy = store->copy(src->id, UidSet { 1, 3, 77 }, dst->id, 0);
        QVERIFY_OK(copy);
        QCOMPARE(copy->uidValidity, dst->uidValidity);
        QCOMPARE(copy->mapping.size(), size_t(2));
        QCOMPARE(copy->mapping[0].source, 1u);
        QCOMPARE(copy->mapping[0].target, 2u);
        QCOMPARE(copy->mapping[1].source, 3u);
        QCOMPARE(copy->mapping[1].target, 3u);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), dst->id);

        auto copied = store->message(dst->id, 2);
        auto original = store->message(src->id, 1);
        QCOMPARE(copied->flags, original->flags);
        QCOMPARE(copied->internalDate, when);
        QVERIFY(copied->guid != original->guid);
        QCOMPARE(*store->messagePath(dst->id, 2), *store->messagePath(src->id, 1)); // one file
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 4);
        QCOMPARE(store->usage(alice)->messages, 6); // copies count against the quota

        const QString shared = *store->messagePath(src->id, 1);
        QVERIFY_OK(store->deleteMessages(src->id, UidSet::all()));
        QVERIFY(QFile::exists(shared));
        QCOMPARE(*store->readMessage(dst->id, 2), message("a"));
        QVERIFY_OK(store->deleteMessages(dst->id, UidSet { 2 }));
        QVERIFY(!QFile::exists(shared));
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 2);

        // Copying into the same folder is allowed (new UIDs).
        auto self = store->copy(dst->id, UidSet { 1 }, dst->id, 0);
        QCOMPARE(self->mapping[0].target, 4u);
    }

    void moveIsCopyAndExpungeInOneStep()
    {
        OPEN_STORE(store, freshDir(), options());
        auto src = store->createFolder(alice, QStringLiteral("Src"), SpecialUse::None);
        auto dst = store->createFolder(alice, QStringLiteral("Dst"), SpecialUse::None);
        for (int i = 0; i < 3; ++i)
            QVERIFY_OK(store->append(src->id, message("m" + QByteArray::number(i)),
                i == 0 ? withFlags({ QStringLiteral("\\Seen") }) : AppendOptions {}));
        const quint64 srcBefore = store->folder(src->id)->highestModSeq;
        const quint64 guid = store->message(src->id, 2)->guid;
        QSignalSpy spy(store->notifier(), &StoreNotifier::folderChanged);

        auto moved = store->move(src->id, UidSet { 1, 2 }, dst->id);
        QVERIFY_OK(moved);
        QCOMPARE(moved->copy.mapping.size(), size_t(2));
        QCOMPARE(moved->copy.mapping[1].source, 2u);
        QCOMPARE(moved->copy.mapping[1].target, 2u);
        QCOMPARE(moved->expunged.uids, (std::vector<quint32> { 1, 2 }));
        QCOMPARE(moved->expunged.modSeq, srcBefore + 1);
        QCOMPARE(spy.count(), 2);

        QCOMPARE(uidsOf(*store->messages(src->id)), std::vector<quint32> { 3 });
        QCOMPARE(uidsOf(*store->messages(dst->id)), (std::vector<quint32> { 1, 2 }));
        QCOMPARE(store->message(dst->id, 2)->guid, guid); // the same message, moved
        QCOMPARE(*store->readMessage(dst->id, 1), message("m0"));
        QCOMPARE(*store->expungedSince(src->id, srcBefore), (std::vector<quint32> { 1, 2 }));
        auto s = store->folder(src->id);
        auto d = store->folder(dst->id);
        QCOMPARE(s->messageCount, 1);
        QCOMPARE(s->unseenCount, 1);
        QCOMPARE(d->messageCount, 2);
        QCOMPARE(d->unseenCount, 1);
        QCOMPARE(d->sizeBytes, qint64(message("m0").size() + message("m1").size()));
        QCOMPARE(d->uidNext, 3u);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 3);

        QCOMPARE(store->move(src->id, UidSet { 3 }, src->id).error().code, ErrorCode::InvalidArgument);
    }

    void quotaRefusesAndWritesNothing()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        auto inbox = store->findFolder(alice, QStringLiteral("INBOX"));
        auto sent = store->findFolder(alice, QStringLiteral("Sent"));
        const QByteArray big = message("big", QByteArray(4000, 'x') + "\r\n");
        QVERIFY_OK(store->append(inbox->id, big, { {}, {}, 10000, 0 }));
        QVERIFY_OK(store->append(sent->id, big, { {}, {}, 10000, 0 })); // quota spans folders
        QSignalSpy spy(store->notifier(), &StoreNotifier::folderChanged);

        auto refused = store->append(inbox->id, big, { {}, {}, 10000, 0 });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::QuotaExceeded);
        QVERIFY(refused.error().message.contains(alice));
        QVERIFY(refused.error().message.contains(QLatin1String("quota")));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(store->usage(alice)->messages, 2);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 2);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/tmp")), 0);

        QCOMPARE(store->append(inbox->id, message("small"), { {}, {}, 0, 2 }).error().code, ErrorCode::QuotaExceeded);
        QCOMPARE(store->copy(inbox->id, UidSet { 1 }, sent->id, 10000).error().code, ErrorCode::QuotaExceeded);
        QVERIFY_OK(store->copy(inbox->id, UidSet { 1 }, sent->id, 0));
        // Other owners are not affected.
        QVERIFY_OK(store->ensureOwner(bob));
        auto bobInbox = store->findFolder(bob, QStringLiteral("INBOX"));
        QVERIFY_OK(store->append(bobInbox->id, big, { {}, {}, 10000, 0 }));
    }

    void notificationsFollowTheCommit()
    {
        OPEN_STORE(store, freshDir(), options());
        auto f = store->createFolder(alice, QStringLiteral("N"), SpecialUse::None);
        QSignalSpy spy(store->notifier(), &StoreNotifier::folderChanged);
        // A listener that reads the store from the signal sees the new state (IDLE does).
        qint64 countSeenBySlot = -1;
        SqliteMailStore* raw = store.get();
        connect(store->notifier(), &StoreNotifier::folderChanged, this,
            [&](qint64 id, quint64, StoreNotifier::Change) { countSeenBySlot = raw->folder(id)->messageCount; });

        auto a = store->append(f->id, message("n1"), {});
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toLongLong(), f->id);
        QCOMPARE(spy.at(0).at(1).toULongLong(), a->modSeq);
        QCOMPARE(spy.at(0).at(2).value<StoreNotifier::Change>(), StoreNotifier::Change::Appended);
        QCOMPARE(countSeenBySlot, 1);

        auto flags
            = store->storeFlags(f->id, UidSet { 1 }, FlagMode::Add, { QStringLiteral("\\Deleted") }, std::nullopt);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(1).toULongLong(), flags->modSeq);
        QCOMPARE(spy.at(1).at(2).value<StoreNotifier::Change>(), StoreNotifier::Change::FlagsChanged);
        QVERIFY_OK(
            store->storeFlags(f->id, UidSet { 1 }, FlagMode::Add, { QStringLiteral("\\Deleted") }, std::nullopt));
        QCOMPARE(spy.count(), 2); // no change, no signal

        auto gone = store->expunge(f->id, std::nullopt);
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy.at(2).at(1).toULongLong(), gone->modSeq);
        QCOMPARE(spy.at(2).at(2).value<StoreNotifier::Change>(), StoreNotifier::Change::Expunged);
        QCOMPARE(countSeenBySlot, 0);

        // A session in another part of the program waits with an event loop.
        QSignalSpy waiter(store->notifier(), &StoreNotifier::folderChanged);
        QTimer::singleShot(20, this, [&] { QVERIFY_OK(raw->append(f->id, message("later"), {})); });
        QVERIFY(waiter.wait(5000));
        QCOMPARE(waiter.at(0).at(2).value<StoreNotifier::Change>(), StoreNotifier::Change::Appended);
    }

    void appendFileLinksOrNormalises()
    {
        OPEN_STORE(store, freshDir(), options());
        auto f = store->createFolder(alice, QStringLiteral("Spool"), SpecialUse::None);
        const QString crlfPath = m_tmp.filePath(QStringLiteral("spool-crlf.eml"));
        const QString lfPath = m_tmp.filePath(QStringLiteral("spool-lf.eml"));
        const QString openPath = m_tmp.filePath(QStringLiteral("spool-open.eml"));
        {
            QFile c(openPath);
            QVERIFY(c.open(QIODevice::WriteOnly));
            c.write("Subject: open\r\n\r\nno final line end");
            QFile a(crlfPath);
            QVERIFY(a.open(QIODevice::WriteOnly));
            a.write(message("spooled"));
            QFile b(lfPath);
            QVERIFY(b.open(QIODevice::WriteOnly));
            b.write("Subject: lf\n\nbody\n");
        }
        auto one = store->appendFile(f->id, crlfPath, withFlags({ QStringLiteral("\\Seen") }));
        QVERIFY_OK(one);
        auto two = store->appendFile(f->id, lfPath, {});
        QVERIFY_OK(two);
        QVERIFY(QFile::exists(crlfPath)); // the caller's file is left for the caller
        QVERIFY(QFile::exists(lfPath));
        QCOMPARE(*store->readMessage(f->id, one->uid), message("spooled"));
        QCOMPARE(*store->readMessage(f->id, two->uid), QByteArray("Subject: lf\r\n\r\nbody\r\n"));
        // A last line without its line end gets one, and the size counts it.
        auto three = store->appendFile(f->id, openPath, {});
        QVERIFY_OK(three);
        QCOMPARE(*store->readMessage(f->id, three->uid), QByteArray("Subject: open\r\n\r\nno final line end\r\n"));
        QCOMPARE(store->message(f->id, three->uid)->size, qint64(36));
        QVERIFY(store->message(f->id, one->uid)->flags.has(SystemFlag::Seen));
        QCOMPARE(
            store->appendFile(f->id, m_tmp.filePath(QStringLiteral("missing.eml")), {}).error().code, ErrorCode::Io);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/tmp")), 0);
    }

    void appendBatchIsAllOrNothing()
    {
        OPEN_STORE(store, freshDir(), options());
        auto f = store->createFolder(alice, QStringLiteral("Batch"), SpecialUse::None);
        std::vector<AppendRequest> good;
        for (int i = 0; i < 5; ++i)
            good.push_back({ message("b" + QByteArray::number(i)), withFlags({ QStringLiteral("\\Seen") }) });
        auto results = store->appendBatch(f->id, good);
        QVERIFY_OK(results);
        QCOMPARE(results->size(), size_t(5));
        QCOMPARE(results->back().uid, 5u);

        std::vector<AppendRequest> bad = good;
        bad[3].options.flags = { QStringLiteral("\\Bogus") };
        auto refused = store->appendBatch(f->id, bad);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.startsWith(QLatin1String("message 4 of the batch")));
        QCOMPARE(store->folder(f->id)->messageCount, 5);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/tmp")), 0);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 5);
    }
};

QTEST_GUILESS_MAIN(TestStoreMessages)
#include "TestStoreMessages.moc"
