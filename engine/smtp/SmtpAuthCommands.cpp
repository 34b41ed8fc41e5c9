// AUTH (RFC 4954 with SASL-IR, PLAIN and LOGIN) and POP-before-SMTP.

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "smtp/PopBeforeSmtp.h"
#include "smtp/SmtpSession.h"

namespace tegami {

namespace {

// RFC 4954 4: a server must take AUTH lines of at least 12288 octets.
constexpr qsizetype kMaxSaslLine = 12288;

} // namespace

bool SmtpSession::authOffered() const
{
    // The MX listener offers AUTH only over TLS (clients that can submit only on port 25);
    // submission before TLS only when the admin turned submission.requireTlsForAuth off.
    if (m_tlsActive)
        return true;
    return m_options.protocol == Protocol::Submission
        && !m_deps.settings.boolean(QStringLiteral("submission.requireTlsForAuth"));
}

void SmtpSession::cmdAuth(const QByteArray& args)
{
    if (!m_greeted || !m_esmtp) {
        refuse({ 503, "5.5.1", "send EHLO first" }, Failure::Protocol);
        return;
    }
    if (!m_user.isEmpty()) {
        refuse({ 503, "5.5.1", "already authenticated" }, Failure::Protocol);
        return;
    }
    if (m_tx) {
        refuse({ 503, "5.5.1", "AUTH is not allowed during a mail transaction" }, Failure::Protocol);
        return;
    }
    if (!authOffered()) {
        m_log.note(QStringLiteral("AUTH refused before TLS (passwords are accepted only over TLS)"));
        refuse({ 538, "5.7.11", "encryption required for requested authentication mechanism; send STARTTLS first" },
            Failure::Protocol);
        return;
    }
    const QByteArray text = args.trimmed();
    const qsizetype space = text.indexOf(' ');
    const QByteArray mechanism = space < 0 ? text : text.first(space);
    if (mechanism.isEmpty()) {
        refuse({ 501, "5.5.4", "syntax: AUTH mechanism [initial-response]" }, Failure::Protocol);
        return;
    }
    if (!SaslExchange::isSupported(mechanism)) {
        if (mechanism.compare("ANONYMOUS", Qt::CaseInsensitive) == 0)
            m_log.note(QStringLiteral("anonymous login refused"));
        refuse(
            { 504, "5.5.4", "unrecognized authentication mechanism; use " + SaslExchange::mechanisms().join(" or ") },
            Failure::Protocol);
        return;
    }
    std::optional<QByteArray> initial;
    if (space >= 0)
        initial = text.sliced(space + 1).trimmed();
    m_sasl = std::make_unique<SaslExchange>(mechanism);
    takeSaslStep(m_sasl->start(initial));
}

void SmtpSession::handleSaslLine(const QByteArray& line)
{
    if (!m_sasl) {
        refuse({ 503, "5.5.1", "unexpected AUTH response" }, Failure::Protocol);
        return;
    }
    takeSaslStep(m_sasl->respond(line));
}

void SmtpSession::takeSaslStep(const SaslStep& step)
{
    switch (step.kind) {
    case SaslStep::Kind::Challenge:
        sendLine("334 " + step.challenge);
        m_parser.expectRawLine(kMaxSaslLine);
        return;
    case SaslStep::Kind::Cancelled:
        m_sasl.reset();
        refuse({ 501, "5.0.0", "authentication cancelled" }, Failure::Protocol);
        return;
    case SaslStep::Kind::Failed:
        m_sasl.reset();
        m_log.note(QStringLiteral("AUTH response refused: %1").arg(step.error));
        refuse({ 501, "5.5.2", "cannot decode the AUTH response: " + step.error.toUtf8() }, Failure::Protocol);
        return;
    case SaslStep::Kind::Done: {
        const QString mechanism = QString::fromLatin1(m_sasl->mechanism());
        m_sasl.reset();
        authenticate(step.credentials.username, step.credentials.password, mechanism);
        return;
    }
    }
}

void SmtpSession::authenticate(const QString& username, QString password, const QString& mechanism)
{
    AuthAttempt attempt;
    attempt.username = username;
    attempt.password = std::move(password);
    // The listener's protocol: a mailbox allowed "submission" but not "smtp" may AUTH on
    // 587/465 only.
    attempt.protocol = m_options.protocol;
    attempt.remoteAddress = m_options.remoteAddress;
    attempt.mechanism = mechanism;
    // The password is verified on a worker; input waits (isBusy) until the answer is out.
    m_authPending = true;
    m_deps.authenticator.authenticateAsync(attempt, this, [this, mechanism](const AuthDecision& decision) {
        m_authPending = false;
        if (m_closed)
            return;
        if (!decision.ok || !decision.mailbox) {
            loginFailed(decision);
        } else {
            m_user = decision.mailbox->address;
            m_authVia = QStringLiteral("AUTH ") + mechanism;
            m_log.setUser(m_user);
            m_log.note(QStringLiteral("authenticated as %1 (%2)").arg(m_user, mechanism));
            reply(235, "2.7.0", "authentication successful");
        }
        resumeInput(m_transport);
    });
    attempt.password.fill(QChar(0));
}

void SmtpSession::loginFailed(const AuthDecision& decision)
{
    m_log.note(QStringLiteral("login failed (%1): %2").arg(authOutcomeName(decision.outcome), decision.reason));
    switch (decision.outcome) {
    case AuthOutcome::Unavailable:
        refuse({ 454, "4.7.0", "temporary authentication failure; try again later" }, Failure::Policy);
        return;
    case AuthOutcome::Banned: {
        // The Authenticator stopped checking passwords for this address or account; the
        // connection has nothing left to do.
        const int minutes = std::max(1, (decision.retryAfterSecs + 59) / 60);
        reply(
            421, "4.7.0", fqdn() + " too many failed logins; try again in " + QByteArray::number(minutes) + " minutes");
        finish(QStringLiteral("login banned"));
        return;
    }
    case AuthOutcome::Anonymous:
        refuse({ 535, "5.7.8", "anonymous logins are not allowed; log in with your own mailbox address" },
            Failure::Protocol);
        return;
    case AuthOutcome::Disabled:
        refuse({ 535, "5.7.8", "this mailbox is disabled; ask your administrator" }, Failure::Protocol);
        return;
    case AuthOutcome::ProtocolNotAllowed:
        refuse({ 535, "5.7.8", "sending mail is not enabled for this mailbox here; ask your administrator" },
            Failure::Protocol);
        return;
    case AuthOutcome::AdminBarred:
    case AuthOutcome::BadCredentials:
    case AuthOutcome::Success:
        break;
    }
    // Unknown user and wrong password: one answer, so it reveals nothing.
    refuse({ 535, "5.7.8", "authentication credentials invalid" }, Failure::Protocol);
}

bool SmtpSession::tryPopBeforeSmtp()
{
    if (m_options.protocol != Protocol::Submission || !m_deps.popBeforeSmtp
        || !m_deps.settings.boolean(QStringLiteral("submission.popBeforeSmtp")))
        return false;
    const int minutes = static_cast<int>(m_deps.settings.integer(QStringLiteral("submission.popBeforeSmtpMinutes")));
    const std::optional<PopBeforeSmtp::Login> login
        = m_deps.popBeforeSmtp->recentLogin(m_options.remoteAddress, minutes);
    if (!login) {
        m_log.note(QStringLiteral("POP-before-SMTP: no POP3 login from %1 in the last %2 minutes")
                       .arg(m_options.remoteAddress)
                       .arg(minutes));
        return false;
    }
    // The account may have been disabled or barred from submission since it read its mail.
    const Result<Mailbox> mailbox = m_deps.accounts.findMailbox(login->account);
    if (!mailbox || !mailbox->enabled || !mailbox->protocols.contains(Protocol::Submission)) {
        m_log.note(QStringLiteral("POP-before-SMTP: %1 logged in by POP3 but may not send now (%2)")
                       .arg(login->account,
                           !mailbox ? mailbox.error().message
                                    : (!mailbox->enabled ? QStringLiteral("disabled")
                                                         : QStringLiteral("submission not allowed"))));
        return false;
    }
    m_user = mailbox->address;
    m_authVia = QStringLiteral("POP-before-SMTP");
    m_log.setUser(m_user);
    m_log.note(QStringLiteral("POP-before-SMTP: %1 logged in by POP3 from %2 at %3 (within %4 minutes): sending as %1")
                   .arg(m_user, m_options.remoteAddress, login->at.toString(Qt::ISODate))
                   .arg(minutes));
    return true;
}

} // namespace tegami
