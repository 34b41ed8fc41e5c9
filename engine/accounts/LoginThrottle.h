#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>

namespace tegami {

// Limits on failed logins. Failures are counted in a sliding window per remote address
// and per account; the failure that reaches a limit starts a ban of banSecs. A limit of 0
// switches that count off.
struct ThrottlePolicy {
    int maxFailuresPerAddress = 10;
    int maxFailuresPerAccount = 5;
    qint64 windowSecs = 900;
    qint64 banSecs = 900;
};

enum class BanKind {
    Address, // everything from one remote address is refused
    Account, // one account is refused from every address
};
QString banKindName(BanKind kind); // "address", "account"

struct Ban {
    BanKind kind = BanKind::Address;
    QString key; // the remote address ("192.0.2.7") or the account ("alice@example.com")
    QDateTime until;
    int failures = 0; // failed logins that led to it; 0 for a ban set by an administrator
    QString reason;

    QJsonObject toJson() const;
};

struct LoginFailure {
    QDateTime when;
    QString remoteAddress;
    QString account; // the normalised username; empty for anonymous attempts
    QString reason; // never contains the password

    QJsonObject toJson() const;
};

// Counts failed logins and keeps temporary bans, in memory: a restart forgives everyone,
// which is the usual trade-off for a temporary ban. Time comes from the injected Clock.
// Not thread-safe; it lives with the Authenticator on the engine's thread.
class LoginThrottle {
public:
    explicit LoginThrottle(const Clock& clock, ThrottlePolicy policy = {});

    const ThrottlePolicy& policy() const { return m_policy; }
    void setPolicy(const ThrottlePolicy& policy) { m_policy = policy; }

    // The ban in force for a remote address / an account, if any.
    std::optional<Ban> addressBan(const QString& remoteAddress) const;
    std::optional<Ban> accountBan(const QString& account) const;

    // Records a failed login (`account` empty when there is none to blame) and returns
    // the bans it started, if any.
    QList<Ban> recordFailure(const QString& remoteAddress, const QString& account, const QString& reason);
    // A successful login forgives the account owner's own recent typos from that address
    // only: failures from that address against other accounts, and against this account
    // from other addresses, still count.
    void recordSuccess(const QString& remoteAddress, const QString& account);

    int addressFailures(const QString& remoteAddress) const;
    int accountFailures(const QString& account) const;

    // Bans in force, soonest to expire first.
    QList<Ban> bans() const;
    // Lifts any ban on `key` (a remote address or an account) and forgets its failures.
    // NotFound when nothing was banned.
    Result<void> unban(const QString& key);
    // An administrator's ban of a remote address (IPv4 or IPv6) for `secs` seconds.
    // `reason` (the admin's words, e.g. "brute force seen in the log") is kept with the ban.
    Result<Ban> ban(const QString& remoteAddress, qint64 secs, const QString& reason = {});
    // Failed logins still inside the window, newest first.
    QList<LoginFailure> recentFailures(int limit = 100) const;

    // "::ffff:192.0.2.7" and "192.0.2.7" are one client; anything that is not an IP
    // address (a test transport's name) is kept as it is.
    static QString normaliseRemoteAddress(const QString& remoteAddress);

    static constexpr qsizetype maxTrackedFailures = 100000;
    static constexpr qint64 maxManualBanSecs = qint64(366) * 24 * 3600;

private:
    void prune();
    std::optional<Ban> findBan(BanKind kind, const QString& key) const;
    int countFailures(bool byAddress, const QString& key) const;

    const Clock& m_clock;
    ThrottlePolicy m_policy;
    std::deque<LoginFailure> m_failures; // oldest first
    QList<Ban> m_bans;
};

} // namespace tegami
