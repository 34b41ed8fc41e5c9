#pragma once

#include "engine/net/SessionTestDoubles.h"

// Shared set-up for the IMAP session tests: real accounts and a real SqliteMailStore in a
// temporary directory (cheap Argon2, a manual clock), and a transport that records what a
// session sends, so whole sessions run without sockets.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "imap/ImapSession.h"
#include "imap/ImapSessionRegistry.h"
#include "log/LogSession.h"
#include "net/SessionFactory.h"
#include "store/MailStore.h"
#include "store/SqliteMailStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace tegami::imaptest {

using testing::FakeTlsProvider;
using testing::RecordingTransport;

#define IMAP_VERIFY_OK(expr)                                                                                           \
    do {                                                                                                               \
        const auto& imapResult_ = (expr);                                                                              \
        QVERIFY2(imapResult_.ok(), imapResult_.ok() ? "" : qPrintable(imapResult_.error().toString()));                \
    } while (false)

// QCOMPARE cuts long byte arrays short; this shows both whole.
#define IMAP_COMPARE(actual, expected)                                                                                 \
    do {                                                                                                               \
        const QByteArray imapActual_ = (actual);                                                                       \
        const QByteArray imapExpected_ = (expected);                                                                   \
        QVERIFY2(imapActual_ == imapExpected_,                                                                         \
            ("\n actual:   " + imapActual_ + "\n expected: " + imapExpected_).constData());                            \
    } while (false)

#define IMAP_CONTAINS(haystack, needle)                                                                                \
    do {                                                                                                               \
        const QByteArray imapHay_ = (haystack);                                                                        \
        const QByteArray imapNeedle_ = (needle);                                                                       \
        QVERIFY2(imapHay_.contains(imapNeedle_), ("\n missing: " + imapNeedle_ + "\n in: " + imapHay_).constData());   \
    } while (false)

inline const QString alice = QStringLiteral("alice@example.com");
inline const QString bob = QStringLiteral("bob@example.com");
inline const QString admin = QStringLiteral("admin@example.com");
inline const QString password = QStringLiteral("correct horse battery");

inline QByteArray readTestFile(const QString& relative)
{
    QFile f(qEnvironmentVariable("TEGAMI_TEST_DATA") + QLatin1Char('/') + relative);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

struct ImapFixture {
    QTemporaryDir dir;
    ManualClock clock;
    Settings settings = Settings::defaults();
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<SqliteMailStore> store;
    FakeTlsProvider tls;
    ImapSessionRegistry registry;
    std::unique_ptr<ImapDependencies> deps;

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
        for (const QString& address : { alice, bob, admin }) {
            NewMailbox m;
            m.address = address;
            m.password = password;
            m.admin = address == admin;
            if (Result<Mailbox> r = accounts->addMailbox(m); !r) {
                qWarning("mailbox: %s", qPrintable(r.error().toString()));
                return false;
            }
        }
        StoreOptions options;
        options.clock = &clock;
        options.durability = Durability::Relaxed;
        auto st = SqliteMailStore::open(dir.filePath(QStringLiteral("store")), options);
        if (!st) {
            qWarning("store: %s", qPrintable(st.error().toString()));
            return false;
        }
        store = std::move(st).value();
        deps = std::make_unique<ImapDependencies>(
            ImapDependencies { settings, *authenticator, *accounts, *store, &tls, clock });
        return true;
    }

    bool setSetting(const QString& key, const QJsonValue& value)
    {
        Result<void> r = settings.set(key, value);
        if (!r)
            qWarning("setting %s: %s", qPrintable(key), qPrintable(r.error().toString()));
        return r.ok();
    }

    FolderInfo folder(const QString& owner, const QString& name)
    {
        if (!store->ensureOwner(owner))
            return {};
        Result<FolderInfo> f = store->findFolder(owner, name);
        return f ? *f : FolderInfo {};
    }

    // Appends a message to a folder of the owner; returns its UID (0 on failure).
    quint32 deliver(const QString& owner, const QByteArray& message,
        const QString& folderName = QStringLiteral("INBOX"), const QStringList& flags = {},
        const QDateTime& internalDate = {})
    {
        AppendOptions options;
        options.flags = flags;
        options.internalDate = internalDate;
        Result<AppendResult> r = store->append(folder(owner, folderName).id, message, options);
        if (!r) {
            qWarning("append: %s", qPrintable(r.error().toString()));
            return 0;
        }
        return r->uid;
    }

    std::vector<MessageInfo> messages(const QString& owner, const QString& folderName)
    {
        Result<std::vector<MessageInfo>> r = store->messages(folder(owner, folderName).id);
        return r ? *r : std::vector<MessageInfo>();
    }

    bool setImapPolicy(const QString& owner, bool autoExpunge, ImapDeleteAction action)
    {
        MailboxChanges changes;
        changes.imapAutoExpunge = autoExpunge;
        changes.imapDeleteAction = action;
        return accounts->updateMailbox(owner, changes).ok();
    }

    bool setQuota(const QString& owner, qint64 bytes)
    {
        MailboxChanges changes;
        changes.quotaBytes = bytes;
        return accounts->updateMailbox(owner, changes).ok();
    }
};

// One session over a RecordingTransport. By default the connection counts as TLS (port
// 993), so logins are allowed under the default imap.loginType.
struct ImapHarness {
    explicit ImapHarness(ImapFixture& f, bool implicitTls = true, int failureDelayMs = 0)
        : log(Protocol::Imap, QStringLiteral("127.0.0.1:993"), QStringLiteral("192.0.2.7:40000"), nullptr, false)
    {
        ImapSessionOptions options;
        options.remoteAddress = QStringLiteral("192.0.2.7");
        options.tlsActive = implicitTls;
        options.failureDelayMs = failureDelayMs;
        session = std::make_unique<ImapSession>(*f.deps, f.registry, log, transport, options);
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
        const QByteArray reply = command("L1 LOGIN " + user.toUtf8() + " \"" + pass.toUtf8() + "\"");
        if (!reply.contains("L1 OK")) {
            qWarning("login: %s", reply.constData());
            return false;
        }
        return true;
    }
    bool select(const QByteArray& mailbox = "INBOX")
    {
        const QByteArray reply = command("S1 SELECT " + mailbox);
        if (!reply.contains("S1 OK")) {
            qWarning("select: %s", reply.constData());
            return false;
        }
        return true;
    }
    // Lets queued calls run (IDLE updates are sent from the event loop).
    QByteArray pump(int ms = 50)
    {
        QTest::qWait(ms);
        return transport.take();
    }

    LogSession log;
    RecordingTransport transport;
    std::unique_ptr<ImapSession> session;
    QByteArray greeting;
};

inline QByteArray plainResponse(const QString& user, const QString& pass, const QString& authzid = {})
{
    return (authzid.toUtf8() + '\0' + user.toUtf8() + '\0' + pass.toUtf8()).toBase64();
}

inline QByteArray simpleMessage(const QByteArray& subject, const QByteArray& body = "Hello.\r\n",
    const QByteArray& from = "Carol <carol@example.org>")
{
    return "From: " + from + "\r\nTo: alice@example.com\r\nSubject: " + subject
        + "\r\nDate: Tue, 4 Jun 2024 08:00:00 +0000\r\nMessage-ID: <" + subject.toLower().replace(' ', '-')
        + "@example.org>\r\n\r\n" + body;
}

} // namespace tegami::imaptest
