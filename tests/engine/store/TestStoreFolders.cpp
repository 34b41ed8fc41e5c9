// Folder lifecycle of SqliteMailStore: roles, hierarchy, delete/rename per RFC 3501.
#include "core/Clock.h"
#include "store/StoreNotifier.h"

#include <QSignalSpy>
#include <QTemporaryDir>

#include "StoreTestUtil.h"

using namespace tegami;
using namespace storetest;

namespace {

QStringList names(const std::vector<FolderInfo>& folders)
{
    QStringList out;
    for (const FolderInfo& f : folders)
        out << f.name;
    return out;
}

const FolderInfo* byName(const std::vector<FolderInfo>& folders, const QString& name)
{
    for (const FolderInfo& f : folders) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestStoreFolders : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    ManualClock m_clock;
    int m_round = 0;

    QString freshDir() { return m_tmp.filePath(QStringLiteral("store%1").arg(++m_round)); }
    StoreOptions options() { return { Durability::Full, &m_clock }; }

private Q_SLOTS:
    void removeOwnerDeletesEverythingOfThatOwnerOnly()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        QVERIFY_OK(store->ensureOwner(bob));
        auto aliceInbox = store->findFolder(alice, QStringLiteral("INBOX"));
        auto bobInbox = store->findFolder(bob, QStringLiteral("INBOX"));
        QVERIFY_OK(aliceInbox);
        QVERIFY_OK(bobInbox);
        QVERIFY_OK(store->append(aliceInbox->id, message("for alice"), {}));
        QVERIFY_OK(store->append(bobInbox->id, message("for bob"), {}));
        auto sent = store->findFolder(alice, QStringLiteral("Sent"));
        QVERIFY_OK(store->copy(aliceInbox->id, UidSet::all(), sent->id, 0));
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Sent")));
        const int filesBefore = countFiles(store->directory() + QStringLiteral("/messages"));

        QVERIFY_OK(store->removeOwner(alice));
        auto folders = store->listFolders(alice);
        QVERIFY_OK(folders);
        QVERIFY(folders->empty());
        auto subs = store->subscriptions(alice);
        QVERIFY_OK(subs);
        QVERIFY(subs->isEmpty());
        QCOMPARE(store->usage(alice)->messages, 0);
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages")), filesBefore - 1); // shared file freed once
        // Bob is untouched; a new Alice starts empty with a fresh UIDVALIDITY.
        QCOMPARE(store->usage(bob)->messages, 1);
        QVERIFY_OK(store->ensureOwner(alice));
        auto fresh = store->findFolder(alice, QStringLiteral("INBOX"));
        QVERIFY_OK(fresh);
        QCOMPARE(fresh->messageCount, 0);
        QVERIFY(fresh->uidValidity != aliceInbox->uidValidity);
    }

    void ensureOwnerCreatesSpecialUseFolders()
    {
        OPEN_STORE(store, freshDir(), options());
        QSignalSpy changed(store->notifier(), &StoreNotifier::foldersChanged);
        QVERIFY_OK(store->ensureOwner(alice));
        QCOMPARE(changed.count(), 1);
        auto folders = store->listFolders(alice);
        QVERIFY_OK(folders);
        QCOMPARE(names(*folders),
            (QStringList { QStringLiteral("INBOX"), QStringLiteral("Archive"), QStringLiteral("Drafts"),
                QStringLiteral("Junk"), QStringLiteral("Sent"), QStringLiteral("Trash") }));
        QCOMPARE(byName(*folders, QStringLiteral("INBOX"))->role, SpecialUse::Inbox);
        QCOMPARE(byName(*folders, QStringLiteral("Sent"))->role, SpecialUse::Sent);
        QCOMPARE(byName(*folders, QStringLiteral("Junk"))->role, SpecialUse::Junk);
        QCOMPARE(specialUseAttribute(byName(*folders, QStringLiteral("Trash"))->role), QStringLiteral("\\Trash"));
        QSet<quint32> validities;
        for (const FolderInfo& f : *folders) {
            QVERIFY2(f.subscribed, qPrintable(f.name));
            QVERIFY(f.selectable);
            QCOMPARE(f.uidNext, 1u);
            QCOMPARE(f.messageCount, 0);
            validities.insert(f.uidValidity);
        }
        QCOMPARE(validities.size(), 6); // every folder its own UIDVALIDITY

        // Idempotent: nothing new, no signal.
        QVERIFY_OK(store->ensureOwner(alice));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store->listFolders(alice)->size(), size_t(6));
        // Owners are separate.
        QVERIFY(store->listFolders(bob)->empty());
        auto sent = store->findFolderByRole(alice, SpecialUse::Sent);
        QVERIFY_OK(sent);
        QCOMPARE(sent->name, QStringLiteral("Sent"));
        QCOMPARE(store->findFolderByRole(bob, SpecialUse::Sent).error().code, ErrorCode::NotFound);
    }

    void ensureOwnerAdoptsExistingFolders()
    {
        OPEN_STORE(store, freshDir(), options());
        auto sent = store->createFolder(alice, QStringLiteral("Sent"), SpecialUse::None);
        QVERIFY_OK(sent);
        QVERIFY_OK(store->ensureOwner(alice));
        auto folders = store->listFolders(alice);
        QCOMPARE(folders->size(), size_t(6));
        QCOMPARE(byName(*folders, QStringLiteral("Sent"))->id, sent->id);
        QCOMPARE(byName(*folders, QStringLiteral("Sent"))->role, SpecialUse::Sent);
    }

    void badOwnersAreRefused()
    {
        OPEN_STORE(store, freshDir(), options());
        for (const QString& owner : { QString(), QStringLiteral("a b@example.com"), QString(400, QLatin1Char('a')) }) {
            auto r = store->ensureOwner(owner);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().field, QStringLiteral("owner"));
        }
    }

    void inboxIsCaseInsensitiveOtherNamesAreNot()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        auto inbox = store->findFolder(alice, QStringLiteral("iNbOx"));
        QVERIFY_OK(inbox);
        QCOMPARE(inbox->name, QStringLiteral("INBOX"));
        auto lower = store->findFolder(alice, QStringLiteral("sent"));
        QVERIFY(!lower.ok());
        QCOMPARE(lower.error().code, ErrorCode::NotFound);
        QVERIFY(lower.error().message.contains(QLatin1String("\"sent\"")));
        auto child = store->createFolder(alice, QStringLiteral("inbox/Receipts"), SpecialUse::None);
        QVERIFY_OK(child);
        QCOMPARE(child->name, QStringLiteral("INBOX/Receipts"));
        QVERIFY(store->folder(inbox->id)->hasChildren);
    }

    void createMakesParentsAndRefusesDuplicates()
    {
        OPEN_STORE(store, freshDir(), options());
        QSignalSpy changed(store->notifier(), &StoreNotifier::foldersChanged);
        auto q1 = store->createFolder(alice, QStringLiteral("Projects/2026/Q1/"), SpecialUse::None);
        QVERIFY_OK(q1);
        QCOMPARE(q1->name, QStringLiteral("Projects/2026/Q1"));
        QCOMPARE(changed.count(), 1);
        auto folders = store->listFolders(alice);
        QCOMPARE(names(*folders),
            (QStringList {
                QStringLiteral("Projects"), QStringLiteral("Projects/2026"), QStringLiteral("Projects/2026/Q1") }));
        QVERIFY(byName(*folders, QStringLiteral("Projects"))->hasChildren);
        QVERIFY(byName(*folders, QStringLiteral("Projects/2026"))->hasChildren);
        QVERIFY(!byName(*folders, QStringLiteral("Projects/2026/Q1"))->hasChildren);
        QVERIFY(byName(*folders, QStringLiteral("Projects"))->selectable);

        auto again = store->createFolder(alice, QStringLiteral("Projects/2026"), SpecialUse::None);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        auto bad = store->createFolder(alice, QStringLiteral("a//b"), SpecialUse::None);
        QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(bad.error().field, QStringLiteral("folder"));

        QVERIFY_OK(store->createFolder(alice, QStringLiteral("Outbox"), SpecialUse::Sent));
        auto secondSent = store->createFolder(alice, QStringLiteral("Sent2"), SpecialUse::Sent);
        QCOMPARE(secondSent.error().code, ErrorCode::AlreadyExists);
        QVERIFY(secondSent.error().message.contains(QLatin1String("Outbox")));
        QCOMPARE(store->createFolder(alice, QStringLiteral("Other"), SpecialUse::Inbox).error().code,
            ErrorCode::InvalidArgument);
    }

    void recreatedFolderGetsNewUidValidity()
    {
        OPEN_STORE(store, freshDir(), options());
        auto first = store->createFolder(alice, QStringLiteral("Lists"), SpecialUse::None);
        QVERIFY_OK(first);
        QVERIFY_OK(store->deleteFolder(alice, QStringLiteral("Lists")));
        auto second = store->createFolder(alice, QStringLiteral("Lists"), SpecialUse::None);
        QVERIFY_OK(second);
        QVERIFY(second->uidValidity > first->uidValidity);
        // The counter also survives reopening, even with the clock standing still.
        const quint32 last = second->uidValidity;
        store.reset();
        OPEN_STORE(reopened, m_tmp.filePath(QStringLiteral("store%1").arg(m_round)), options());
        QVERIFY_OK(reopened->deleteFolder(alice, QStringLiteral("Lists")));
        auto third = reopened->createFolder(alice, QStringLiteral("Lists"), SpecialUse::None);
        QVERIFY(third->uidValidity > last);
    }

    void deleteFollowsRfc3501()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        auto inboxDelete = store->deleteFolder(alice, QStringLiteral("inbox"));
        QCOMPARE(inboxDelete.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(store->deleteFolder(alice, QStringLiteral("Nope")).error().code, ErrorCode::NotFound);

        auto parent = store->createFolder(alice, QStringLiteral("Clients"), SpecialUse::None);
        QVERIFY_OK(store->createFolder(alice, QStringLiteral("Clients/Acme"), SpecialUse::None));
        QVERIFY_OK(store->append(parent->id, message("in parent"), {}));
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Clients")));

        // With children: messages go, the folder stays as \Noselect.
        QVERIFY_OK(store->deleteFolder(alice, QStringLiteral("Clients")));
        auto noselect = store->findFolder(alice, QStringLiteral("Clients"));
        QVERIFY_OK(noselect);
        QVERIFY(!noselect->selectable);
        QCOMPARE(noselect->messageCount, 0);
        QVERIFY(noselect->hasChildren);
        auto append = store->append(parent->id, message("refused"), {});
        QCOMPARE(append.error().code, ErrorCode::InvalidArgument);
        QVERIFY(append.error().message.contains(QLatin1String("Noselect")));
        QCOMPARE(countFiles(store->directory() + QStringLiteral("/messages"), QStringLiteral("*.eml")), 0);
        // Deleting a \Noselect folder that still has children is an error.
        QCOMPARE(store->deleteFolder(alice, QStringLiteral("Clients")).error().code, ErrorCode::InvalidArgument);

        // Creating it again makes it a normal folder, a new mailbox for clients.
        auto revived = store->createFolder(alice, QStringLiteral("Clients"), SpecialUse::None);
        QVERIFY_OK(revived);
        QVERIFY(revived->selectable);
        QCOMPARE(revived->id, parent->id);
        QVERIFY(revived->uidValidity != parent->uidValidity);

        // A leaf goes entirely; its subscription stays (RFC 3501 6.3.9).
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Clients/Acme")));
        QVERIFY_OK(store->deleteFolder(alice, QStringLiteral("Clients/Acme")));
        QCOMPARE(store->findFolder(alice, QStringLiteral("Clients/Acme")).error().code, ErrorCode::NotFound);
        QVERIFY(store->subscriptions(alice)->contains(QStringLiteral("Clients/Acme")));
        QVERIFY(!store->findFolder(alice, QStringLiteral("Clients"))->hasChildren);
    }

    void renameMovesChildrenAndSubscriptions()
    {
        OPEN_STORE(store, freshDir(), options());
        auto work = store->createFolder(alice, QStringLiteral("Work"), SpecialUse::None);
        auto sub = store->createFolder(alice, QStringLiteral("Work/Acme"), SpecialUse::None);
        QVERIFY_OK(store->createFolder(alice, QStringLiteral("Workshop"), SpecialUse::None));
        QVERIFY_OK(store->append(sub->id, message("acme"), {}));
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Work/Acme")));

        QCOMPARE(store->renameFolder(alice, QStringLiteral("Work"), QStringLiteral("Work/Inner")).error().code,
            ErrorCode::InvalidArgument);
        QCOMPARE(store->renameFolder(alice, QStringLiteral("Work"), QStringLiteral("Workshop")).error().code,
            ErrorCode::AlreadyExists);
        QCOMPARE(store->renameFolder(alice, QStringLiteral("Missing"), QStringLiteral("X")).error().code,
            ErrorCode::NotFound);

        QVERIFY_OK(store->renameFolder(alice, QStringLiteral("Work"), QStringLiteral("Archive/2025/Work")));
        auto folders = store->listFolders(alice);
        QCOMPARE(names(*folders),
            (QStringList { QStringLiteral("Archive"), QStringLiteral("Archive/2025"),
                QStringLiteral("Archive/2025/Work"), QStringLiteral("Archive/2025/Work/Acme"),
                QStringLiteral("Workshop") }));
        const FolderInfo* moved = byName(*folders, QStringLiteral("Archive/2025/Work/Acme"));
        QCOMPARE(moved->id, sub->id);
        QCOMPARE(moved->uidValidity, sub->uidValidity); // same mailbox, new name
        QCOMPARE(moved->messageCount, 1);
        QCOMPARE(byName(*folders, QStringLiteral("Archive/2025/Work"))->id, work->id);
        QCOMPARE(*store->subscriptions(alice), QStringList { QStringLiteral("Archive/2025/Work/Acme") });
    }

    void renamingInboxMovesItsMessages()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->ensureOwner(alice));
        auto inbox = store->findFolder(alice, QStringLiteral("INBOX"));
        QVERIFY_OK(store->createFolder(alice, QStringLiteral("INBOX/Keep"), SpecialUse::None));
        for (int i = 0; i < 3; ++i)
            QVERIFY_OK(store->append(
                inbox->id, message("m" + QByteArray::number(i)), { { QStringLiteral("\\Seen") }, {}, 0, 0 }));
        const QByteArray secondBody = *store->readMessage(inbox->id, 2);
        QSignalSpy folderSpy(store->notifier(), &StoreNotifier::folderChanged);

        QVERIFY_OK(store->renameFolder(alice, QStringLiteral("Inbox"), QStringLiteral("Old Mail")));

        auto after = store->findFolder(alice, QStringLiteral("INBOX"));
        QVERIFY_OK(after);
        QCOMPARE(after->id, inbox->id);
        QCOMPARE(after->role, SpecialUse::Inbox);
        QCOMPARE(after->messageCount, 0);
        QCOMPARE(after->uidValidity, inbox->uidValidity);
        QCOMPARE(after->uidNext, 4u); // UIDs are not reused in INBOX
        QVERIFY(after->highestModSeq > inbox->highestModSeq);
        QVERIFY(after->hasChildren); // INBOX/Keep stays where it was
        auto vanished = store->expungedSince(inbox->id, 0);
        QCOMPARE(*vanished, (std::vector<quint32> { 1, 2, 3 }));
        QCOMPARE(folderSpy.count(), 1);
        QCOMPARE(folderSpy.at(0).at(2).value<StoreNotifier::Change>(), StoreNotifier::Change::Expunged);

        auto old = store->findFolder(alice, QStringLiteral("Old Mail"));
        QVERIFY_OK(old);
        QCOMPARE(old->role, SpecialUse::None);
        QCOMPARE(old->messageCount, 3);
        QCOMPARE(old->unseenCount, 0);
        QVERIFY(old->uidValidity != inbox->uidValidity);
        QCOMPARE(*store->readMessage(old->id, 2), secondBody);
        // The next delivery to INBOX continues its UID sequence.
        auto next = store->append(inbox->id, message("new"), {});
        QCOMPARE(next->uid, 4u);
    }

    void subscriptions()
    {
        OPEN_STORE(store, freshDir(), options());
        QVERIFY_OK(store->createFolder(alice, QStringLiteral("Lists"), SpecialUse::None));
        QCOMPARE(store->subscribe(alice, QStringLiteral("Missing")).error().code, ErrorCode::NotFound);
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Lists")));
        QVERIFY_OK(store->subscribe(alice, QStringLiteral("Lists"))); // idempotent
        QCOMPARE(*store->subscriptions(alice), QStringList { QStringLiteral("Lists") });
        QVERIFY(store->findFolder(alice, QStringLiteral("Lists"))->subscribed);
        QVERIFY_OK(store->unsubscribe(alice, QStringLiteral("Lists")));
        QVERIFY(store->subscriptions(alice)->isEmpty());
        QVERIFY(!store->findFolder(alice, QStringLiteral("Lists"))->subscribed);
    }
};

QTEST_GUILESS_MAIN(TestStoreFolders)
#include "TestStoreFolders.moc"
