#include "accounts/Authenticator.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace tegami {

QString authOutcomeName(AuthOutcome outcome)
{
    switch (outcome) {
    case AuthOutcome::Success:
        return QStringLiteral("success");
    case AuthOutcome::BadCredentials:
        return QStringLiteral("bad-credentials");
    case AuthOutcome::Anonymous:
        return QStringLiteral("anonymous");
    case AuthOutcome::AdminBarred:
        return QStringLiteral("admin-barred");
    case AuthOutcome::ProtocolNotAllowed:
        return QStringLiteral("protocol-not-allowed");
    case AuthOutcome::Disabled:
        return QStringLiteral("disabled");
    case AuthOutcome::Banned:
        return QStringLiteral("banned");
    case AuthOutcome::Unavailable:
        return QStringLiteral("unavailable");
    }
    return QStringLiteral("unavailable");
}

QJsonObject AuthDecision::toJson() const
{
    QJsonObject o {
        { QStringLiteral("ok"), ok },
        { QStringLiteral("outcome"), authOutcomeName(outcome) },
        { QStringLiteral("reason"), reason },
    };
    if (mailbox)
        o.insert(QStringLiteral("user"), mailbox->address);
    if (retryAfterSecs > 0)
        o.insert(QStringLiteral("retryAfterSecs"), retryAfterSecs);
    return o;
}

namespace {

QString randomPassword()
{
    static const QString alphabet = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    QString out;
    for (int i = 0; i < 32; ++i)
        out += alphabet.at(QRandomGenerator::system()->bounded(static_cast<int>(alphabet.size())));
    return out;
}

} // namespace

Authenticator::Authenticator(AccountStore& store, const Clock& clock, ThrottlePolicy policy, DecisionSink sink)
    : m_store(store)
    , m_clock(clock)
    , m_throttle(clock, policy)
    , m_sink(std::move(sink))
{
    // Made with the store's own parameters, so verifying it costs what a real one does.
    Result<QString> dummy = m_store.hasher().hash(randomPassword());
    if (dummy)
        m_dummyHash = *dummy;
    // Two verifications at once use both cores of a small server; more would only queue
    // inside Argon2's memory (64 MiB each).
    m_pool.setMaxThreadCount(std::max(1, std::min(QThread::idealThreadCount(), 4)));
}

Authenticator::~Authenticator()
{
    // Workers post back to m_home: none may still run when it goes.
    m_pool.waitForDone();
}

bool Authenticator::isAnonymousUsername(const QString& username)
{
    const QString name = username.trimmed();
    if (name.isEmpty())
        return true;
    const qsizetype at = name.lastIndexOf(QLatin1Char('@'));
    const QString local = at < 0 ? name : name.left(at);
    return local.compare(QLatin1String("anonymous"), Qt::CaseInsensitive) == 0
        || local.compare(QLatin1String("guest"), Qt::CaseInsensitive) == 0 || local.isEmpty();
}

AuthDecision Authenticator::authenticate(const AuthAttempt& attempt)
{
    const Prepared prepared = prepare(attempt);
    if (prepared.decided)
        return finish(attempt, *prepared.decided);
    return finish(attempt, conclude(attempt, prepared, m_store.hasher().verify(prepared.hash, attempt.password)));
}

AuthDecision Authenticator::banned(const Ban& ban) const
{
    AuthDecision d;
    d.outcome = AuthOutcome::Banned;
    const qint64 ms = m_clock.now().msecsTo(ban.until);
    d.retryAfterSecs = static_cast<int>(std::max<qint64>(1, (ms + 999) / 1000));
    d.reason = QStringLiteral("%1 %2 is banned until %3 (%4)")
                   .arg(ban.kind == BanKind::Address ? QStringLiteral("remote address") : QStringLiteral("account"),
                       ban.key, ban.until.toUTC().toString(Qt::ISODate), ban.reason);
    return d;
}

AuthDecision Authenticator::failure(AuthOutcome outcome, const QString& remote, const QString& account, QString reason)
{
    AuthDecision d;
    d.outcome = outcome;
    const QList<Ban> started = m_throttle.recordFailure(remote, account, reason);
    for (const Ban& b : started) {
        reason += QStringLiteral("; %1: %2 %3 banned for %4 s")
                      .arg(b.reason, banKindName(b.kind), b.key)
                      .arg(m_throttle.policy().banSecs);
        d.retryAfterSecs = static_cast<int>(std::max<qint64>(d.retryAfterSecs, m_throttle.policy().banSecs));
    }
    d.reason = std::move(reason);
    return d;
}

Authenticator::Prepared Authenticator::prepare(const AuthAttempt& attempt)
{
    Prepared p;
    p.remote = LoginThrottle::normaliseRemoteAddress(attempt.remoteAddress);
    if (const std::optional<Ban> ban = m_throttle.addressBan(p.remote)) {
        p.decided = banned(*ban);
        return p;
    }

    if (attempt.mechanism.compare(QLatin1String("ANONYMOUS"), Qt::CaseInsensitive) == 0) {
        p.decided = failure(AuthOutcome::Anonymous, p.remote, {}, QStringLiteral("the ANONYMOUS mechanism is refused"));
        return p;
    }
    if (isAnonymousUsername(attempt.username)) {
        p.decided = failure(AuthOutcome::Anonymous, p.remote, {},
            attempt.username.trimmed().isEmpty()
                ? QStringLiteral("empty username refused")
                : QStringLiteral("anonymous login refused (username '%1')").arg(attempt.username.trimmed()));
        return p;
    }

    // Per-account counting applies to names that are not addresses too, so a ban (or its
    // absence) never tells an attacker whether an account exists.
    const Result<EmailAddress> address = parseAddress(attempt.username, QStringLiteral("username"));
    // Capped so a flood of long junk usernames cannot fill memory through the throttle.
    constexpr qsizetype maxAccountKey = maxLocalPartOctets + 1 + maxDomainOctets;
    p.account = address ? address->toString() : attempt.username.trimmed().toLower().left(maxAccountKey);
    if (const std::optional<Ban> ban = m_throttle.accountBan(p.account)) {
        p.decided = banned(*ban);
        return p;
    }
    if (!address)
        p.unknownWhy
            = QStringLiteral("unknown user (the username is not a full address: %1)").arg(address.error().message);
    else
        p.unknownWhy = QStringLiteral("unknown user");

    if (address) {
        Result<MailboxCredentials> found = m_store.findCredentials(*address);
        if (found) {
            p.credentials = *found;
        } else if (found.error().code != ErrorCode::NotFound) {
            AuthDecision d;
            d.outcome = AuthOutcome::Unavailable;
            d.reason = QStringLiteral("cannot read the account: %1").arg(found.error().toString());
            p.decided = d;
            return p;
        }
    }
    // An unknown user is verified against the dummy hash, so the timing does not tell.
    p.hash = p.credentials ? p.credentials->passwordHash : m_dummyHash;
    return p;
}

AuthDecision Authenticator::conclude(const AuthAttempt& attempt, const Prepared& p, const Result<bool>& verified)
{
    if (!p.credentials)
        return failure(AuthOutcome::BadCredentials, p.remote, p.account, p.unknownWhy);
    if (!verified) {
        // A damaged hash is the administrator's problem, not a guess: do not count it.
        AuthDecision d;
        d.outcome = AuthOutcome::BadCredentials;
        d.reason = QStringLiteral("the stored password hash of %1 cannot be used (%2): set a new password")
                       .arg(p.account, verified.error().message);
        return d;
    }
    if (!*verified)
        return failure(AuthOutcome::BadCredentials, p.remote, p.account, QStringLiteral("wrong password"));

    const Mailbox& mailbox = p.credentials->mailbox;
    AuthDecision d;
    if (!mailbox.enabled) {
        d.outcome = AuthOutcome::Disabled;
        d.reason = QStringLiteral("the account %1 is disabled").arg(mailbox.address);
        return d;
    }
    if (mailbox.admin && (attempt.protocol == Protocol::Pop3 || attempt.protocol == Protocol::Imap)) {
        d.outcome = AuthOutcome::AdminBarred;
        d.reason = QStringLiteral("administrator accounts may not log in over %1").arg(protocolName(attempt.protocol));
        return d;
    }
    if (!mailbox.protocols.contains(attempt.protocol)) {
        d.outcome = AuthOutcome::ProtocolNotAllowed;
        d.reason = QStringLiteral("%1 is not allowed for %2 (allowed: %3)")
                       .arg(protocolName(attempt.protocol), mailbox.address,
                           mailbox.protocols.isEmpty() ? QStringLiteral("none") : mailbox.protocols.toString());
        return d;
    }
    m_throttle.recordSuccess(p.remote, p.account);
    d.outcome = AuthOutcome::Success;
    d.mailbox = mailbox;
    d.reason = attempt.mechanism.isEmpty() ? QStringLiteral("password accepted")
                                           : QStringLiteral("password accepted (%1)").arg(attempt.mechanism);
    upgradeHashIfNeeded(*p.credentials, attempt.password, d);
    return d;
}

AuthDecision Authenticator::finish(const AuthAttempt& attempt, AuthDecision decision)
{
    decision.ok = decision.outcome == AuthOutcome::Success;
    if (m_sink) {
        AuthAttempt logged = attempt;
        logged.password.clear();
        m_sink(logged, decision);
    }
    return decision;
}

void Authenticator::authenticateAsync(const AuthAttempt& attempt, QObject* context, Callback done)
{
    Prepared prepared = prepare(attempt);
    QPointer<QObject> guard(context);
    if (prepared.decided) {
        // Answered without a hash to verify: still later, never from inside this call.
        QMetaObject::invokeMethod(
            &m_home,
            [this, attempt, decision = *prepared.decided, guard, done = std::move(done)]() mutable {
                AuthDecision d = finish(attempt, std::move(decision));
                if (guard)
                    done(d);
            },
            Qt::QueuedConnection);
        return;
    }
    // Argon2 takes tens to hundreds of milliseconds: on a worker, so one login never
    // stalls every other session on the engine's event loop. The hasher is a value with
    // no shared state, and the result comes back to m_home on this thread; an
    // Authenticator waits for its workers before it goes.
    const PasswordHasher hasher = m_store.hasher();
    const QString hash = prepared.hash;
    const QString password = attempt.password;
    m_pool.start([this, hasher, hash, password, attempt, prepared = std::move(prepared), guard,
                     done = std::move(done)]() mutable {
        Result<bool> verified = hasher.verify(hash, password);
        QMetaObject::invokeMethod(
            &m_home,
            [this, attempt, prepared = std::move(prepared), verified = std::move(verified), guard,
                done = std::move(done)]() mutable {
                AuthDecision d = finish(attempt, conclude(attempt, prepared, verified));
                if (guard)
                    done(d);
            },
            Qt::QueuedConnection);
    });
}

void Authenticator::upgradeHashIfNeeded(
    const MailboxCredentials& credentials, const QString& password, AuthDecision& decision)
{
    if (!m_store.hasher().needsRehash(credentials.passwordHash))
        return;
    Result<QString> fresh = m_store.hasher().hash(password);
    if (!fresh)
        return; // e.g. a password from before today's length rule: keep the old hash
    if (m_store.upgradePasswordHash(credentials.mailbox.id, credentials.passwordHash, *fresh))
        decision.reason += QStringLiteral("; password hash upgraded to the current Argon2 parameters");
}

} // namespace tegami
