#pragma once

#include "engine/net/SessionTestDoubles.h"

// Shared set-up for the SMTP session tests: real accounts and mail store in a temporary
// directory (cheap Argon2, a manual clock), a fake spool that keeps what it is given, a
// transport that records what a session sends, and a live protocol log to read notes from.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Clock.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "log/ProtocolLog.h"
#include "net/SessionFactory.h"
#include "smtp/PopBeforeSmtp.h"
#include "smtp/SmtpSession.h"
#include "store/SqliteMailStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#include "queue/MessageIntake.h"

namespace tegami::smtptest {

using testing::FakeTlsProvider;
using testing::RecordingTransport;

#define SMTP_VERIFY_OK(expr)                                                                                           \
    do {                                                                                                               \
        const auto& smtpResult_ = (expr);                                                                              \
        QVERIFY2(smtpResult_.ok(), smtpResult_.ok() ? "" : qPrintable(smtpResult_.error().toString()));                \
    } while (false)

inline const QString alice = QStringLiteral("alice@example.com");
inline const QString bob = QStringLiteral("bob@example.com");
inline const QString sales = QStringLiteral("sales@example.com"); // alias -> alice, bob
inline const QString external = QStringLiteral("friend@elsewhere.example");
inline const QString password = QStringLiteral("correct horse battery");

// The spool as the session sees it: messages are kept in memory with their envelope.
struct SpooledMessage {
    QByteArray bytes;
    Envelope envelope;
    QString id;
};

class FakeIntake : public MessageIntake {
public:
    class Writer : public SpoolWriter {
    public:
        explicit Writer(FakeIntake& intake)
            : m_intake(intake)
        {
            ++m_intake.open;
        }
        ~Writer() override
        {
            --m_intake.open;
            if (!m_committed)
                ++m_intake.aborted;
        }
        Result<void> write(QByteArrayView bytes) override
        {
            if (m_intake.failWrites)
                return Error::io(QStringLiteral("disk full"));
            m_bytes += bytes.toByteArray();
            m_intake.largestWrite = std::max(m_intake.largestWrite, bytes.size());
            return {};
        }
        qint64 size() const override { return m_bytes.size(); }
        Result<QString> commit(const Envelope& envelope) override
        {
            if (m_intake.failCommit)
                return Error::io(QStringLiteral("fsync failed"));
            m_committed = true;
            const QString id = QStringLiteral("Q%1").arg(m_intake.messages.size() + 1);
            m_intake.messages.push_back({ m_bytes, envelope, id });
            return id;
        }

    private:
        FakeIntake& m_intake;
        QByteArray m_bytes;
        bool m_committed = false;
    };

    Result<std::unique_ptr<SpoolWriter>> begin() override
    {
        if (failBegin)
            return Error::io(QStringLiteral("spool directory is not writable"));
        return std::unique_ptr<SpoolWriter>(std::make_unique<Writer>(*this));
    }

    std::vector<SpooledMessage> messages;
    int open = 0;
    int aborted = 0;
    qsizetype largestWrite = 0;
    bool failBegin = false;
    bool failWrites = false;
    bool failCommit = false;
};

struct SmtpFixture {
    QTemporaryDir dir;
    ManualClock clock { QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC) };
    Settings settings = Settings::defaults();
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<Authenticator> authenticator;
    std::unique_ptr<SqliteMailStore> store;
    FakeTlsProvider tls;
    FakeIntake intake;
    std::unique_ptr<PopBeforeSmtp> popBeforeSmtp;
    std::unique_ptr<SmtpDependencies> deps;
    ProtocolLog protocolLog { QString() };

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
        if (!accounts->addAlias(sales, { alice, bob }))
            return false;
        if (!accounts->addAlias(QStringLiteral("outside@example.com"), { external }))
            return false;
        StoreOptions options;
        options.clock = &clock;
        options.durability = Durability::Relaxed;
        auto s = SqliteMailStore::open(dir.filePath(QStringLiteral("store")), options);
        if (!s) {
            qWarning("store: %s", qPrintable(s.error().toString()));
            return false;
        }
        store = std::move(s).value();
        popBeforeSmtp = std::make_unique<PopBeforeSmtp>(clock);
        // Tests answer at once; the tarpit has its own test.
        if (!setSetting(QStringLiteral("smtp.tarpitSecs"), 0)
            || !setSetting(QStringLiteral("submission.tarpitSecs"), 0))
            return false;
        if (!setSetting(QStringLiteral("smtp.fqdn"), QStringLiteral("mx.example.com"))
            || !setSetting(QStringLiteral("submission.fqdn"), QStringLiteral("smtp.example.com")))
            return false;
        deps = std::make_unique<SmtpDependencies>(
            SmtpDependencies { settings, *authenticator, *accounts, *store, &tls, clock, intake, popBeforeSmtp.get() });
        return true;
    }

    bool setSetting(const QString& key, const QJsonValue& value)
    {
        Result<void> r = settings.set(key, value);
        if (!r)
            qWarning("setting %s: %s", qPrintable(key), qPrintable(r.error().toString()));
        return r.ok();
    }

    bool setQuota(const QString& address, qint64 bytes)
    {
        MailboxChanges changes;
        changes.quotaBytes = bytes;
        return accounts->updateMailbox(address, changes).ok();
    }

    // Puts `bytes` of mail into the owner's INBOX, for the quota tests.
    bool fill(const QString& owner, qsizetype bytes)
    {
        if (!store->ensureOwner(owner))
            return false;
        Result<FolderInfo> inbox = store->findFolderByRole(owner, SpecialUse::Inbox);
        if (!inbox)
            return false;
        QByteArray message = "Subject: filler\r\n\r\n";
        message += QByteArray(std::max<qsizetype>(0, bytes - message.size() - 2), 'x') + "\r\n";
        return store->append(inbox->id, message, {}).ok();
    }
};

// One session over a RecordingTransport, with its protocol log events at hand.
struct Harness {
    Harness(SmtpFixture& f, Protocol protocol, bool implicitTls = false,
        const QString& remote = QStringLiteral("192.0.2.7"))
        : fixture(f)
        , subscription(f.protocolLog.subscribe())
        , log(protocol, QStringLiteral("127.0.0.1:25"), remote + QStringLiteral(":40000"), &f.protocolLog, true)
    {
        SmtpSessionOptions options;
        options.protocol = protocol;
        options.remoteAddress = remote;
        options.tlsActive = implicitTls;
        session = std::make_unique<SmtpSession>(*f.deps, log, transport, options);
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
    // The same input one byte at a time.
    QByteArray trickle(const QByteArray& bytes)
    {
        for (char c : bytes) {
            session->receive(QByteArrayView(&c, 1));
            waitForLogin();
        }
        return transport.take();
    }

    // The handshake as if it succeeded (the transport has no socket).
    void completeTls()
    {
        session->tlsFinished(true);
        transport.take();
    }

    bool ehlo(const QByteArray& name = "client.example") { return command("EHLO " + name).startsWith("250"); }

    bool login(const QString& user = alice, const QString& pass = password)
    {
        const QByteArray plain = ('\0' + user.toUtf8() + '\0' + pass.toUtf8()).toBase64();
        return command("AUTH PLAIN " + plain).startsWith("235 ");
    }

    // Everything logged so far, one event per line ("* note", "< line", "> line").
    QString logText()
    {
        for (const LogEvent& e : subscription->takeAll().events) {
            if (e.sid != log.sid())
                continue; // another harness's session
            logged += logDirectionSymbol(e.dir) + QLatin1Char(' ') + e.data + QLatin1Char('\n');
        }
        return logged;
    }

    // Runs the event loop until no reply is delayed (the tarpit test).
    bool waitIdle(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (session->isBusy() && !session->isClosed() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return !session->isBusy() || session->isClosed();
    }

    SmtpFixture& fixture;
    std::unique_ptr<LogSubscription> subscription;
    LogSession log;
    RecordingTransport transport;
    std::unique_ptr<SmtpSession> session;
    QByteArray greeting;
    QString logged;
};

inline QByteArray plainResponse(const QString& user, const QString& pass, const QString& authzid = {})
{
    return (authzid.toUtf8() + '\0' + user.toUtf8() + '\0' + pass.toUtf8()).toBase64();
}

inline const QByteArray kMessage = "From: <carol@elsewhere.example>\r\nSubject: hello\r\n\r\nHi Alice!\r\n";

// The message part of what the spool got, after the trace header (and any added headers).
inline QByteArray afterReceived(const QByteArray& spooled)
{
    const qsizetype start = spooled.indexOf("\r\n", spooled.indexOf("; ")) + 2;
    return spooled.mid(start);
}

// EHLO, MAIL and the RCPTs on a new MX session from `remote`; null unless each was accepted.
inline std::unique_ptr<Harness> mxTransaction(SmtpFixture& f, const QList<QByteArray>& recipients,
    const QByteArray& mailArgs = {}, const QString& remote = QStringLiteral("192.0.2.7"))
{
    auto h = std::make_unique<Harness>(f, Protocol::Smtp, false, remote);
    if (!h->ehlo())
        return nullptr;
    if (!h->command("MAIL FROM:<carol@elsewhere.example>" + mailArgs).startsWith("250 2.1.0"))
        return nullptr;
    for (const QByteArray& r : recipients) {
        if (!h->command("RCPT TO:<" + r + ">").startsWith("250 2.1.5"))
            return nullptr;
    }
    return h;
}

// A submission session on implicit TLS, logged in as `user`.
inline std::unique_ptr<Harness> submissionSession(SmtpFixture& f, const QString& user = alice)
{
    auto h = std::make_unique<Harness>(f, Protocol::Submission, true);
    if (!h->ehlo() || !h->login(user))
        return nullptr;
    return h;
}

} // namespace tegami::smtptest
