#pragma once

#include "accounts/AccountStore.h"
#include "accounts/LoginThrottle.h"
#include "core/Clock.h"
#include "core/Protocol.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace tegami {

enum class AuthOutcome {
    Success,
    BadCredentials, // unknown user or wrong password: deliberately one outcome
    Anonymous, // anonymous / guest / empty username, or the ANONYMOUS mechanism
    AdminBarred, // administrator accounts may not use POP3 or IMAP4
    ProtocolNotAllowed, // the mailbox is not allowed this protocol
    Disabled,
    Banned, // the remote address or the account is temporarily banned
    Unavailable, // the accounts database failed: a temporary error, try again later
};
QString authOutcomeName(AuthOutcome outcome); // "success", "bad-credentials", ...

struct AuthAttempt {
    QString username;
    QString password;
    Protocol protocol = Protocol::Imap;
    QString remoteAddress; // as the listener saw it: "198.51.100.7"
    QString mechanism; // "PLAIN", "LOGIN", "USER" ...
};

struct AuthDecision {
    bool ok = false;
    std::optional<Mailbox> mailbox; // set on Success only
    AuthOutcome outcome = AuthOutcome::BadCredentials;
    QString reason; // for the log; never contains the password
    int retryAfterSecs = 0; // when a ban is in force (or was just started)

    QJsonObject toJson() const;
};

// The login policy every protocol uses. Checks, in order: a ban on the remote address;
// anonymous logins; a ban on the account; the password (an unknown user is verified
// against a dummy hash so the answer and its timing do not reveal which addresses
// exist); then, only for a correct password, disabled, admin-on-POP3/IMAP4 and the
// mailbox's allowed protocols. Wrong passwords, unknown users and anonymous attempts
// count as failures for the throttle. Every decision goes to the sink with the
// attempt's password cleared.
class Authenticator {
public:
    using DecisionSink = std::function<void(const AuthAttempt&, const AuthDecision&)>;

    using Callback = std::function<void(const AuthDecision&)>;

    Authenticator(AccountStore& store, const Clock& clock, ThrottlePolicy policy = {}, DecisionSink sink = {});
    ~Authenticator();
    Authenticator(const Authenticator&) = delete;
    Authenticator& operator=(const Authenticator&) = delete;

    // Decides at once, verifying the password on the caller's thread (Argon2: tens to
    // hundreds of milliseconds). For tools and tests; sessions use authenticateAsync().
    AuthDecision authenticate(const AuthAttempt& attempt);
    // The same decision, with the password verified on a worker thread so the event loop
    // keeps serving other sessions. `done` runs later on this thread (never from inside
    // this call), and not at all once `context` is destroyed. The throttle, the database
    // and the decision sink are only used on this thread.
    void authenticateAsync(const AuthAttempt& attempt, QObject* context, Callback done);

    LoginThrottle& throttle() { return m_throttle; }
    const LoginThrottle& throttle() const { return m_throttle; }
    void setDecisionSink(DecisionSink sink) { m_sink = std::move(sink); }

    // True for the usernames refused as anonymous: empty, "anonymous", "guest", with or
    // without a domain, in any case.
    static bool isAnonymousUsername(const QString& username);

private:
    // The checks before and after the password verification, so the verification alone
    // can run elsewhere.
    struct Prepared {
        std::optional<AuthDecision> decided; // answered without verifying (ban, anonymous, database error)
        QString remote;
        QString account;
        QString unknownWhy;
        std::optional<MailboxCredentials> credentials;
        QString hash; // the account's, or the dummy one for an unknown user
    };
    Prepared prepare(const AuthAttempt& attempt);
    AuthDecision conclude(const AuthAttempt& attempt, const Prepared& prepared, const Result<bool>& verified);
    AuthDecision finish(const AuthAttempt& attempt, AuthDecision decision); // sets ok, tells the sink
    AuthDecision failure(AuthOutcome outcome, const QString& remote, const QString& account, QString reason);
    AuthDecision banned(const Ban& ban) const;
    void upgradeHashIfNeeded(const MailboxCredentials& credentials, const QString& password, AuthDecision& decision);

    AccountStore& m_store;
    const Clock& m_clock;
    LoginThrottle m_throttle;
    DecisionSink m_sink;
    QString m_dummyHash;
    QObject m_home; // where workers' results are delivered (this thread)
    QThreadPool m_pool; // declared last: destroyed (and waited for) first
};

} // namespace tegami
