// The AUTHORIZATION state (RFC 1939 USER/PASS, RFC 5034 AUTH, RFC 2595 STLS), CAPA and
// QUIT with the UPDATE state.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "pop3/Pop3Session.h"

namespace tegami {

namespace {

// A SASL response line: base64 of authzid, user name (an address) and a password of at
// most maxPasswordBytes, with room to spare.
constexpr qsizetype kMaxSaslLine = 4096;

QByteArray trimmed(const QByteArray& args)
{
    return args.trimmed();
}

} // namespace

bool Pop3Session::loginAllowedNow() const
{
    // secureLogin and plainTextAuthentication differ only for mechanisms that do not send
    // the password (none is offered: passwords are stored hashed, so APOP and CRAM-MD5 are
    // impossible), so both require TLS before USER, PASS and AUTH.
    return m_tlsActive || setting("pop3.loginType") == QLatin1String("plainTextLogin");
}

void Pop3Session::refuseLoginWithoutTls()
{
    QString problem;
    if (tlsOffered(&problem)) {
        err("[AUTH] this server accepts passwords only over TLS: send STLS first, or connect with POP3 over "
            "SSL/TLS (usually port 995)");
    } else {
        m_log.note(QStringLiteral("login refused without TLS, and TLS cannot be offered: %1").arg(problem));
        err("[AUTH] this server accepts passwords only over TLS, but TLS is not available right now; "
            "ask your administrator");
    }
}

void Pop3Session::cmdCapa(const QByteArray&)
{
    QByteArray body = "TOP\r\nUIDL\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\n";
    QString problem;
    if (m_state == State::Authorization && tlsOffered(&problem))
        body += "STLS\r\n";
    // RFC 2449: what may be used in AUTHORIZATION is announced in both states; before TLS
    // (unless plain-text logins are allowed) that excludes every way to log in.
    if (loginAllowedNow())
        body += "USER\r\nSASL " + SaslExchange::mechanisms().join(' ') + "\r\n";
    if (m_state == State::Transaction && m_maildrop) {
        const PopAfterRetrieval after = m_maildrop->policy().afterRetrieval;
        // Deleted or archived after retrieval: gone from the maildrop as soon as the session
        // that retrieved it ends.
        const bool expires = after == PopAfterRetrieval::Delete || after == PopAfterRetrieval::Archive;
        body += expires ? "EXPIRE 0\r\n" : "EXPIRE NEVER\r\n";
    }
    body += "IMPLEMENTATION Tegami\r\n";
    sendBlock("+OK capability list follows", body, true);
}

void Pop3Session::cmdUser(const QByteArray& args)
{
    if (!loginAllowedNow()) {
        refuseLoginWithoutTls();
        return;
    }
    const QByteArray name = trimmed(args);
    if (name.isEmpty()) {
        err("USER needs your mailbox address, for example USER alice@example.com");
        return;
    }
    m_pendingUser = QString::fromUtf8(name);
    // The same answer for every name: it must not reveal which mailboxes exist.
    ok("send your password with PASS");
}

void Pop3Session::cmdPass(const QByteArray& args)
{
    if (!loginAllowedNow()) {
        refuseLoginWithoutTls();
        return;
    }
    if (m_pendingUser.isEmpty()) {
        err("send USER with your mailbox address first");
        return;
    }
    const QString user = std::exchange(m_pendingUser, QString());
    // The password is everything after "PASS ", spaces included (RFC 1939 is silent on
    // spaces; taking the rest of the line is what clients expect).
    authenticate(user, QString::fromUtf8(args), QStringLiteral("USER"));
}

void Pop3Session::cmdApop(const QByteArray&)
{
    err("APOP is not supported: passwords are stored hashed, so the server cannot check an APOP digest; "
        "use USER and PASS or AUTH over TLS");
}

void Pop3Session::cmdAuth(const QByteArray& args)
{
    const QByteArray text = trimmed(args);
    if (text.isEmpty()) {
        // The listing form of AUTH (RFC 1734 practice, kept by RFC 5034 servers).
        QByteArray body;
        if (loginAllowedNow()) {
            for (const QByteArray& m : SaslExchange::mechanisms())
                body += m + "\r\n";
        }
        sendBlock("+OK SASL mechanisms follow", body, true);
        return;
    }
    if (!loginAllowedNow()) {
        refuseLoginWithoutTls();
        return;
    }
    const qsizetype space = text.indexOf(' ');
    const QByteArray mechanism = space < 0 ? text : text.first(space);
    std::optional<QByteArray> initial;
    if (space >= 0)
        initial = text.sliced(space + 1).trimmed();
    if (!SaslExchange::isSupported(mechanism)) {
        err("unsupported SASL mechanism; use " + SaslExchange::mechanisms().join(" or "));
        return;
    }
    m_sasl = std::make_unique<SaslExchange>(mechanism);
    takeSaslStep(m_sasl->start(initial));
}

void Pop3Session::handleSaslLine(const QByteArray& line)
{
    if (!m_sasl) {
        err("unexpected SASL response");
        return;
    }
    takeSaslStep(m_sasl->respond(line));
}

void Pop3Session::takeSaslStep(const SaslStep& step)
{
    switch (step.kind) {
    case SaslStep::Kind::Challenge:
        sendLine("+ " + step.challenge);
        m_parser.expectRawLine(std::max<qsizetype>(kMaxSaslLine, m_parser.maxLineBytes()));
        return;
    case SaslStep::Kind::Cancelled:
        m_sasl.reset();
        err("authentication cancelled");
        return;
    case SaslStep::Kind::Failed:
        m_sasl.reset();
        err(step.error.toUtf8());
        return;
    case SaslStep::Kind::Done: {
        const QString mechanism = QString::fromLatin1(m_sasl->mechanism());
        m_sasl.reset();
        authenticate(step.credentials.username, step.credentials.password, mechanism);
        return;
    }
    }
}

void Pop3Session::authenticate(const QString& username, QString password, const QString& mechanism)
{
    AuthAttempt attempt;
    attempt.username = username;
    attempt.password = std::move(password);
    attempt.protocol = Protocol::Pop3;
    attempt.remoteAddress = m_options.remoteAddress;
    attempt.mechanism = mechanism;
    // The password is verified on a worker; input waits (isBusy) until the answer is out.
    m_authPending = true;
    m_deps.authenticator.authenticateAsync(attempt, this, [this](const AuthDecision& decision) {
        m_authPending = false;
        if (m_state == State::Closed)
            return;
        if (!decision.ok || !decision.mailbox)
            loginFailed(decision);
        else
            completeLogin(decision.mailbox->address);
        resumeInput(m_transport);
    });
    attempt.password.fill(QChar(0));
}

void Pop3Session::loginFailed(const AuthDecision& decision)
{
    m_log.note(QStringLiteral("login failed (%1): %2").arg(authOutcomeName(decision.outcome), decision.reason));
    switch (decision.outcome) {
    case AuthOutcome::Unavailable:
        err("[SYS/TEMP] the account database is not available right now; try again later");
        return;
    case AuthOutcome::Anonymous:
        replyLater("-ERR [AUTH] anonymous and guest logins are not allowed; log in with your own mailbox address");
        return;
    case AuthOutcome::AdminBarred:
        replyLater("-ERR [AUTH] administrator accounts cannot read mail over POP3; use a personal mailbox");
        return;
    case AuthOutcome::ProtocolNotAllowed:
        replyLater("-ERR [AUTH] POP3 is not enabled for this mailbox; ask your administrator");
        return;
    case AuthOutcome::Disabled:
        replyLater("-ERR [AUTH] this mailbox is disabled; ask your administrator");
        return;
    case AuthOutcome::Banned: {
        const int minutes = std::max(1, (decision.retryAfterSecs + 59) / 60);
        replyLater("-ERR [AUTH] too many failed logins; try again in " + QByteArray::number(minutes) + " minutes");
        return;
    }
    case AuthOutcome::BadCredentials:
    case AuthOutcome::Success:
        break;
    }
    // Unknown user and wrong password: one answer, so it reveals nothing.
    replyLater("-ERR [AUTH] Authentication failed");
}

void Pop3Session::replyLater(const QByteArray& line)
{
    if (m_options.failureDelayMs <= 0) {
        err(line.mid(5));
        return;
    }
    // Slows down password guessing without blocking the event loop; input waits meanwhile.
    m_delayedReply = true;
    QTimer::singleShot(m_options.failureDelayMs, this, [this, line] {
        m_delayedReply = false;
        if (m_state == State::Closed)
            return;
        err(line.mid(5));
        resumeInput(m_transport);
    });
}

void Pop3Session::completeLogin(const QString& address)
{
    const qint64 maxSessions = settingInt("pop3.maxConnectionsPerUser");
    std::optional<MaildropLocks::Lock> lock;
    if (m_locks.sessionsFor(address) < maxSessions)
        lock = m_locks.tryLock(address);
    if (!lock) {
        m_log.note(QStringLiteral("maildrop of %1 is in use by another session").arg(address));
        err("[IN-USE] another POP3 session is using this mailbox; close it (or wait for it to end) and try again");
        return;
    }
    // Re-read the policy now: the admin may have changed it since the account was loaded.
    PopPolicy policy;
    if (Result<Mailbox> mailbox = m_deps.accounts.findMailbox(address); mailbox) {
        policy = mailbox->pop;
    } else {
        m_log.note(QStringLiteral("cannot read the POP policy of %1: %2").arg(address, mailbox.error().message));
        err("[SYS/TEMP] your mailbox cannot be opened right now; try again later");
        return;
    }
    Result<Pop3Maildrop> drop = Pop3Maildrop::load(m_deps.store, address, policy);
    if (!drop) {
        m_log.note(QStringLiteral("cannot open the maildrop of %1: %2").arg(address, drop.error().message));
        err("[SYS/TEMP] your mailbox cannot be opened right now; try again later");
        return;
    }
    m_lock = std::move(lock);
    m_maildrop = std::move(*drop);
    m_user = address;
    m_state = State::Transaction;
    m_log.setUser(address);
    m_log.note(QStringLiteral("logged in; maildrop has %1 messages (%2 octets); policy: %3 mail, %4 after retrieval")
                   .arg(m_maildrop->visibleCount())
                   .arg(m_maildrop->visibleBytes())
                   .arg(popScopeName(policy.scope), popAfterRetrievalName(policy.afterRetrieval)));
    if (m_deps.onLogin)
        m_deps.onLogin(m_options.remoteAddress, address);
    restartIdleTimer();
    ok("maildrop has " + QByteArray::number(m_maildrop->visibleCount()) + " messages ("
        + QByteArray::number(m_maildrop->visibleBytes()) + " octets)");
}

void Pop3Session::cmdStls(const QByteArray&)
{
    if (m_tlsActive) {
        err("TLS is already active");
        return;
    }
    QString problem;
    const std::optional<QSslConfiguration> configuration = tlsConfiguration(&problem);
    if (!configuration) {
        m_log.note(QStringLiteral("STLS refused: %1").arg(problem));
        err("TLS is not available on this server right now; ask your administrator");
        return;
    }
    ok("Begin TLS negotiation");
    // STARTTLS injection: whatever the client pipelined after STLS came in plain text and
    // must never be read as if it came over TLS.
    const qsizetype dropped = m_parser.discardBuffered();
    if (dropped > 0)
        m_log.note(QStringLiteral("discarded %1 bytes sent after STLS before the handshake").arg(dropped));
    m_tlsPending = true;
    m_transport.startTls(*configuration);
}

void Pop3Session::cmdQuit(const QByteArray&)
{
    if (m_state == State::Authorization) {
        ok("Tegami POP3 server signing off");
        finish(QStringLiteral("QUIT"));
        return;
    }
    update();
}

void Pop3Session::update()
{
    m_state = State::Update;
    Result<Pop3UpdateReport> report = m_maildrop->commit(m_deps.store);
    if (!report) {
        m_log.note(QStringLiteral("UPDATE failed: %1").arg(report.error().message));
        sendLine("-ERR [SYS/TEMP] some changes could not be saved; " + report.error().message.toUtf8());
        finish(QStringLiteral("QUIT (update failed)"));
        return;
    }
    m_log.note(QStringLiteral("UPDATE: %1 deleted; %2 retrieved messages %3")
                   .arg(report->deleted)
                   .arg(report->retrievedHandled)
                   .arg(report->policyAction));
    ok("Tegami POP3 server signing off (" + QByteArray::number(report->deleted) + " messages deleted)");
    finish(QStringLiteral("QUIT"));
}

} // namespace tegami
