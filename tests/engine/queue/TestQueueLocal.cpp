// Local delivery through the queue into a real store: byte-exact INBOX delivery, aliases,
// quota, unknown recipients, restarts, and the intent record that prevents a second copy.
#include <QJsonDocument>
#include <QSignalSpy>

#include "QueueTestFixture.h"

using namespace tegami;
using namespace tegami::queuetest;

class TestQueueLocal : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversByteExactIntoInbox()
    {
        QueueFixture f;
        QVERIFY(f.open());
        QSignalSpy delivered(f.queue.get(), &DeliveryQueue::recipientDelivered);
        QSignalSpy finished(f.queue.get(), &DeliveryQueue::messageFinished);
        // Bytes a store could be tempted to change: 8-bit text, lines of dots, trailing blanks.
        const QByteArray bytes = message("exact", "caf\xc3\xa9\r\n..\r\n.\r\ntrailing \t \r\n\r\n");
        const QString id = f.submit(envelope(bob, { alice }), bytes);
        QVERIFY(!id.isEmpty());
        // The commit only queues: delivery happens on the next event loop turn.
        QVERIFY(f.inbox(alice).isEmpty());
        QCOMPARE(f.queue->messageCount(), 1);
        QTRY_COMPARE(f.inbox(alice).size(), 1);
        QCOMPARE(f.inbox(alice).first(), bytes);
        QCOMPARE(delivered.size(), 1);
        QCOMPARE(delivered[0][0].toString(), id);
        QCOMPARE(delivered[0][1].toString(), alice);
        QCOMPARE(delivered[0][2].toBool(), false);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(f.queue->messageCount(), 0);
        QCOMPARE(countFiles(f.queue->spool().messagesDir()), 0); // the spool removed its copy
        QVERIFY(f.noted(QStringLiteral("queue %1: delivered to <%2>").arg(id, alice)));
        QVERIFY(f.reports(bob).isEmpty()); // no NOTIFY: no success report
        QCOMPARE(f.queue->counters().deliveredLocalToday, 1);
        QCOMPARE(f.queue->counters().receivedToday, 1);
    }

    void aliasExpandsToMailboxesAndRemoteTargets()
    {
        QueueFixture f;
        QVERIFY(f.open());
        // alice directly and through the alias: she gets one copy.
        Envelope env = envelope(dave, { alice, team });
        env.recipients[1].notify = DsnNotifyFailure;
        const QString id = f.submit(env, message("alias"));
        f.queue->processDue();
        QCOMPARE(f.inbox(alice).size(), 1);
        QCOMPARE(f.inbox(bob).size(), 1);
        const QueueEntry* e = f.queue->find(id);
        QVERIFY(e); // carol is still waiting for the remote attempt
        QCOMPARE(e->recipients.size(), size_t(3));
        const QueueRecipient* c = f.recipient(id, carol);
        QVERIFY(c);
        QCOMPARE(c->kind, RecipientKind::Remote);
        QCOMPARE(c->original, team);
        QCOMPARE(c->notify, int(DsnNotifyFailure));
        QCOMPARE(f.recipient(id, bob)->original, team);
        QCOMPARE(f.recipient(id, alice)->original, alice);
        // The remote target goes out with the alias as its ORCPT.
        QCOMPARE(f.transport.open.size(), size_t(1));
        const RemoteDelivery& d = f.transport.open.begin()->second.delivery;
        QCOMPARE(d.domain, QStringLiteral("remote.example"));
        QCOMPARE(d.recipients.size(), size_t(1));
        QCOMPARE(d.recipients[0].address, carol);
        QCOMPARE(d.recipients[0].orcpt, QStringLiteral("rfc822;") + team);
        QCOMPARE(d.sender, dave);
        QVERIFY(f.noted(QStringLiteral("<%1> expands to").arg(team)));
        QVERIFY(f.transport.completeOldest(RecipientResult::Status::Delivered, 250, "2.0.0", "ok"));
        QVERIFY(!f.queue->find(id));
    }

    void overQuotaIsRetriedThenBounced()
    {
        QueueFixture f;
        f.options.retrySecs = 600;
        f.options.maxRetrySecs = 3600;
        f.options.delayNoticeHours = 0;
        f.options.maxQueueHours = 2;
        QVERIFY(f.open());
        MailboxChanges quota;
        quota.quotaBytes = 1000;
        QUEUE_VERIFY_OK(f.accounts->updateMailbox(alice, quota));
        AppendOptions fill;
        QUEUE_VERIFY_OK(f.store->append(f.inboxId(alice), QByteArray(900, 'x'), fill));

        const QString id = f.submit(envelope(bob, { alice }), message("full"));
        f.queue->processDue();
        const QueueRecipient* r = f.recipient(id, alice);
        QVERIFY(r);
        QCOMPARE(r->state, RecipientState::Pending);
        QCOMPARE(r->status, QStringLiteral("4.2.2"));
        QVERIFY(r->lastError.contains(QLatin1String("is full")));
        QCOMPARE(r->attempts, 1);
        QCOMPARE(r->nextAttempt, f.clock.now().addSecs(600));
        QCOMPARE(f.inbox(alice).size(), 1);

        f.clock.advanceSecs(600);
        f.queue->processDue();
        QCOMPARE(f.recipient(id, alice)->attempts, 2);
        QCOMPARE(f.recipient(id, alice)->nextAttempt, f.clock.now().addSecs(1200));

        // Still full when the lifetime ends: the sender gets the message back.
        f.clock.advanceSecs(7200);
        f.run();
        QVERIFY(!f.queue->find(id));
        const QList<QByteArray> reports = f.reports(bob);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Status: 4.4.7"));
        QVERIFY(reports[0].contains("Action: failed"));
        QVERIFY(reports[0].contains("Delivery time expired"));
        QVERIFY(reports[0].contains("is full"));
        QCOMPARE(f.inbox(alice).size(), 1);
    }

    void largerThanTheWholeQuotaFailsAtOnce()
    {
        QueueFixture f;
        QVERIFY(f.open());
        MailboxChanges quota;
        quota.quotaBytes = 100;
        QUEUE_VERIFY_OK(f.accounts->updateMailbox(alice, quota));
        const QString id = f.submit(envelope(bob, { alice }), message("huge", QByteArray(500, 'y') + "\r\n"));
        f.run();
        QVERIFY(!f.queue->find(id));
        QVERIFY(f.inbox(alice).isEmpty());
        const QList<QByteArray> reports = f.reports(bob);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Status: 5.2.2"));
        QVERIFY(reports[0].contains("larger than the whole storage quota"));
        QCOMPARE(f.queue->counters().bouncedToday, 1);
    }

    void recipientRemovedSinceRcptBounces()
    {
        QueueFixture f;
        QVERIFY(f.open());
        NewMailbox gone;
        gone.address = QStringLiteral("gone@example.com");
        gone.password = QStringLiteral("correct horse battery");
        QUEUE_VERIFY_OK(f.accounts->addMailbox(gone));
        Envelope env = envelope(bob, { gone.address, alice });
        env.recipients[0].orcpt = QStringLiteral("rfc822;Gone@Example.com");
        env.envId = QStringLiteral("ENV-42");
        const QString id = f.submit(env, message("gone"));
        QUEUE_VERIFY_OK(f.accounts->removeMailbox(gone.address));
        QSignalSpy failed(f.queue.get(), &DeliveryQueue::recipientFailed);
        f.run();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed[0][1].toString(), gone.address);
        QCOMPARE(f.inbox(alice).size(), 1);
        const QList<QByteArray> reports = f.reports(bob);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Status: 5.1.1"));
        QVERIFY(reports[0].contains("Final-Recipient: rfc822; gone@example.com"));
        QVERIFY(reports[0].contains("Original-Recipient: rfc822;Gone@Example.com"));
        QVERIFY(reports[0].contains("Original-Envelope-Id: ENV-42"));
        QVERIFY(!reports[0].contains("Final-Recipient: rfc822; alice@example.com")); // only the failed one
        QVERIFY(f.noted(QStringLiteral("queue %1: <gone@example.com> failed permanently (5.1.1)").arg(id)));
    }

    void successNoticeWhenAskedFor()
    {
        QueueFixture f;
        QVERIFY(f.open());
        f.submit(envelope(bob, { alice }, DsnNotifySuccess), message("success"));
        f.run();
        QCOMPARE(f.inbox(alice).size(), 1);
        const QList<QByteArray> reports = f.reports(bob);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Action: delivered"));
        QVERIFY(reports[0].contains("Status: 2.0.0"));
        QVERIFY(reports[0].contains("Content-Type: text/rfc822-headers"));
        QVERIFY(reports[0].contains("Subject: Successful Mail Delivery Report"));
    }

    void notifyNeverAndNullSenderGetNoBounce()
    {
        QueueFixture f;
        QVERIFY(f.open());
        f.submit(envelope(bob, { QStringLiteral("nobody@example.com") }, DsnNotifyNever), message("never"));
        const QString bounceId
            = f.submit(envelope(QString(), { QStringLiteral("nobody@example.com") }), message("null"));
        f.run();
        QCOMPARE(f.queue->messageCount(), 0);
        QVERIFY(f.reports(bob).isEmpty());
        QCOMPARE(f.queue->counters().bouncedToday, 2);
        QVERIFY(f.noted(
            QStringLiteral("queue %1: no delivery report sent: the message has the null sender").arg(bounceId)));
    }

    void pendingEntryIsDeliveredAfterRestart()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QByteArray bytes = message("restart");
        const QString id = f.submit(envelope(bob, { alice, bob }), bytes);
        // Stopped before the event loop ran: nothing delivered yet.
        QVERIFY(f.reopen());
        QCOMPARE(f.queue->messageCount(), 1);
        QVERIFY(f.queue->find(id));
        QTRY_COMPARE(f.inbox(alice).size(), 1);
        QCOMPARE(f.inbox(alice).first(), bytes);
        QCOMPARE(f.inbox(bob).size(), 1);
        QCOMPARE(f.queue->messageCount(), 0);
    }

    // A crash after the last recipient's state was saved but before the entry was removed:
    // the restarted queue removes it, and delivers nothing again.
    void finishedEntryIsRemovedAfterRestart()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(bob, { alice }), message("finished"));
        const QString statePath = f.queue->spool().statePath(id);
        const QString messagePath = f.queue->spool().messagePath(id);
        f.queue.reset(); // "crash" before delivery; then the state as a finished delivery left it
        QFile file(statePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray recipients = state.value(QStringLiteral("recipients")).toArray();
        QJsonObject r = recipients[0].toObject();
        r.insert(QStringLiteral("kind"), QStringLiteral("local"));
        r.insert(QStringLiteral("state"), QStringLiteral("delivered"));
        r.insert(QStringLiteral("notified"), true);
        recipients[0] = r;
        state.insert(QStringLiteral("recipients"), recipients);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(state).toJson());
        file.close();

        QVERIFY(f.reopen());
        f.run();
        QCOMPARE(f.queue->messageCount(), 0);
        QVERIFY(!QFile::exists(statePath));
        QVERIFY(!QFile::exists(messagePath));
        QVERIFY(f.inbox(alice).isEmpty()); // not delivered a second time
    }

    // A crash after the store append but before the state write leaves an intent record;
    // the restarted queue finds the message in the INBOX and does not store it again.
    void intentRecordPreventsSecondCopy()
    {
        QueueFixture f;
        QVERIFY(f.open());
        // Without a final CRLF (BDAT allows that): the store adds one, the check allows for it.
        const QByteArray bytes = message("intent", "no final line end");
        const QString stored = f.submit(envelope(bob, { alice }), bytes);
        const QString notStored = f.submit(envelope(bob, { alice }), message("intent-2"));
        const QString statePath = f.queue->spool().statePath(stored);
        const QString statePath2 = f.queue->spool().statePath(notStored);
        const QString messagePath = f.queue->spool().messagePath(stored);
        f.queue.reset(); // "crash" before delivery

        Result<FolderInfo> inbox = f.store->findFolderByRole(alice, SpecialUse::Inbox);
        if (!inbox) {
            QUEUE_VERIFY_OK(f.store->ensureOwner(alice));
            inbox = f.store->findFolderByRole(alice, SpecialUse::Inbox);
        }
        QUEUE_VERIFY_OK(inbox);
        for (const QString& path : { statePath, statePath2 }) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
            file.close();
            QJsonArray recipients = state.value(QStringLiteral("recipients")).toArray();
            QJsonObject r = recipients[0].toObject();
            r.insert(QStringLiteral("kind"), QStringLiteral("local"));
            r.insert(QStringLiteral("intentFolderId"), inbox->id);
            r.insert(QStringLiteral("intentUidValidity"), qint64(inbox->uidValidity));
            r.insert(QStringLiteral("intentUidNext"), qint64(inbox->uidNext));
            recipients[0] = r;
            state.insert(QStringLiteral("recipients"), recipients);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(state).toJson());
        }
        // The first append happened before the crash; the second did not.
        QUEUE_VERIFY_OK(f.store->appendFile(inbox->id, messagePath, AppendOptions()));

        QVERIFY(f.reopen());
        f.run();
        const QList<QByteArray> messages = f.inbox(alice);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0], bytes + "\r\n");
        QCOMPARE(messages[1], message("intent-2"));
        QVERIFY(f.noted(QStringLiteral("found in the INBOX of %1 after a restart").arg(alice)));
        QCOMPARE(f.queue->messageCount(), 0);
    }

    void notesEveryStepWithTheQueueId()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(bob, { alice }), message("notes"));
        f.run();
        QVERIFY(f.noted(QStringLiteral("queue %1: queued").arg(id)));
        QVERIFY(f.noted(QStringLiteral("via submission from 192.0.2.7, user %1, session 3f2a").arg(bob)));
        QVERIFY(f.noted(QStringLiteral("queue %1: finished").arg(id)));
    }
};

QTEST_GUILESS_MAIN(TestQueueLocal)
#include "TestQueueLocal.moc"
