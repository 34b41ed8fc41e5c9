#include "accounts/Authenticator.h"

#include "AccountsFixture.h"

using namespace tegami;
using namespace tegami::testing;
using namespace Qt::StringLiterals;

namespace {

const QString pw = u"Wonderland-42"_s;

} // namespace

class TestAccountsThrottle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<StoreFixture>();
        QVERIFY(m_fx->open());
        TEGAMI_VERIFY_OK(m_fx->store->addDomain(u"example.com"_s));
        for (const QString& name : { u"alice"_s, u"bob"_s }) {
            NewMailbox m;
            m.address = name + u"@example.com"_s;
            m.password = pw;
            TEGAMI_VERIFY_OK(m_fx->store->addMailbox(m));
        }
        m_auth = std::make_unique<Authenticator>(*m_fx->store, m_fx->clock); // default policy: 10 / 5 / 900 / 900
    }
    void cleanup()
    {
        m_auth.reset();
        m_fx.reset();
    }

    void accountBanAppliesFromEveryAddress()
    {
        for (int i = 1; i <= 4; ++i) {
            const AuthDecision d = login(u"alice@example.com"_s, u"guess-%1"_s.arg(i), u"192.0.2.%1"_s.arg(i));
            QCOMPARE(d.outcome, AuthOutcome::BadCredentials);
            QCOMPARE(d.retryAfterSecs, 0);
        }
        const AuthDecision fifth = login(u"alice@example.com"_s, u"guess-5"_s, u"192.0.2.5"_s);
        QCOMPARE(fifth.outcome, AuthOutcome::BadCredentials);
        QVERIFY2(fifth.reason.contains(u"account alice@example.com banned for 900 s"_s), qPrintable(fifth.reason));
        QCOMPARE(fifth.retryAfterSecs, 900);

        m_fx->clock.advanceSecs(10);
        const AuthDecision banned = login(u"Alice@example.com"_s, pw, u"203.0.113.9"_s);
        QCOMPARE(banned.outcome, AuthOutcome::Banned);
        QCOMPARE(banned.retryAfterSecs, 890);
        QVERIFY(banned.reason.contains(u"account alice@example.com is banned until"_s));
        // Other accounts, even from the attacking addresses, are not affected.
        QVERIFY(login(u"bob@example.com"_s, pw, u"192.0.2.1"_s).ok);

        m_fx->clock.advanceSecs(889);
        QCOMPARE(login(u"alice@example.com"_s, pw, u"203.0.113.9"_s).outcome, AuthOutcome::Banned);
        m_fx->clock.advanceSecs(1);
        QVERIFY(login(u"alice@example.com"_s, pw, u"203.0.113.9"_s).ok);
    }

    void addressBanRefusesEverything()
    {
        // Ten unknown users from one address, two each so no account limit is reached.
        for (int i = 0; i < 10; ++i) {
            const AuthDecision d = login(u"user%1@example.com"_s.arg(i / 2), u"guess-%1"_s.arg(i), u"192.0.2.66"_s);
            QCOMPARE(d.outcome, AuthOutcome::BadCredentials);
            QCOMPARE(d.reason.contains(u"address 192.0.2.66 banned"_s), i == 9);
        }
        const AuthDecision fromBanned = login(u"alice@example.com"_s, pw, u"192.0.2.66"_s);
        QCOMPARE(fromBanned.outcome, AuthOutcome::Banned);
        QVERIFY(fromBanned.reason.contains(u"remote address 192.0.2.66 is banned"_s));
        // Anonymous attempts from there are refused as banned too, before anything else.
        QCOMPARE(login(u"guest"_s, pw, u"192.0.2.66"_s).outcome, AuthOutcome::Banned);
        // The same account from elsewhere is fine.
        QVERIFY(login(u"alice@example.com"_s, pw, u"192.0.2.67"_s).ok);

        const QList<Ban> bans = m_auth->throttle().bans();
        QCOMPARE(bans.size(), 1);
        QCOMPARE(bans[0].kind, BanKind::Address);
        QCOMPARE(bans[0].key, u"192.0.2.66"_s);
        QCOMPARE(bans[0].failures, 10);
        QCOMPARE(bans[0].until, m_fx->clock.now().addSecs(900));

        m_fx->clock.advanceSecs(900);
        QVERIFY(m_auth->throttle().bans().isEmpty());
        QVERIFY(login(u"alice@example.com"_s, pw, u"192.0.2.66"_s).ok);
    }

    void failuresSlideOutOfTheWindow()
    {
        for (int i = 0; i < 4; ++i)
            login(u"alice@example.com"_s, u"typo-typo"_s, u"192.0.2.1"_s);
        QCOMPARE(m_auth->throttle().accountFailures(u"alice@example.com"_s), 4);
        m_fx->clock.advanceSecs(901);
        QCOMPARE(m_auth->throttle().accountFailures(u"alice@example.com"_s), 0);
        for (int i = 0; i < 4; ++i)
            login(u"alice@example.com"_s, u"typo-typo"_s, u"192.0.2.1"_s);
        QVERIFY(login(u"alice@example.com"_s, pw, u"192.0.2.1"_s).ok);
        QVERIFY(m_auth->throttle().bans().isEmpty());
    }

    void successForgivesOnlyTheOwnersTypos()
    {
        // Alice's own typos from her address are forgiven by her successful login ...
        for (int i = 0; i < 4; ++i)
            login(u"alice@example.com"_s, u"typo-typo"_s, u"192.0.2.1"_s);
        QVERIFY(login(u"alice@example.com"_s, pw, u"192.0.2.1"_s).ok);
        QCOMPARE(m_auth->throttle().accountFailures(u"alice@example.com"_s), 0);
        for (int i = 0; i < 4; ++i)
            login(u"alice@example.com"_s, u"typo-typo"_s, u"192.0.2.1"_s);
        QVERIFY(m_auth->throttle().accountBan(u"alice@example.com"_s) == std::nullopt);

        // ... but an attacker with one valid account cannot reset the count of its address.
        for (int i = 0; i < 9; ++i)
            login(u"victim%1@example.com"_s.arg(i), u"guess-guess"_s, u"198.51.100.5"_s);
        QVERIFY(login(u"bob@example.com"_s, pw, u"198.51.100.5"_s).ok);
        QCOMPARE(m_auth->throttle().addressFailures(u"198.51.100.5"_s), 9);
        const AuthDecision tenth = login(u"victim9@example.com"_s, u"guess-guess"_s, u"198.51.100.5"_s);
        QVERIFY2(tenth.reason.contains(u"address 198.51.100.5 banned"_s), qPrintable(tenth.reason));
        QCOMPARE(login(u"bob@example.com"_s, pw, u"198.51.100.5"_s).outcome, AuthOutcome::Banned);

        // ... nor does a success elsewhere erase failures against the account.
        for (int i = 0; i < 4; ++i)
            login(u"bob@example.com"_s, u"guess-guess"_s, u"203.0.113.%1"_s.arg(i));
        QVERIFY(login(u"bob@example.com"_s, pw, u"192.0.2.1"_s).ok);
        QCOMPARE(m_auth->throttle().accountFailures(u"bob@example.com"_s), 4);
    }

    void unknownAccountsAreThrottledLikeRealOnes()
    {
        for (int i = 0; i < 5; ++i)
            login(u"ghost@example.com"_s, u"guess-guess"_s, u"192.0.2.%1"_s.arg(i));
        const AuthDecision ghost = login(u"ghost@example.com"_s, pw, u"192.0.2.99"_s);
        QCOMPARE(ghost.outcome, AuthOutcome::Banned);
        QCOMPARE(ghost.retryAfterSecs, 900);
    }

    void anonymousAttemptsCountPerAddress()
    {
        for (int i = 0; i < 10; ++i)
            QCOMPARE(login(u"anonymous"_s, u"x"_s, u"192.0.2.8"_s).outcome, AuthOutcome::Anonymous);
        QCOMPARE(login(u"alice@example.com"_s, pw, u"192.0.2.8"_s).outcome, AuthOutcome::Banned);
    }

    void mappedAddressesAreOneClient()
    {
        QCOMPARE(LoginThrottle::normaliseRemoteAddress(u"::ffff:192.0.2.7"_s), u"192.0.2.7"_s);
        QCOMPARE(LoginThrottle::normaliseRemoteAddress(u"2001:DB8:0:0::7"_s), u"2001:db8::7"_s);
        QCOMPARE(LoginThrottle::normaliseRemoteAddress(u"memory-transport"_s), u"memory-transport"_s);
        for (int i = 0; i < 5; ++i)
            login(u"x%1@example.com"_s.arg(i), u"guess-guess"_s, u"::ffff:192.0.2.7"_s);
        for (int i = 5; i < 10; ++i)
            login(u"x%1@example.com"_s.arg(i), u"guess-guess"_s, u"192.0.2.7"_s);
        QVERIFY(m_auth->throttle().addressBan(u"::ffff:192.0.2.7"_s).has_value());
    }

    void adminBanAndUnban()
    {
        LoginThrottle& t = m_auth->throttle();
        const Result<Ban> ban = t.ban(u" 198.51.100.20 "_s, 3600);
        TEGAMI_VERIFY_OK(ban);
        QCOMPARE(ban->failures, 0);
        QCOMPARE(ban->reason, u"banned by an administrator"_s);
        const AuthDecision d = login(u"alice@example.com"_s, pw, u"198.51.100.20"_s);
        QCOMPARE(d.outcome, AuthOutcome::Banned);
        QCOMPARE(d.retryAfterSecs, 3600);
        QCOMPARE(t.bans().size(), 1);
        QCOMPARE(t.bans()[0].toJson().value(u"kind"_s).toString(), u"address"_s);

        TEGAMI_VERIFY_OK(t.unban(u"198.51.100.20"_s));
        QVERIFY(login(u"alice@example.com"_s, pw, u"198.51.100.20"_s).ok);
        QCOMPARE(t.unban(u"198.51.100.20"_s).error().code, ErrorCode::NotFound);

        QCOMPARE(t.ban(u"mail.example.com"_s, 60).error().field, u"address"_s);
        QCOMPARE(t.ban(u"192.0.2.1"_s, 0).error().field, u"secs"_s);
        QCOMPARE(t.ban(u"192.0.2.1"_s, LoginThrottle::maxManualBanSecs + 1).error().field, u"secs"_s);
    }

    void unbanAccountForgetsItsFailures()
    {
        for (int i = 0; i < 5; ++i)
            login(u"alice@example.com"_s, u"guess-guess"_s, u"192.0.2.%1"_s.arg(i));
        QVERIFY(m_auth->throttle().accountBan(u"alice@example.com"_s));
        TEGAMI_VERIFY_OK(m_auth->throttle().unban(u"ALICE@example.com"_s));
        const AuthDecision again = login(u"alice@example.com"_s, u"one-more-typo"_s, u"192.0.2.1"_s);
        QCOMPARE(again.outcome, AuthOutcome::BadCredentials);
        QVERIFY(!again.reason.contains(u"banned"_s));
        QVERIFY(login(u"alice@example.com"_s, pw, u"192.0.2.1"_s).ok);
    }

    void recentFailuresNewestFirst()
    {
        login(u"alice@example.com"_s, u"first-guess"_s, u"192.0.2.1"_s);
        m_fx->clock.advanceSecs(5);
        login(u"guest"_s, u"x"_s, u"192.0.2.2"_s);
        m_fx->clock.advanceSecs(5);
        login(u"nobody@example.com"_s, u"third-guess"_s, u"192.0.2.3"_s);
        login(u"alice@example.com"_s, pw, u"192.0.2.4"_s); // a success is not a failure

        const QList<LoginFailure> failures = m_auth->throttle().recentFailures();
        QCOMPARE(failures.size(), 3);
        QCOMPARE(failures[0].remoteAddress, u"192.0.2.3"_s);
        QCOMPARE(failures[0].account, u"nobody@example.com"_s);
        QCOMPARE(failures[0].reason, u"unknown user"_s);
        QCOMPARE(failures[1].account, QString());
        QCOMPARE(failures[2].account, u"alice@example.com"_s);
        QCOMPARE(failures[2].when, m_fx->clock.now().addSecs(-10));
        QCOMPARE(m_auth->throttle().recentFailures(1).size(), 1);
        m_fx->clock.advanceSecs(900);
        QCOMPARE(m_auth->throttle().recentFailures().size(), 0);
    }

    void policyLimitsAreConfigurable()
    {
        LoginThrottle t(m_fx->clock, ThrottlePolicy { 0, 2, 60, 30 });
        QVERIFY(t.recordFailure(u"192.0.2.1"_s, u"a@example.com"_s, u"wrong password"_s).isEmpty());
        const QList<Ban> started = t.recordFailure(u"192.0.2.1"_s, u"a@example.com"_s, u"wrong password"_s);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started[0].kind, BanKind::Account);
        QCOMPARE(started[0].until, m_fx->clock.now().addSecs(30));
        for (int i = 0; i < 50; ++i)
            t.recordFailure(u"192.0.2.1"_s, QString(), u"anonymous"_s);
        QVERIFY(!t.addressBan(u"192.0.2.1"_s)); // 0 switches the address limit off
    }

private:
    AuthDecision login(const QString& user, const QString& password, const QString& remote)
    {
        return m_auth->authenticate({ user, password, Protocol::Imap, remote, u"PLAIN"_s });
    }

    std::unique_ptr<StoreFixture> m_fx;
    std::unique_ptr<Authenticator> m_auth;
};

QTEST_GUILESS_MAIN(TestAccountsThrottle)
#include "TestAccountsThrottle.moc"
