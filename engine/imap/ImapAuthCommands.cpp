// The not-authenticated state (RFC 3501 6.2: STARTTLS, AUTHENTICATE with RFC 4959 SASL-IR,
// LOGIN) and the commands valid in any state (CAPABILITY, NOOP, LOGOUT, RFC 2971 ID),
// plus RFC 5161 ENABLE.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Settings.h"
#include "imap/ImapSession.h"
#include "imap/ImapSessionRegistry.h"
#include "log/LogSession.h"
#include "store/MailStore.h"

namespace tegami {

QList<QByteArray> ImapSession::capabilities() const
{
    QList<QByteArray> caps { "IMAP4rev1", "SASL-IR", "LITERAL+", "ID", "ENABLE", "IDLE", "NAMESPACE", "UNSELECT",
        "CHILDREN", "SPECIAL-USE", "UIDPLUS", "MOVE", "CONDSTORE", "QUOTA", "QUOTA=RES-STORAGE" };
    if (m_state == State::NotAuthenticated) {
        QString problem;
        if (!m_tlsActive && tlsConfiguration(&problem))
            caps << "STARTTLS";
        if (loginAllowedNow()) {
            for (const QByteArray& mechanism : SaslExchange::mechanisms())
                caps << "AUTH=" + mechanism;
        } else {
            // RFC 3501 6.2.3: LOGIN is refused until TLS; no mechanism is offered either.
            caps << "LOGINDISABLED";
        }
    }
    return caps;
}

void ImapSession::cmdCapability(const ImapCommand& command)
{
    sendUntagged("CAPABILITY " + capabilities().join(' '));
    ok(command, QStringLiteral("CAPABILITY completed"));
}

void ImapSession::cmdNoop(const ImapCommand& command)
{
    // complete() sends what changed in the selected mailbox: the point of NOOP.
    ok(command, QStringLiteral("NOOP completed"));
}

void ImapSession::cmdLogout(const ImapCommand& command)
{
    sendLine(imapUntaggedStatus(ImapStatus::Bye, {}, QStringLiteral("Tegami IMAP server logging out")));
    sendTagged(command.tag, ImapStatus::Ok, {}, QStringLiteral("LOGOUT completed"));
    finish(QStringLiteral("LOGOUT"));
}

void ImapSession::cmdId(const ImapCommand& command)
{
    const auto& args = command.get<ImapIdArgs>();
    if (!args.fields.isEmpty()) {
        QStringList fields;
        for (const auto& [name, value] : args.fields)
            fields << QString::fromUtf8(name) + QLatin1Char('=') + QString::fromUtf8(value.value_or("NIL"));
        m_log.note(QStringLiteral("client ID: %1").arg(fields.join(QStringLiteral(", "))));
    }
    sendUntagged(R"(ID ("name" "Tegami" "vendor" "Tegami"))");
    ok(command, QStringLiteral("ID completed"));
}

void ImapSession::cmdEnable(const ImapCommand& command)
{
    QByteArray enabled = "ENABLED";
    for (const QByteArray& capability : command.get<ImapEnableArgs>().capabilities) {
        // RFC 5161: extensions not known (or not enableable) are ignored, not refused.
        if (capability == "CONDSTORE" && !enabled.contains(" CONDSTORE")) {
            m_condstore = true;
            enabled += " CONDSTORE";
        }
    }
    sendUntagged(enabled);
    ok(command, QStringLiteral("ENABLE completed"));
}

void ImapSession::refuseLoginWithoutTls(const ImapCommand& command)
{
    QString problem;
    if (tlsConfiguration(&problem)) {
        no(command, ImapCode::privacyRequired(),
            QStringLiteral("This server accepts passwords only over TLS: send STARTTLS first, or connect with "
                           "IMAP over SSL/TLS (usually port 993)"));
    } else {
        m_log.note(QStringLiteral("login refused without TLS, and TLS cannot be offered: %1").arg(problem));
        no(command, ImapCode::privacyRequired(),
            QStringLiteral("This server accepts passwords only over TLS, but TLS is not available right now; ask "
                           "your administrator"));
    }
}

void ImapSession::cmdStartTls(const ImapCommand& command)
{
    if (m_tlsActive) {
        bad(command.tag, QStringLiteral("TLS is already active"));
        return;
    }
    QString problem;
    const std::optional<QSslConfiguration> configuration = tlsConfiguration(&problem);
    if (!configuration) {
        m_log.note(QStringLiteral("STARTTLS refused: %1").arg(problem));
        no(command, ImapCode::unavailable(),
            QStringLiteral("TLS is not available on this server right now; ask your administrator"));
        return;
    }
    sendTagged(command.tag, ImapStatus::Ok, {}, QStringLiteral("Begin TLS negotiation now"));
    // STARTTLS injection: whatever the client pipelined after STARTTLS came in plain text
    // and must never be read as if it came over TLS.
    const qsizetype dropped = m_reader.discardBuffered();
    if (dropped > 0)
        m_log.note(QStringLiteral("discarded %1 bytes sent after STARTTLS before the handshake").arg(dropped));
    m_tlsPending = true;
    m_transport.startTls(*configuration);
}

void ImapSession::cmdLogin(const ImapCommand& command)
{
    if (!loginAllowedNow()) {
        refuseLoginWithoutTls(command);
        return;
    }
    const auto& args = command.get<ImapLoginArgs>();
    authenticate(command.tag, QString::fromUtf8(args.user), QString::fromUtf8(args.password), QStringLiteral("LOGIN"));
}

void ImapSession::cmdAuthenticate(const ImapCommand& command)
{
    if (!loginAllowedNow()) {
        refuseLoginWithoutTls(command);
        return;
    }
    const auto& args = command.get<ImapAuthenticateArgs>();
    if (!SaslExchange::isSupported(args.mechanism)) {
        no(command, ImapCode::cannot(),
            QStringLiteral("Unsupported SASL mechanism; use %1")
                .arg(QString::fromLatin1(SaslExchange::mechanisms().join(" or "))));
        return;
    }
    m_sasl = std::make_unique<SaslExchange>(args.mechanism);
    m_saslTag = command.tag;
    takeSaslStep(m_sasl->start(args.initialResponse));
}

void ImapSession::handleSaslLine(const QByteArray& line)
{
    takeSaslStep(m_sasl->respond(line));
}

void ImapSession::takeSaslStep(const SaslStep& step)
{
    switch (step.kind) {
    case SaslStep::Kind::Challenge:
        sendLine(imapContinuationData(step.challenge));
        m_reader.expectRawLine();
        return;
    case SaslStep::Kind::Cancelled:
        // RFC 3501 6.2.2: a cancelled exchange is answered BAD.
        m_sasl.reset();
        bad(std::exchange(m_saslTag, QByteArray()), QStringLiteral("AUTHENTICATE cancelled"));
        return;
    case SaslStep::Kind::Failed:
        m_sasl.reset();
        bad(std::exchange(m_saslTag, QByteArray()), step.error);
        return;
    case SaslStep::Kind::Done: {
        const QString mechanism = QString::fromLatin1(m_sasl->mechanism());
        m_sasl.reset();
        authenticate(
            std::exchange(m_saslTag, QByteArray()), step.credentials.username, step.credentials.password, mechanism);
        return;
    }
    }
}

void ImapSession::authenticate(
    const QByteArray& tag, const QString& username, QString password, const QString& mechanism)
{
    AuthAttempt attempt;
    attempt.username = username;
    attempt.password = std::move(password);
    attempt.protocol = Protocol::Imap;
    attempt.remoteAddress = m_options.remoteAddress;
    attempt.mechanism = mechanism;
    // The password is verified on a worker; input waits (isBusy) until the answer is out.
    m_authPending = true;
    m_deps.authenticator.authenticateAsync(attempt, this, [this, tag](const AuthDecision& decision) {
        m_authPending = false;
        if (m_closed)
            return;
        if (!decision.ok || !decision.mailbox)
            loginFailed(tag, decision);
        else
            completeLogin(tag, decision.mailbox->address);
        resumeInput(m_transport);
    });
    attempt.password.fill(QChar(0));
}

void ImapSession::loginFailed(const QByteArray& tag, const AuthDecision& decision)
{
    m_log.note(QStringLiteral("login failed (%1): %2").arg(authOutcomeName(decision.outcome), decision.reason));
    switch (decision.outcome) {
    case AuthOutcome::Unavailable:
        sendTagged(tag, ImapStatus::No, ImapCode::unavailable(),
            QStringLiteral("The account database is not available right now; try again later"));
        return;
    case AuthOutcome::Anonymous:
        replyLater(tag, ImapCode::authenticationFailed(),
            QStringLiteral("Anonymous and guest logins are not allowed; log in with your own mailbox address"));
        return;
    case AuthOutcome::AdminBarred:
        replyLater(tag, ImapCode::authorizationFailed(),
            QStringLiteral("administrator accounts cannot read mail over IMAP; use a personal mailbox"));
        return;
    case AuthOutcome::ProtocolNotAllowed:
        replyLater(tag, ImapCode::authorizationFailed(),
            QStringLiteral("IMAP is not enabled for this mailbox; ask your administrator"));
        return;
    case AuthOutcome::Disabled:
        replyLater(
            tag, ImapCode::authorizationFailed(), QStringLiteral("This mailbox is disabled; ask your administrator"));
        return;
    case AuthOutcome::Banned: {
        const int minutes = std::max(1, (decision.retryAfterSecs + 59) / 60);
        replyLater(tag, ImapCode::unavailable(),
            QStringLiteral("Too many failed logins; try again in %1 minutes").arg(minutes));
        return;
    }
    case AuthOutcome::BadCredentials:
    case AuthOutcome::Success:
        break;
    }
    // Unknown user and wrong password: one answer, so it reveals nothing.
    replyLater(tag, ImapCode::authenticationFailed(), QStringLiteral("Authentication failed"));
}

void ImapSession::replyLater(const QByteArray& tag, QByteArrayView code, const QString& text)
{
    if (m_options.failureDelayMs <= 0) {
        sendTagged(tag, ImapStatus::No, code, text);
        return;
    }
    // Slows down password guessing without blocking the event loop; input waits meanwhile.
    m_delayedReply = true;
    QTimer::singleShot(m_options.failureDelayMs, this, [this, tag, code = code.toByteArray(), text] {
        m_delayedReply = false;
        if (m_closed)
            return;
        sendTagged(tag, ImapStatus::No, code, text);
        resumeInput(m_transport);
    });
}

void ImapSession::completeLogin(const QByteArray& tag, const QString& address)
{
    const qint64 maxSessions = settingInt("imap.maxConnectionsPerUser");
    if (m_registry.sessionsFor(address) >= maxSessions) {
        m_log.note(QStringLiteral("%1 already has %2 IMAP sessions (imap.maxConnectionsPerUser)")
                       .arg(address)
                       .arg(m_registry.sessionsFor(address)));
        sendTagged(tag, ImapStatus::No, ImapCode::limit(),
            QStringLiteral("Too many IMAP connections for this mailbox (at most %1); close another mail client "
                           "and try again")
                .arg(maxSessions));
        return;
    }
    if (Result<void> owner = m_deps.store.ensureOwner(address); !owner) {
        m_log.note(QStringLiteral("cannot open the folders of %1: %2").arg(address, owner.error().toString()));
        sendTagged(tag, ImapStatus::No, ImapCode::unavailable(),
            QStringLiteral("Your mailbox cannot be opened right now; try again later"));
        return;
    }
    m_user = address;
    m_registry.addSession(address);
    m_registered = true;
    m_state = State::Authenticated;
    m_log.setUser(address);
    m_log.note(QStringLiteral("logged in"));
    restartIdleTimer();
    m_consecutiveBad = 0;
    sendTagged(tag, ImapStatus::Ok, ImapCode::capability(capabilities()), QStringLiteral("Logged in"));
}

} // namespace tegami
