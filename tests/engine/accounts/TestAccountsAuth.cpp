#include "accounts/Authenticator.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include "AccountsFixture.h"

using namespace tegami;
using namespace tegami::testing;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(tegami::Protocol)
Q_DECLARE_METATYPE(tegami::AuthOutcome)

namespace {

const QString alicePw = u"Wonderland-42"_s;

struct Logged {
    AuthAttempt attempt;
    AuthDecision decision;
};

} // namespace

class TestAccountsAuth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<StoreFixture>();
        QVERIFY(m_fx->open());
        AccountStore& s = *m_fx->store;
        TEGAMI_VERIFY_OK(s.addDomain(u"example.com"_s));
        const auto add = [&](const QString& address, auto&& tweak) {
            NewMailbox m;
            m.address = address;
            m.password = alicePw;
            tweak(m);
            TEGAMI_VERIFY_OK(s.addMailbox(m));
        };
        add(u"alice@example.com"_s, [](NewMailbox&) {});
        add(u"admin@example.com"_s, [](NewMailbox& m) { m.admin = true; });
        add(u"off@example.com"_s, [](NewMailbox& m) { m.enabled = false; });
        add(u"sender@example.com"_s, [](NewMailbox& m) { m.protocols = { Protocol::Submission }; });
        add(u"nothing@example.com"_s, [](NewMailbox& m) { m.protocols = ProtocolSet::none(); });
        m_log.clear();
        m_auth = std::make_unique<Authenticator>(
            *m_fx->store, m_fx->clock, ThrottlePolicy {}, [this](const AuthAttempt& a, const AuthDecision& d) {
                m_log.append({ a, d });
            });
    }
    void cleanup()
    {
        m_auth.reset();
        m_fx.reset();
    }

    void policy_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<QString>("mechanism");
        QTest::addColumn<AuthOutcome>("outcome");
        QTest::addColumn<QString>("reason");

        const QString wrong = u"not-the-password"_s;
        QTest::newRow("success") << u"alice@example.com"_s << alicePw << Protocol::Imap << u"PLAIN"_s
                                 << AuthOutcome::Success << u"password accepted (PLAIN)"_s;
        QTest::newRow("any case") << u"ALICE@Example.COM"_s << alicePw << Protocol::Pop3 << u"USER"_s
                                  << AuthOutcome::Success << u"password accepted"_s;
        QTest::newRow("wrong password") << u"alice@example.com"_s << wrong << Protocol::Imap << u"LOGIN"_s
                                        << AuthOutcome::BadCredentials << u"wrong password"_s;
        QTest::newRow("empty password") << u"alice@example.com"_s << QString() << Protocol::Imap << u"PLAIN"_s
                                        << AuthOutcome::BadCredentials << u"wrong password"_s;
        QTest::newRow("unknown user") << u"nobody@example.com"_s << alicePw << Protocol::Imap << u"PLAIN"_s
                                      << AuthOutcome::BadCredentials << u"unknown user"_s;
        QTest::newRow("bare local part") << u"alice"_s << alicePw << Protocol::Imap << u"PLAIN"_s
                                         << AuthOutcome::BadCredentials << u"not a full address"_s;
        QTest::newRow("anonymous") << u"anonymous"_s << u"me@example.org"_s << Protocol::Imap << u"LOGIN"_s
                                   << AuthOutcome::Anonymous << u"anonymous login refused"_s;
        QTest::newRow("guest any case") << u"GuEsT"_s << u"x"_s << Protocol::Pop3 << u"USER"_s << AuthOutcome::Anonymous
                                        << u"anonymous login refused"_s;
        QTest::newRow("guest with domain") << u"guest@example.com"_s << alicePw << Protocol::Submission << u"PLAIN"_s
                                           << AuthOutcome::Anonymous << u"anonymous login refused"_s;
        QTest::newRow("empty username") << QString() << alicePw << Protocol::Imap << u"PLAIN"_s
                                        << AuthOutcome::Anonymous << u"empty username"_s;
        QTest::newRow("anonymous mechanism") << u"alice@example.com"_s << alicePw << Protocol::Imap << u"anonymous"_s
                                             << AuthOutcome::Anonymous << u"ANONYMOUS mechanism"_s;
        QTest::newRow("admin imap") << u"admin@example.com"_s << alicePw << Protocol::Imap << u"PLAIN"_s
                                    << AuthOutcome::AdminBarred << u"may not log in over imap"_s;
        QTest::newRow("admin pop3") << u"admin@example.com"_s << alicePw << Protocol::Pop3 << u"USER"_s
                                    << AuthOutcome::AdminBarred << u"may not log in over pop3"_s;
        QTest::newRow("admin submission") << u"admin@example.com"_s << alicePw << Protocol::Submission << u"PLAIN"_s
                                          << AuthOutcome::Success << u"password accepted"_s;
        QTest::newRow("admin wrong password") << u"admin@example.com"_s << wrong << Protocol::Imap << u"PLAIN"_s
                                              << AuthOutcome::BadCredentials << u"wrong password"_s;
        QTest::newRow("disabled") << u"off@example.com"_s << alicePw << Protocol::Imap << u"PLAIN"_s
                                  << AuthOutcome::Disabled << u"off@example.com is disabled"_s;
        QTest::newRow("disabled wrong password") << u"off@example.com"_s << wrong << Protocol::Imap << u"PLAIN"_s
                                                 << AuthOutcome::BadCredentials << u"wrong password"_s;
        QTest::newRow("protocol not allowed")
            << u"sender@example.com"_s << alicePw << Protocol::Imap << u"PLAIN"_s << AuthOutcome::ProtocolNotAllowed
            << u"imap is not allowed for sender@example.com (allowed: submission)"_s;
        QTest::newRow("protocol allowed") << u"sender@example.com"_s << alicePw << Protocol::Submission << u"LOGIN"_s
                                          << AuthOutcome::Success << u"password accepted"_s;
        QTest::newRow("no protocols") << u"nothing@example.com"_s << alicePw << Protocol::Smtp << u"PLAIN"_s
                                      << AuthOutcome::ProtocolNotAllowed << u"(allowed: none)"_s;
    }
    void policy()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        QFETCH(Protocol, protocol);
        QFETCH(QString, mechanism);
        QFETCH(AuthOutcome, outcome);
        QFETCH(QString, reason);

        const AuthDecision d = m_auth->authenticate({ username, password, protocol, u"198.51.100.7"_s, mechanism });
        QCOMPARE(authOutcomeName(d.outcome), authOutcomeName(outcome));
        QCOMPARE(d.ok, outcome == AuthOutcome::Success);
        QCOMPARE(d.mailbox.has_value(), outcome == AuthOutcome::Success);
        if (d.mailbox)
            QCOMPARE(d.mailbox->address, username.toLower());
        QVERIFY2(d.reason.contains(reason), qPrintable(d.reason));
        QCOMPARE(d.retryAfterSecs, 0);

        QCOMPARE(m_log.size(), 1);
        QCOMPARE(m_log[0].attempt.username, username);
        QCOMPARE(m_log[0].attempt.remoteAddress, u"198.51.100.7"_s);
        QVERIFY(m_log[0].attempt.password.isEmpty());
        QCOMPARE(m_log[0].decision.outcome, d.outcome);
        QCOMPARE(m_log[0].decision.reason, d.reason);
    }

    // The same decisions with the password verified on a worker thread.
    void policyAsync_data() { policy_data(); }
    void policyAsync()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        QFETCH(Protocol, protocol);
        QFETCH(QString, mechanism);
        QFETCH(AuthOutcome, outcome);
        QFETCH(QString, reason);

        QObject context;
        std::optional<AuthDecision> got;
        m_auth->authenticateAsync({ username, password, protocol, u"198.51.100.7"_s, mechanism }, &context,
            [&](const AuthDecision& d) { got = d; });
        QVERIFY(!got); // never from inside the call
        QTRY_VERIFY(got.has_value());
        QCOMPARE(authOutcomeName(got->outcome), authOutcomeName(outcome));
        QCOMPARE(got->ok, outcome == AuthOutcome::Success);
        QVERIFY2(got->reason.contains(reason), qPrintable(got->reason));
        QCOMPARE(m_log.size(), 1);
        QVERIFY(m_log[0].attempt.password.isEmpty());
    }

    void asyncAttemptsRunSideBySideAndCountFailures()
    {
        QObject context;
        int answered = 0;
        int failures = 0;
        for (int i = 0; i < 6; ++i) {
            m_auth->authenticateAsync({ u"alice@example.com"_s, i % 2 ? alicePw : u"wrong"_s, Protocol::Imap,
                                          u"192.0.2.9"_s, u"PLAIN"_s },
                &context, [&](const AuthDecision& d) {
                    ++answered;
                    failures += d.ok ? 0 : 1;
                });
        }
        QTRY_COMPARE(answered, 6);
        QCOMPARE(failures, 3);
        QCOMPARE(m_log.size(), 6);
    }

    void asyncAnswerIsDroppedWhenTheSessionIsGone()
    {
        auto context = std::make_unique<QObject>();
        bool called = false;
        m_auth->authenticateAsync({ u"alice@example.com"_s, alicePw, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s },
            context.get(), [&](const AuthDecision&) { called = true; });
        context.reset();
        QTRY_COMPARE(m_log.size(), 1); // decided and logged all the same
        QTest::qWait(50);
        QVERIFY(!called);
        // An Authenticator destroyed with attempts in flight waits for them and calls nothing.
        QObject other;
        m_auth->authenticateAsync({ u"alice@example.com"_s, alicePw, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s },
            &other, [&](const AuthDecision&) { called = true; });
        m_auth.reset();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void unknownUserLooksLikeWrongPassword()
    {
        const AuthDecision unknown
            = m_auth->authenticate({ u"nobody@example.com"_s, alicePw, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s });
        const AuthDecision wrong = m_auth->authenticate(
            { u"alice@example.com"_s, u"guess-1234"_s, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s });
        QCOMPARE(unknown.outcome, wrong.outcome);
        QCOMPARE(unknown.ok, wrong.ok);
        QCOMPARE(unknown.mailbox.has_value(), wrong.mailbox.has_value());
        QCOMPARE(unknown.retryAfterSecs, wrong.retryAfterSecs);
        QVERIFY(unknown.reason != wrong.reason); // only the log tells them apart
    }

    void passwordsNeverReachTheSink()
    {
        const QString secrets[] = { alicePw, u"my-secret-guess"_s, u"guest-password"_s };
        for (const QString& secret : secrets) {
            m_auth->authenticate({ u"alice@example.com"_s, secret, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s });
            m_auth->authenticate({ u"guest"_s, secret, Protocol::Imap, u"192.0.2.1"_s, u"LOGIN"_s });
            m_auth->authenticate({ u"nobody"_s, secret, Protocol::Pop3, u"192.0.2.1"_s, u"USER"_s });
            m_auth->authenticate({ u"admin@example.com"_s, secret, Protocol::Pop3, u"192.0.2.1"_s, u"USER"_s });
        }
        QCOMPARE(m_log.size(), 12);
        for (const Logged& entry : std::as_const(m_log)) {
            QVERIFY(entry.attempt.password.isEmpty());
            const QByteArray json = QJsonDocument(entry.decision.toJson()).toJson();
            for (const QString& secret : secrets) {
                QVERIFY2(!entry.decision.reason.contains(secret), qPrintable(entry.decision.reason));
                QVERIFY(!json.contains(secret.toUtf8()));
            }
        }
        for (const LoginFailure& f : m_auth->throttle().recentFailures()) {
            for (const QString& secret : secrets)
                QVERIFY(!f.reason.contains(secret));
        }
    }

    void authenticateWithoutSink()
    {
        Authenticator quiet(*m_fx->store, m_fx->clock);
        QVERIFY(quiet.authenticate({ u"alice@example.com"_s, alicePw, Protocol::Imap, u"192.0.2.1"_s, u"PLAIN"_s }).ok);
    }

    void oldHashesAreUpgradedOnLogin()
    {
        // The store reopened with stronger parameters: alice's stored hash is now outdated.
        m_auth.reset();
        const Argon2Params stronger { 2, 512, 1 };
        QVERIFY(m_fx->open(stronger));
        Authenticator auth(*m_fx->store, m_fx->clock);
        const EmailAddress alice = *parseAddress(u"alice@example.com"_s);
        QVERIFY(m_fx->store->findCredentials(alice)->passwordHash.contains(u"m=256,t=1,p=1"_s));

        const AuthDecision d = auth.authenticate({ u"alice@example.com"_s, alicePw, Protocol::Imap, {}, u"PLAIN"_s });
        QVERIFY2(d.ok, qPrintable(d.reason));
        QVERIFY(d.reason.contains(u"upgraded"_s));
        const QString upgraded = m_fx->store->findCredentials(alice)->passwordHash;
        QVERIFY2(upgraded.contains(u"m=512,t=2,p=1"_s), qPrintable(upgraded));
        QVERIFY(*m_fx->store->hasher().verify(upgraded, alicePw));
        QVERIFY(!auth.authenticate({ u"alice@example.com"_s, alicePw, Protocol::Imap, {}, u"PLAIN"_s })
                     .reason.contains(u"upgraded"_s));
    }

    void unknownUsersCostAVerification()
    {
        // With parameters that make one verification take milliseconds, an unknown user must
        // take about as long as a wrong password, or timing would tell which accounts exist.
        m_auth.reset();
        QVERIFY(m_fx->open(Argon2Params { 1, 16384, 1 }));
        TEGAMI_VERIFY_OK(m_fx->store->setPassword(u"alice@example.com"_s, alicePw));
        Authenticator auth(*m_fx->store, m_fx->clock, ThrottlePolicy { 0, 0, 900, 900 });
        const auto timeOf = [&](const QString& user) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < 3; ++i) {
                const AuthDecision d = auth.authenticate({ user, u"wrong-password"_s, Protocol::Imap, {}, u"PLAIN"_s });
                if (d.outcome != AuthOutcome::BadCredentials)
                    qWarning() << "unexpected outcome" << d.reason;
            }
            return timer.nsecsElapsed();
        };
        const qint64 known = timeOf(u"alice@example.com"_s);
        const qint64 unknown = timeOf(u"nobody@example.com"_s);
        const qint64 notAnAddress = timeOf(u"nobody"_s);
        // Generous bounds: skipping the dummy verification would be about 100 times faster.
        QVERIFY2(unknown * 3 > known, qPrintable(u"known %1 ns, unknown %2 ns"_s.arg(known).arg(unknown)));
        QVERIFY2(notAnAddress * 3 > known, qPrintable(u"known %1 ns, bare %2 ns"_s.arg(known).arg(notAnAddress)));
    }

    void anonymousNames()
    {
        QVERIFY(Authenticator::isAnonymousUsername(u"  "_s));
        QVERIFY(Authenticator::isAnonymousUsername(u"ANONYMOUS@example.com"_s));
        QVERIFY(Authenticator::isAnonymousUsername(u"@example.com"_s));
        QVERIFY(!Authenticator::isAnonymousUsername(u"guesthouse@example.com"_s));
        QVERIFY(!Authenticator::isAnonymousUsername(u"alice@guest.example.com"_s));
    }

private:
    std::unique_ptr<StoreFixture> m_fx;
    std::unique_ptr<Authenticator> m_auth;
    QList<Logged> m_log;
};

QTEST_GUILESS_MAIN(TestAccountsAuth)
#include "TestAccountsAuth.moc"
