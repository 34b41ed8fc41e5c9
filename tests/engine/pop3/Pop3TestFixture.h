#pragma once

#include "engine/net/SessionTestDoubles.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

// Shared set-up for the POP3 tests: real accounts and mail stores in a temporary
// directory (cheap Argon2, a manual clock), and a transport that records what a session
// sends, so whole sessions run without sockets.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "pop3/MaildropLocks.h"
#include "pop3/Pop3Session.h"
#include "store/MailStore.h"
#include "store/SqliteMailStore.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace tegami::pop3test {

using testing::FakeTlsProvider;
using testing::RecordingTransport;

#define POP3_VERIFY_OK(expr)                                                                                           \
    do {                                                                                                               \
        const auto& pop3Result_ = (expr);                                                                              \
        QVERIFY2(pop3Result_.ok(), pop3Result_.ok() ? "" : qPrintable(pop3Result_.error().toString()));                \
    } while (false)

inline const QString alice = QStringLiteral("alice@example.com");
inline const QString bob = QStringLiteral("bob@example.com");
inline const QString admin = QStringLiteral("admin@example.com");
inline const QString password = QStringLiteral("correct horse battery");

// Hands out a configuration (never used for a handshake without sockets) or a problem.
struct Pop3Fixture {
    QTemporaryDir dir;
    ManualClock clock;
    Settings settings = Settings::defaults();
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<SqliteMailStore> store;
    FakeTlsProvider tls;
    MaildropLocks locks;
    QList<QStringList> logins; // {remote, account} per onLogin call
    std::unique_ptr<Pop3Dependencies> deps;

    QString storeDir() const { return dir.filePath(QStringLiteral("store")); }

    bool open()
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
        authenticator = std::make_unique<Authenticator>(*accounts, clock);
        if (!accounts->addDomain(QStringLiteral("example.com")))
            return false;
        for (const QString& address : { alice, bob }) {
            NewMailbox m;
            m.address = address;
            m.password = password;
            if (Result<Mailbox> r = accounts->addMailbox(m); !r) {
                qWarning("mailbox: %s", qPrintable(r.error().toString()));
                return false;
            }
        }
        NewMailbox a;
        a.address = admin;
        a.password = password;
        a.admin = true;
        if (!accounts->addMailbox(a))
            return false;
        if (!reopenStore())
            return false;
        deps = std::make_unique<Pop3Dependencies>(Pop3Dependencies { settings, *authenticator, *accounts, *store, &tls,
            clock, [this](const QString& remote, const QString& account) {
                logins << QStringList { remote, account };
            } });
        return true;
    }

    // Closes and reopens the mail store (a restart); sessions must not be alive.
    bool reopenStore()
    {
        store.reset();
        StoreOptions options;
        options.clock = &clock;
        auto opened = SqliteMailStore::open(storeDir(), options);
        if (!opened) {
            qWarning("store: %s", qPrintable(opened.error().toString()));
            return false;
        }
        store = std::move(opened).value();
        if (deps) {
            deps = std::make_unique<Pop3Dependencies>(
                Pop3Dependencies { settings, *authenticator, *accounts, *store, &tls, clock, deps->onLogin });
        }
        return true;
    }

    bool setSetting(const QString& key, const QJsonValue& value)
    {
        Result<void> r = settings.set(key, value);
        if (!r)
            qWarning("setting %s: %s", qPrintable(key), qPrintable(r.error().toString()));
        return r.ok();
    }

    qint64 inboxId(const QString& owner)
    {
        if (!store->ensureOwner(owner))
            return 0;
        Result<FolderInfo> inbox = store->findFolderByRole(owner, SpecialUse::Inbox);
        return inbox ? inbox->id : 0;
    }

    // Appends a message to the owner's INBOX; returns its UID (0 on failure).
    quint32 deliver(const QString& owner, const QByteArray& message, const QDateTime& internalDate = {})
    {
        AppendOptions options;
        options.internalDate = internalDate;
        Result<AppendResult> r = store->append(inboxId(owner), message, options);
        if (!r) {
            qWarning("append: %s", qPrintable(r.error().toString()));
            return 0;
        }
        return r->uid;
    }

    std::vector<MessageInfo> inbox(const QString& owner)
    {
        Result<std::vector<MessageInfo>> r = store->messages(inboxId(owner));
        return r ? *r : std::vector<MessageInfo>();
    }

    std::vector<MessageInfo> folderByRole(const QString& owner, SpecialUse role)
    {
        Result<FolderInfo> f = store->findFolderByRole(owner, role);
        if (!f)
            return {};
        Result<std::vector<MessageInfo>> r = store->messages(f->id);
        return r ? *r : std::vector<MessageInfo>();
    }

    bool setPolicy(const QString& owner, PopScope scope, PopAfterRetrieval after)
    {
        MailboxChanges changes;
        changes.popScope = scope;
        changes.popAfterRetrieval = after;
        return accounts->updateMailbox(owner, changes).ok();
    }
};

// One session over a RecordingTransport.
struct Harness {
    explicit Harness(Pop3Fixture& f, bool implicitTls = false, int failureDelayMs = 0)
        : log(Protocol::Pop3, QStringLiteral("127.0.0.1:110"), QStringLiteral("192.0.2.7:40000"), nullptr, false)
    {
        Pop3SessionOptions options;
        options.remoteAddress = QStringLiteral("192.0.2.7");
        options.tlsActive = implicitTls;
        options.failureDelayMs = failureDelayMs;
        session = std::make_unique<Pop3Session>(*f.deps, f.locks, log, transport, options);
        session->start();
        greeting = transport.take();
    }

    // Sends bytes as they are (add the CRLF yourself) and returns everything the session answered.
    QByteArray send(const QByteArray& bytes)
    {
        session->receive(bytes);
        waitForLogin();
        return transport.take();
    }
    // Passwords are verified on a worker thread: let the answer come back.
    void waitForLogin()
    {
        QDeadlineTimer deadline(10000);
        while (session->loginPending() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QByteArray command(const QByteArray& line) { return send(line + "\r\n"); }

    bool login(const QString& user = alice, const QString& pass = password)
    {
        if (!command("USER " + user.toUtf8()).startsWith("+OK"))
            return false;
        return command("PASS " + pass.toUtf8()).startsWith("+OK");
    }

    LogSession log;
    RecordingTransport transport;
    std::unique_ptr<Pop3Session> session;
    QByteArray greeting;
};

inline QByteArray plainResponse(const QString& user, const QString& pass, const QString& authzid = {})
{
    return (authzid.toUtf8() + '\0' + user.toUtf8() + '\0' + pass.toUtf8()).toBase64();
}

} // namespace tegami::pop3test
