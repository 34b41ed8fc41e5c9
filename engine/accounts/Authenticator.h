#pragma once

#include "accounts/AccountStore.h"
#include "accounts/LoginThrottle.h"
#include "core/Clock.h"
#include "core/Protocol.h"

#include <QJsonObject>
#include <QString>

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

    Authenticator(AccountStore& store, const Clock& clock, ThrottlePolicy policy = {}, DecisionSink sink = {});

    // TODO(tegami): Argon2 verification takes tens of milliseconds on the caller's thread
    // (the engine's event loop). The protocol issues should move it to a worker thread
    // (the throttle then needs a lock and the store its own connection there).
    AuthDecision authenticate(const AuthAttempt& attempt);

    LoginThrottle& throttle() { return m_throttle; }
    const LoginThrottle& throttle() const { return m_throttle; }
    void setDecisionSink(DecisionSink sink) { m_sink = std::move(sink); }

    // True for the usernames refused as anonymous: empty, "anonymous", "guest", with or
    // without a domain, in any case.
    static bool isAnonymousUsername(const QString& username);

private:
    AuthDecision decide(const AuthAttempt& attempt);
    AuthDecision failure(AuthOutcome outcome, const QString& remote, const QString& account, QString reason);
    AuthDecision banned(const Ban& ban) const;
    void upgradeHashIfNeeded(const MailboxCredentials& credentials, const QString& password, AuthDecision& decision);

    AccountStore& m_store;
    const Clock& m_clock;
    LoginThrottle m_throttle;
    DecisionSink m_sink;
    QString m_dummyHash;
};

} // namespace tegami
