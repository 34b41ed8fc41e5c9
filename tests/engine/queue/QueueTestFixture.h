#pragma once

// Shared set-up for the queue tests: real accounts and mail store in a temporary
// directory (cheap Argon2, a manual clock), a protocol log without files whose notes the
// tests read, and a RemoteTransport fake whose attempts the tests complete by hand.

#include "accounts/AccountStore.h"
#include "core/Clock.h"
#include "log/ProtocolLog.h"
#include "store/SqliteMailStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

#include "queue/DeliveryQueue.h"
#include "queue/Dsn.h"
#include "queue/RemoteTransport.h"

namespace tegami::queuetest {

#define QUEUE_VERIFY_OK(expr)                                                                                          \
    do {                                                                                                               \
        const auto& queueResult_ = (expr);                                                                             \
        QVERIFY2(queueResult_.ok(), queueResult_.ok() ? "" : qPrintable(queueResult_.error().toString()));             \
    } while (false)

inline const QString alice = QStringLiteral("alice@example.com");
inline const QString bob = QStringLiteral("bob@example.com");
inline const QString team = QStringLiteral("team@example.com"); // alice, bob, carol@remote.example
inline const QString carol = QStringLiteral("carol@remote.example");
inline const QString dave = QStringLiteral("dave@other.example");

inline QByteArray message(const QByteArray& subject, const QByteArray& body = "Hello there.\r\n")
{
    return "Received: from client.example (client.example [192.0.2.7]) by mail.example.com with ESMTP id "
        + subject.toHex() + "\r\nFrom: Bob <bob@example.com>\r\nTo: alice@example.com\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + subject.toHex() + "@example.com>\r\n\r\n" + body;
}

inline Envelope envelope(const QString& sender, const QStringList& recipients, int notify = 0)
{
    Envelope e;
    e.sender = sender;
    for (const QString& r : recipients)
        e.recipients.push_back(EnvelopeRecipient { r, QString(), notify });
    e.receivedVia = Protocol::Submission;
    e.authenticatedUser = sender;
    e.remoteAddress = QStringLiteral("192.0.2.7");
    e.heloName = QStringLiteral("client.example");
    e.receivedAt = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    e.sessionId = QStringLiteral("3f2a");
    return e;
}

inline int countFiles(const QString& dir, const QString& pattern = QStringLiteral("*"))
{
    int n = 0;
    QDirIterator it(dir, { pattern }, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

// Records attempts; the test decides their results.
class FakeTransport : public RemoteTransport {
public:
    struct Call {
        quint64 handle = 0;
        RemoteDelivery delivery;
        Done done;
    };

    quint64 deliver(const RemoteDelivery& delivery, Done done) override
    {
        const quint64 handle = ++m_next;
        open.emplace(handle, Call { handle, delivery, std::move(done) });
        history.push_back(delivery);
        return handle;
    }
    void cancel(quint64 handle) override
    {
        cancelled << handle;
        open.erase(handle);
    }

    // Completes the oldest open attempt with one status for all its recipients.
    bool completeOldest(RecipientResult::Status status, int code, const QString& enhanced, const QString& text,
        const QString& host = QStringLiteral("mx.remote.example [192.0.2.25]"))
    {
        if (open.empty())
            return false;
        Call call = std::move(open.begin()->second);
        open.erase(open.begin());
        std::vector<RecipientResult> results;
        for (const EnvelopeRecipient& r : call.delivery.recipients)
            results.push_back(RecipientResult { r.address, status, code, enhanced, text, host });
        call.done(results);
        return true;
    }
    bool completeAll(RecipientResult::Status status, int code, const QString& enhanced, const QString& text)
    {
        bool any = false;
        while (completeOldest(status, code, enhanced, text))
            any = true;
        return any;
    }

    std::map<quint64, Call> open;
    std::vector<RemoteDelivery> history;
    QList<quint64> cancelled;

private:
    quint64 m_next = 100;
};

struct QueueFixture {
    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC) };
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<SqliteMailStore> store;
    std::unique_ptr<ProtocolLog> log;
    std::unique_ptr<LogSubscription> notes;
    FakeTransport transport; // outlives the queue, which cancels its attempts when destroyed
    std::unique_ptr<DeliveryQueue> queue;
    QueueOptions options;
    QStringList noteLines; // every queue note seen so far

    QString spoolDir() const { return dir.filePath(QStringLiteral("queue")); }
    QString storeDir() const { return dir.filePath(QStringLiteral("store")); }

    bool open(bool withTransport = true)
    {
        if (!dir.isValid())
            return false;
        auto opened = AccountStore::open(
            dir.filePath(QStringLiteral("accounts.db")), PasswordHasher(Argon2Params::forTests()), clock);
        if (!opened) {
            qWarning("accounts: %s", qPrintable(opened.error().toString()));
            return false;
        }
        accounts = std::move(opened).value();
        if (!accounts->addDomain(QStringLiteral("example.com")))
            return false;
        for (const QString& address : { alice, bob }) {
            NewMailbox m;
            m.address = address;
            m.password = QStringLiteral("correct horse battery");
            if (Result<Mailbox> r = accounts->addMailbox(m); !r) {
                qWarning("mailbox: %s", qPrintable(r.error().toString()));
                return false;
            }
        }
        if (Result<Alias> a = accounts->addAlias(team, { alice, bob, carol }); !a) {
            qWarning("alias: %s", qPrintable(a.error().toString()));
            return false;
        }
        log = std::make_unique<ProtocolLog>(QString(), LogRetention {}, clock);
        if (!log->start())
            return false;
        LogFilter filter;
        filter.proto = QStringLiteral("queue");
        notes = log->subscribe(filter);
        options.fqdn = QStringLiteral("mail.example.com");
        return reopen(withTransport);
    }

    // A restart: the queue and the store are closed and opened again.
    bool reopen(bool withTransport = true)
    {
        queue.reset();
        store.reset();
        StoreOptions storeOptions;
        storeOptions.clock = &clock;
        auto opened = SqliteMailStore::open(storeDir(), storeOptions);
        if (!opened) {
            qWarning("store: %s", qPrintable(opened.error().toString()));
            return false;
        }
        store = std::move(opened).value();
        queue = std::make_unique<DeliveryQueue>(spoolDir(), *accounts, *store, clock, log.get());
        queue->setOptions(options);
        if (withTransport)
            queue->setTransport(&transport);
        Result<SpoolRecovery> recovered = queue->open();
        if (!recovered) {
            qWarning("queue: %s", qPrintable(recovered.error().toString()));
            return false;
        }
        lastRecovery = *recovered;
        return true;
    }
    SpoolRecovery lastRecovery;

    // Receives a message as an SMTP session would; returns its queue id (empty on failure).
    QString submit(const Envelope& env, const QByteArray& bytes)
    {
        Result<std::unique_ptr<SpoolWriter>> writer = queue->begin();
        if (!writer)
            return QString();
        // In pieces, as DATA arrives.
        for (qsizetype at = 0; at < bytes.size(); at += 7) {
            if (!(*writer)->write(QByteArrayView(bytes.mid(at, 7))))
                return QString();
        }
        Result<QString> id = (*writer)->commit(env);
        if (!id) {
            qWarning("commit: %s", qPrintable(id.error().toString()));
            return QString();
        }
        return *id;
    }

    qint64 inboxId(const QString& owner)
    {
        if (!store->ensureOwner(owner))
            return 0;
        Result<FolderInfo> inbox = store->findFolderByRole(owner, SpecialUse::Inbox);
        return inbox ? inbox->id : 0;
    }

    QList<QByteArray> inbox(const QString& owner)
    {
        QList<QByteArray> out;
        const qint64 id = inboxId(owner);
        Result<std::vector<MessageInfo>> list = store->messages(id);
        if (!list)
            return out;
        for (const MessageInfo& m : *list) {
            Result<QByteArray> data = store->readMessage(id, m.uid);
            out << (data ? *data : QByteArray());
        }
        return out;
    }

    // Messages in an INBOX that are delivery reports.
    QList<QByteArray> reports(const QString& owner)
    {
        QList<QByteArray> out;
        for (const QByteArray& m : inbox(owner)) {
            if (m.contains("From: Mail Delivery System <MAILER-DAEMON@"))
                out << m;
        }
        return out;
    }

    // Runs the queue (and the DSNs it queues) until nothing more is due now.
    void run()
    {
        for (int i = 0; i < 5; ++i)
            queue->processDue();
    }

    QStringList takeNotes()
    {
        log->flush();
        for (const LogEvent& e : notes->takeAll().events)
            noteLines << e.data;
        return noteLines;
    }
    bool noted(const QString& fragment)
    {
        for (const QString& line : takeNotes()) {
            if (line.contains(fragment))
                return true;
        }
        return false;
    }

    const QueueRecipient* recipient(const QString& id, const QString& address) const
    {
        const QueueEntry* e = queue->find(id);
        if (!e)
            return nullptr;
        for (const QueueRecipient& r : e->recipients) {
            if (r.address == address)
                return &r;
        }
        return nullptr;
    }
};

} // namespace tegami::queuetest
