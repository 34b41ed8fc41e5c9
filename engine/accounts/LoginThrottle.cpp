#include "accounts/LoginThrottle.h"

#include "accounts/EmailAddress.h"

#include <QHostAddress>

#include <algorithm>

namespace tegami {

QString banKindName(BanKind kind)
{
    return kind == BanKind::Address ? QStringLiteral("address") : QStringLiteral("account");
}

QJsonObject Ban::toJson() const
{
    return {
        { QStringLiteral("kind"), banKindName(kind) },
        { QStringLiteral("key"), key },
        { QStringLiteral("until"), until.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("failures"), failures },
        { QStringLiteral("reason"), reason },
    };
}

QJsonObject LoginFailure::toJson() const
{
    return {
        { QStringLiteral("time"), when.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("remoteAddress"), remoteAddress },
        { QStringLiteral("account"), account },
        { QStringLiteral("reason"), reason },
    };
}

LoginThrottle::LoginThrottle(const Clock& clock, ThrottlePolicy policy)
    : m_clock(clock)
    , m_policy(policy)
{ }

QString LoginThrottle::normaliseRemoteAddress(const QString& remoteAddress)
{
    const QString trimmed = remoteAddress.trimmed();
    QHostAddress host;
    if (!host.setAddress(trimmed))
        return trimmed;
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    host.setScopeId(QString());
    return host.toString();
}

void LoginThrottle::prune()
{
    const QDateTime now = m_clock.now();
    const QDateTime windowStart = now.addSecs(-m_policy.windowSecs);
    while (!m_failures.empty() && (m_failures.front().when <= windowStart))
        m_failures.pop_front();
    // A flood from many addresses must not grow memory without bound; the oldest
    // failures matter least.
    while (static_cast<qsizetype>(m_failures.size()) > maxTrackedFailures)
        m_failures.pop_front();
    m_bans.removeIf([&](const Ban& b) { return b.until <= now; });
}

std::optional<Ban> LoginThrottle::findBan(BanKind kind, const QString& key) const
{
    const QDateTime now = m_clock.now();
    for (const Ban& b : m_bans) {
        if (b.kind == kind && b.key == key && b.until > now)
            return b;
    }
    return std::nullopt;
}

std::optional<Ban> LoginThrottle::addressBan(const QString& remoteAddress) const
{
    return findBan(BanKind::Address, normaliseRemoteAddress(remoteAddress));
}

std::optional<Ban> LoginThrottle::accountBan(const QString& account) const
{
    if (account.isEmpty())
        return std::nullopt;
    return findBan(BanKind::Account, account);
}

int LoginThrottle::countFailures(bool byAddress, const QString& key) const
{
    const QDateTime windowStart = m_clock.now().addSecs(-m_policy.windowSecs);
    return static_cast<int>(std::count_if(m_failures.begin(), m_failures.end(), [&](const LoginFailure& f) {
        return f.when > windowStart && (byAddress ? f.remoteAddress : f.account) == key;
    }));
}

int LoginThrottle::addressFailures(const QString& remoteAddress) const
{
    return countFailures(true, normaliseRemoteAddress(remoteAddress));
}

int LoginThrottle::accountFailures(const QString& account) const
{
    return account.isEmpty() ? 0 : countFailures(false, account);
}

QList<Ban> LoginThrottle::recordFailure(const QString& remoteAddress, const QString& account, const QString& reason)
{
    prune();
    const QDateTime now = m_clock.now();
    const QString remote = normaliseRemoteAddress(remoteAddress);
    m_failures.push_back(LoginFailure { now, remote, account, reason });

    QList<Ban> started;
    const auto maybeBan = [&](BanKind kind, const QString& key, int limit, int failures) {
        if (limit <= 0 || failures < limit || findBan(kind, key))
            return;
        const QString what
            = kind == BanKind::Address ? QStringLiteral("from this address") : QStringLiteral("for this account");
        Ban b { kind, key, now.addSecs(m_policy.banSecs), failures,
            QStringLiteral("%1 failed logins %2 within %3 s").arg(failures).arg(what).arg(m_policy.windowSecs) };
        m_bans.append(b);
        started.append(b);
    };
    maybeBan(BanKind::Address, remote, m_policy.maxFailuresPerAddress, countFailures(true, remote));
    if (!account.isEmpty())
        maybeBan(BanKind::Account, account, m_policy.maxFailuresPerAccount, countFailures(false, account));
    return started;
}

void LoginThrottle::recordSuccess(const QString& remoteAddress, const QString& account)
{
    prune();
    const QString remote = normaliseRemoteAddress(remoteAddress);
    std::erase_if(m_failures, [&](const LoginFailure& f) { return f.remoteAddress == remote && f.account == account; });
}

QList<Ban> LoginThrottle::bans() const
{
    const QDateTime now = m_clock.now();
    QList<Ban> active;
    for (const Ban& b : m_bans) {
        if (b.until > now)
            active.append(b);
    }
    std::stable_sort(active.begin(), active.end(), [](const Ban& a, const Ban& b) { return a.until < b.until; });
    return active;
}

Result<void> LoginThrottle::unban(const QString& key)
{
    prune();
    QString normal = normaliseRemoteAddress(key);
    if (Result<EmailAddress> address = parseAddress(key); address)
        normal = address->toString();
    const qsizetype removed = m_bans.removeIf([&](const Ban& b) { return b.key == normal; });
    if (removed == 0) {
        return Error::notFound(QStringLiteral("there is no ban in force for '%1': the list of bans shows the "
                                              "addresses and accounts that are banned")
                                   .arg(key));
    }
    // Otherwise the next single failure would start the same ban again at once.
    std::erase_if(m_failures, [&](const LoginFailure& f) { return f.remoteAddress == normal || f.account == normal; });
    return {};
}

Result<Ban> LoginThrottle::ban(const QString& remoteAddress, qint64 secs, const QString& reason)
{
    prune();
    QHostAddress host;
    if (!host.setAddress(remoteAddress.trimmed())) {
        return Error::invalid(QStringLiteral("address"),
            QStringLiteral("'%1' is not an IP address: give an IPv4 or IPv6 address such as "
                           "192.0.2.7 or 2001:db8::7")
                .arg(remoteAddress));
    }
    if (secs <= 0 || secs > maxManualBanSecs) {
        return Error::invalid(QStringLiteral("secs"),
            QStringLiteral("a ban lasts from 1 second to %1 seconds (366 days); %2 is outside that")
                .arg(maxManualBanSecs)
                .arg(secs));
    }
    const QString key = normaliseRemoteAddress(remoteAddress);
    m_bans.removeIf([&](const Ban& b) { return b.kind == BanKind::Address && b.key == key; });
    const QString why = reason.trimmed().left(200);
    Ban b { BanKind::Address, key, m_clock.now().addSecs(secs), 0,
        why.isEmpty() ? QStringLiteral("banned by an administrator")
                      : QStringLiteral("banned by an administrator: %1").arg(why) };
    m_bans.append(b);
    return b;
}

QList<LoginFailure> LoginThrottle::recentFailures(int limit) const
{
    const QDateTime windowStart = m_clock.now().addSecs(-m_policy.windowSecs);
    QList<LoginFailure> out;
    for (auto it = m_failures.rbegin(); it != m_failures.rend() && out.size() < limit; ++it) {
        if (it->when > windowStart)
            out.append(*it);
    }
    return out;
}

} // namespace tegami
