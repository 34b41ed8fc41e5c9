// Remote delivery through a fake transport: grouping by domain, results, back-off times on a
// manual clock, expiry, delay notices, concurrency, and the control operations.
#include <QSignalSpy>

#include "QueueTestFixture.h"

using namespace tegami;
using namespace tegami::queuetest;

using Status = RecipientResult::Status;

class TestQueueRemote : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groupsByDomainAndDelivers()
    {
        QueueFixture f;
        QVERIFY(f.open());
        QSignalSpy delivered(f.queue.get(), &DeliveryQueue::recipientDelivered);
        Envelope env = envelope(alice, { carol, QStringLiteral("erin@remote.example"), dave });
        env.envId = QStringLiteral("ENV1");
        env.ret = DsnRet::Full;
        env.eightBitMime = true;
        const QByteArray bytes = message("remote");
        const QString id = f.submit(env, bytes);
        f.queue->processDue();
        QCOMPARE(f.transport.open.size(), size_t(2));
        QCOMPARE(f.queue->attemptsInFlight(), 2);
        const RemoteDelivery& first = f.transport.history[0];
        const RemoteDelivery& second = f.transport.history[1];
        QCOMPARE(first.domain, QStringLiteral("other.example"));
        QCOMPARE(first.recipients.size(), size_t(1));
        QCOMPARE(second.domain, QStringLiteral("remote.example"));
        QCOMPARE(second.recipients.size(), size_t(2));
        QCOMPARE(second.queueId, id);
        QCOMPARE(second.sender, alice);
        QCOMPARE(second.envId, QStringLiteral("ENV1"));
        QCOMPARE(second.ret, DsnRet::Full);
        QVERIFY(second.eightBitMime);
        QCOMPARE(second.size, bytes.size());
        QFile file(second.messagePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);

        // In flight: not started again.
        f.queue->processDue();
        QCOMPARE(f.transport.history.size(), size_t(2));
        QVERIFY(f.transport.completeAll(Status::Delivered, 250, "2.0.0", "queued as 123"));
        QCOMPARE(delivered.size(), 3);
        QVERIFY(delivered[0][2].toBool());
        QVERIFY(!f.queue->find(id));
        QCOMPARE(f.queue->counters().sentRemoteToday, 3);
        QVERIFY(f.noted(
            QStringLiteral("queue %1: delivered to <%2>: mx.remote.example [192.0.2.25] answered 250").arg(id, carol)));
        QVERIFY(f.reports(alice).isEmpty());
    }

    void temporaryFailuresBackOff()
    {
        QueueFixture f;
        f.options.retrySecs = 300;
        f.options.maxRetrySecs = 1000;
        f.options.delayNoticeHours = 0;
        QVERIFY(f.open());
        QSignalSpy deferred(f.queue.get(), &DeliveryQueue::recipientDeferred);
        const QString id = f.submit(envelope(alice, { carol }), message("greylisted"));
        const QDateTime start = f.clock.now();
        f.queue->processDue();
        const qint64 expectedWaits[] = { 300, 600, 1000, 1000 };
        qint64 elapsed = 0;
        for (qint64 wait : expectedWaits) {
            QVERIFY(f.transport.completeOldest(Status::TemporaryFailure, 451, "4.7.1", "greylisted, try later"));
            const QueueRecipient* r = f.recipient(id, carol);
            QVERIFY(r);
            QCOMPARE(r->nextAttempt, start.addSecs(elapsed + wait));
            QCOMPARE(r->status, QStringLiteral("4.7.1"));
            QCOMPARE(r->replyCode, 451);
            QCOMPARE(r->remoteHost, QStringLiteral("mx.remote.example [192.0.2.25]"));
            // Not before it is due.
            f.clock.advanceSecs(wait - 1);
            f.queue->processDue();
            QVERIFY(f.transport.open.empty());
            f.clock.advanceSecs(1);
            elapsed += wait;
            QCOMPARE(f.queue->nextDue(), f.clock.now());
            f.queue->processDue();
            QCOMPARE(f.transport.open.size(), size_t(1));
        }
        QCOMPARE(deferred.size(), 4);
        QCOMPARE(deferred[0][3].toDateTime(), start.addSecs(300));
        const QJsonObject listed = f.queue->list().at(0).toObject();
        const QJsonObject rcpt = listed.value(QStringLiteral("recipients")).toArray().at(0).toObject();
        QCOMPARE(rcpt.value(QStringLiteral("attempts")).toInt(), 4);
        QCOMPARE(rcpt.value(QStringLiteral("lastError")).toString(), QStringLiteral("greylisted, try later"));
        QCOMPARE(rcpt.value(QStringLiteral("inFlight")).toBool(), true);
        QCOMPARE(f.queue->counters().deferredToday, 4);
        QVERIFY(f.noted(QStringLiteral("queue %1: <%2> deferred (attempt 1) by mx.remote.example [192.0.2.25]: 451 "
                                       "greylisted, try later; next attempt at 2026-01-01T00:05:00Z")
                            .arg(id, carol)));
    }

    void permanentFailureBouncesWithTheRemoteReply()
    {
        QueueFixture f;
        QVERIFY(f.open());
        Envelope env = envelope(alice, { carol, dave });
        env.recipients[0].orcpt = QStringLiteral("rfc822;Carol@Remote.example");
        const QByteArray bytes = message("rejected");
        const QString id = f.submit(env, bytes);
        f.queue->processDue();
        // dave's domain answers first and accepts; carol's rejects.
        QVERIFY(f.transport.completeOldest(Status::Delivered, 250, "2.0.0", "ok", "mx.other.example [192.0.2.30]"));
        QVERIFY(
            f.transport.completeOldest(Status::PermanentFailure, 550, "5.1.1", "<carol@remote.example>: User unknown"));
        f.run();
        QVERIFY(!f.queue->find(id));
        const QList<QByteArray> reports = f.reports(alice);
        QCOMPARE(reports.size(), 1);
        const QByteArray& dsn = reports[0];
        QVERIFY(dsn.contains("Final-Recipient: rfc822; carol@remote.example"));
        QVERIFY(dsn.contains("Original-Recipient: rfc822;Carol@Remote.example"));
        QVERIFY(dsn.contains("Remote-MTA: dns; mx.remote.example\r\n"));
        QVERIFY(dsn.contains("Diagnostic-Code: smtp; 550 5.1.1 <carol@remote.example>: User unknown"));
        QVERIFY(dsn.contains("Status: 5.1.1"));
        QVERIFY(!dsn.contains("dave@other.example"));
        QVERIFY(dsn.contains("Content-Type: message/rfc822"));
        QVERIFY(dsn.contains(bytes));
        QVERIFY(dsn.contains("The mail server mx.remote.example [192.0.2.25] answered: 550 5.1.1"));
        QCOMPARE(f.queue->counters().bouncedToday, 1);
        QCOMPARE(f.queue->counters().sentRemoteToday, 1);
    }

    void expiresAfterMaxQueueHours()
    {
        QueueFixture f;
        f.options.retrySecs = 1200;
        f.options.maxRetrySecs = 1200;
        f.options.maxQueueHours = 1;
        f.options.delayNoticeHours = 0;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(alice, { carol }), message("expiring"));
        const QDateTime start = f.clock.now();
        f.queue->processDue();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(f.transport.completeOldest(Status::TemporaryFailure, 421, "4.3.2", "too busy"));
            f.clock.advanceSecs(1200);
            f.queue->processDue();
        }
        // The third wait ends exactly at the lifetime: no fourth attempt, a bounce instead.
        QCOMPARE(f.clock.now(), start.addSecs(3600));
        QVERIFY(f.transport.open.empty());
        QCOMPARE(f.transport.history.size(), size_t(3));
        f.run();
        QVERIFY(!f.queue->find(id));
        const QList<QByteArray> reports = f.reports(alice);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Status: 4.4.7"));
        QVERIFY(reports[0].contains("Action: failed"));
        QVERIFY(reports[0].contains("Diagnostic-Code: smtp; 421 4.3.2 too busy"));
        QVERIFY(reports[0].contains("Delivery time expired: the server tried for 1 hour without success"));
        QVERIFY(f.noted(
            QStringLiteral("queue %1: <%2> gave up: still not delivered after 1 hours in the queue").arg(id, carol)));
    }

    void delayNoticeIsSentOnce()
    {
        QueueFixture f;
        f.options.retrySecs = 900;
        f.options.maxRetrySecs = 900;
        f.options.delayNoticeHours = 1;
        f.options.maxQueueHours = 10;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(alice, { carol }), message("slow"));
        f.queue->processDue();
        for (int i = 0; i < 8; ++i) {
            QVERIFY(f.transport.completeOldest(Status::TemporaryFailure, 451, "4.4.1", "no answer from host"));
            f.clock.advanceSecs(900);
            f.run();
        }
        QList<QByteArray> reports = f.reports(alice);
        QCOMPARE(reports.size(), 1);
        QVERIFY(reports[0].contains("Action: delayed"));
        QVERIFY(reports[0].contains("Will-Retry-Until: Thu, 01 Jan 2026 10:00:00 +0000"));
        QVERIFY(reports[0].contains("Subject: Delayed Mail (still being retried)"));
        QVERIFY(reports[0].contains("Content-Type: text/rfc822-headers"));
        QVERIFY(f.recipient(id, carol)->delayNoticeSent);
        QVERIFY(f.transport.completeOldest(Status::Delivered, 250, "2.0.0", "ok"));
        f.run();
        QVERIFY(!f.queue->find(id));
        QCOMPARE(f.reports(alice).size(), 1);
    }

    void notifyNeverSuppressesReports()
    {
        QueueFixture f;
        f.options.delayNoticeHours = 1;
        QVERIFY(f.open());
        f.submit(envelope(alice, { carol }, DsnNotifyNever), message("quiet"));
        f.queue->processDue();
        QVERIFY(f.transport.completeOldest(Status::TemporaryFailure, 451, "4.0.0", "later"));
        f.clock.advanceSecs(7200);
        f.run();
        QVERIFY(f.transport.completeOldest(Status::PermanentFailure, 550, "5.7.1", "refused"));
        f.run();
        QCOMPARE(f.queue->messageCount(), 0);
        QVERIFY(f.reports(alice).isEmpty());
    }

    void withoutTransportRemoteMailWaits()
    {
        QueueFixture f;
        f.options.retrySecs = 60;
        QVERIFY(f.open(false));
        const QString id = f.submit(envelope(alice, { carol, bob }), message("waiting"));
        f.queue->processDue();
        QCOMPARE(f.inbox(bob).size(), 1);
        const QueueRecipient* r = f.recipient(id, carol);
        QVERIFY(r);
        QCOMPARE(r->state, RecipientState::Pending);
        QVERIFY(r->lastError.contains(QLatin1String("outbound delivery is not configured")));
        QCOMPARE(r->nextAttempt, f.clock.now().addSecs(60));
        f.queue->setTransport(&f.transport);
        QUEUE_VERIFY_OK(f.queue->retryNow(id));
        f.queue->processDue();
        QCOMPARE(f.transport.open.size(), size_t(1));
    }

    void respectsTheConcurrencyLimit()
    {
        QueueFixture f;
        f.options.maxConcurrentDeliveries = 2;
        QVERIFY(f.open());
        for (int i = 0; i < 4; ++i)
            f.submit(envelope(alice, { QStringLiteral("user@d%1.example").arg(i) }), message("limit"));
        f.queue->processDue();
        QCOMPARE(f.transport.open.size(), size_t(2));
        QVERIFY(f.transport.completeOldest(Status::Delivered, 250, "2.0.0", "ok"));
        QCOMPARE(f.transport.open.size(), size_t(1));
        QTRY_COMPARE(f.transport.open.size(), size_t(2)); // the freed slot is used on the next turn
        QCOMPARE(f.transport.history.size(), size_t(3));
        QVERIFY(f.transport.completeAll(Status::Delivered, 250, "2.0.0", "ok"));
        QTRY_COMPARE(f.transport.history.size(), size_t(4));
        QVERIFY(f.transport.completeAll(Status::Delivered, 250, "2.0.0", "ok"));
        QCOMPARE(f.queue->messageCount(), 0);
    }

    void missingResultIsTemporary()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(alice, { carol, QStringLiteral("erin@remote.example") }), message("half"));
        f.queue->processDue();
        QCOMPARE(f.transport.open.size(), size_t(1));
        FakeTransport::Call call = std::move(f.transport.open.begin()->second);
        f.transport.open.clear();
        call.done({ RecipientResult { carol, Status::Delivered, 250, "2.0.0", "ok", "mx" } });
        QCOMPARE(f.recipient(id, carol)->state, RecipientState::Delivered);
        const QueueRecipient* erin = f.recipient(id, QStringLiteral("erin@remote.example"));
        QCOMPARE(erin->state, RecipientState::Pending);
        QVERIFY(erin->lastError.contains(QLatin1String("no result")));
    }

    void listRetryAndRemove()
    {
        QueueFixture f;
        f.options.retrySecs = 3600;
        QVERIFY(f.open());
        QSignalSpy finished(f.queue.get(), &DeliveryQueue::messageFinished);
        const QString first = f.submit(envelope(alice, { carol }), message("first"));
        const QString second = f.submit(envelope(alice, { dave }), message("second"));
        f.queue->processDue();
        QVERIFY(f.transport.completeOldest(Status::TemporaryFailure, 451, "4.0.0", "later"));

        const QJsonArray list = f.queue->list();
        QCOMPARE(list.size(), 2);
        const QJsonObject one = list.at(0).toObject();
        QCOMPARE(one.value(QStringLiteral("id")).toString(), first);
        QCOMPARE(one.value(QStringLiteral("sender")).toString(), alice);
        QCOMPARE(one.value(QStringLiteral("via")).toString(), QStringLiteral("submission"));
        QCOMPARE(one.value(QStringLiteral("user")).toString(), alice);
        QCOMPARE(one.value(QStringLiteral("remoteAddress")).toString(), QStringLiteral("192.0.2.7"));
        QCOMPARE(one.value(QStringLiteral("size")).toInteger(), message("first").size());
        QCOMPARE(one.value(QStringLiteral("receivedAt")).toString(), QStringLiteral("2026-01-01T00:00:00Z"));
        const QJsonObject r = one.value(QStringLiteral("recipients")).toArray().at(0).toObject();
        QCOMPARE(r.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(r.value(QStringLiteral("kind")).toString(), QStringLiteral("remote"));
        QCOMPARE(r.value(QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(r.value(QStringLiteral("nextAttempt")).toString(), QStringLiteral("2026-01-01T01:00:00Z"));
        QCOMPARE(r.value(QStringLiteral("lastError")).toString(), QStringLiteral("later"));
        QUEUE_VERIFY_OK(f.queue->entryJson(second));
        QCOMPARE(f.queue->entryJson(QStringLiteral("nope")).error().code, ErrorCode::NotFound);

        // Retry now: the waiting one starts again without waiting an hour.
        QUEUE_VERIFY_OK(f.queue->retryNow(first));
        f.queue->processDue();
        QCOMPARE(f.transport.open.size(), size_t(2));
        QCOMPARE(f.queue->retryAll(), 2);

        // Deleting cancels the attempt in flight and removes the files.
        const quint64 handle = f.transport.open.begin()->first;
        const QString messagePath = f.queue->spool().messagePath(second);
        QCOMPARE(f.transport.open.begin()->second.delivery.queueId, second);
        QUEUE_VERIFY_OK(f.queue->remove(second, QStringLiteral("control:admin@example.com")));
        QVERIFY(f.transport.cancelled.contains(handle));
        QVERIFY(!QFile::exists(messagePath));
        QVERIFY(!f.queue->find(second));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toString(), second);
        QCOMPARE(f.queue->remove(second, QString()).error().code, ErrorCode::NotFound);
        QVERIFY(f.noted(QStringLiteral("queue %1: deleted by control:admin@example.com").arg(second)));
        QCOMPARE(f.queue->messageCount(), 1);
        QVERIFY(f.reports(alice).isEmpty()); // deleting sends no bounce

        // A restart keeps the other one, with its state.
        QVERIFY(f.reopen());
        QCOMPARE(f.queue->messageCount(), 1);
        QCOMPARE(f.recipient(first, carol)->attempts, 1);
    }

    void bounceToARemoteSenderGoesOutWithTheNullSender()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(dave, { QStringLiteral("nobody@example.com") }), message("unknown"));
        f.queue->processDue(); // the failure, and its DSN queued
        f.queue->processDue(); // the DSN goes out
        QVERIFY(!f.queue->find(id));
        QCOMPARE(f.transport.open.size(), size_t(1));
        const RemoteDelivery& d = f.transport.open.begin()->second.delivery;
        QVERIFY(d.sender.isEmpty());
        QCOMPARE(d.domain, QStringLiteral("other.example"));
        QCOMPARE(d.recipients.size(), size_t(1));
        QCOMPARE(d.recipients[0].address, dave);
        QFile file(d.messagePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray dsn = file.readAll();
        QVERIFY(dsn.contains("To: <dave@other.example>"));
        QVERIFY(dsn.contains("Status: 5.1.1"));
        // If the bounce itself cannot be delivered, nothing is sent back (it would loop).
        QVERIFY(f.transport.completeOldest(Status::PermanentFailure, 550, "5.1.1", "no such user"));
        f.run();
        QCOMPARE(f.queue->messageCount(), 0);
        QVERIFY(f.transport.open.empty());
        QVERIFY(f.noted(QStringLiteral("no delivery report sent: the message has the null sender")));
    }

    void slotsMayRemoveWhileTheQueueWorks()
    {
        QueueFixture f;
        QVERIFY(f.open());
        const QString id = f.submit(envelope(alice, { carol, bob }), message("removed by a slot"));
        connect(f.queue.get(), &DeliveryQueue::recipientDelivered, f.queue.get(),
            [&](const QString& which, const QString&, bool) { QUEUE_VERIFY_OK(f.queue->remove(which, "slot")); });
        f.queue->processDue(); // bob delivered; the slot removes the message with carol's attempt in flight
        QVERIFY(!f.queue->find(id));
        QCOMPARE(f.transport.cancelled.size(), 1);
        QVERIFY(f.transport.open.empty());
        QCOMPARE(f.inbox(bob).size(), 1);
    }

    void countersTrackTheDay()
    {
        QueueFixture f;
        QVERIFY(f.open());
        QSignalSpy changed(f.queue.get(), &DeliveryQueue::countersChanged);
        f.submit(envelope(alice, { bob, carol, QStringLiteral("nobody@example.com") }), message("count"));
        f.queue->processDue();
        QVERIFY(f.transport.completeOldest(Status::Delivered, 250, "2.0.0", "ok"));
        f.run();
        QueueCounters c = f.queue->counters();
        QCOMPARE(c.receivedToday, 1); // the bounce to alice is not counted as received
        QCOMPARE(c.deliveredLocalToday, 2); // bob, and the bounce to alice
        QCOMPARE(c.sentRemoteToday, 1);
        QCOMPARE(c.bouncedToday, 1);
        QVERIFY(changed.size() >= 4);
        QCOMPARE(c.toJson().value(QStringLiteral("deliveredLocalToday")).toInt(), 2);
        f.clock.advanceSecs(2 * 86400);
        QCOMPARE(f.queue->counters().deliveredLocalToday, 0);
    }
};

QTEST_GUILESS_MAIN(TestQueueRemote)
#include "TestQueueRemote.moc"
