// MAIL and RCPT: the envelope, the submission and sender rules, local recipients with
// their quota, and the relay policy.

#include "accounts/AccountStore.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "smtp/SmtpSession.h"
#include "store/MailStore.h"

#include <QStringDecoder>

namespace tegami {

namespace {

std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QByteArray bracketed(const QString& address)
{
    return '<' + address.toUtf8() + '>';
}

} // namespace

void SmtpSession::cmdMail(const QByteArray& args)
{
    if (!m_greeted) {
        refuse({ 503, "5.5.1", "send EHLO or HELO first" }, Failure::Protocol);
        return;
    }
    if (m_tx) {
        refuse({ 503, "5.5.1", "nested MAIL command; finish this message or send RSET first" }, Failure::Protocol);
        return;
    }
    const SmtpPathArgument path = splitPathArgument(args, "FROM", "5.1.7");
    if (path.error) {
        refuse(*path.error, Failure::Protocol);
        return;
    }
    if (!m_esmtp && !path.parameters.isEmpty()) {
        refuse({ 555, "5.5.4", "MAIL parameters need EHLO, not HELO" }, Failure::Protocol);
        return;
    }
    const MailParameters params = parseMailParameters(path.parameters);
    if (params.error) {
        refuse(*params.error, Failure::Protocol);
        return;
    }
    if (const std::optional<SmtpReply> denied = checkSubmissionAccess()) {
        refuse(*denied, Failure::Protocol);
        return;
    }
    const qint64 maxSize = settingInt("maxMessageSize");
    if (params.size && *params.size > maxSize) {
        m_log.note(QStringLiteral("MAIL refused: declared size %1 is over %2 (%3)")
                       .arg(*params.size)
                       .arg(key("maxMessageSize"))
                       .arg(maxSize));
        refuse({ 552, "5.3.4",
                   "message size exceeds fixed maximum message size (" + QByteArray::number(maxSize) + " bytes)" },
            Failure::Policy);
        return;
    }
    QString sender;
    if (!path.path.isEmpty()) {
        const std::optional<QString> text = strictUtf8(path.path);
        if (!text) {
            refuse({ 501, "5.1.7", "the sender address is not valid UTF-8" }, Failure::Protocol);
            return;
        }
        if (const std::optional<QString> trick = relayTrick(*text)) {
            m_log.note(QStringLiteral("MAIL refused: %1: %2").arg(*text, *trick));
            refuse({ 501, "5.1.7", "bad sender address: " + trick->toUtf8() }, Failure::Protocol);
            return;
        }
        if (needsSmtpUtf8(path.path) && !params.smtpUtf8) {
            refuse({ 553, "5.6.7", "a non-ASCII sender address needs the SMTPUTF8 parameter" }, Failure::Policy);
            return;
        }
        const Result<EmailAddress> address = parseAddress(*text, QStringLiteral("sender"));
        if (!address) {
            refuse({ 501, "5.1.7", "bad sender address: " + address.error().message.toUtf8() }, Failure::Protocol);
            return;
        }
        sender = address->toString();
    }
    if (const std::optional<SmtpReply> denied = checkSender(sender)) {
        refuse(*denied, Failure::Policy);
        return;
    }
    m_tx = std::make_unique<Transaction>();
    m_tx->number = ++m_transactions;
    m_tx->sender = sender;
    m_tx->mail = params;
    reply(250, "2.1.0", "sender " + bracketed(sender) + " OK");
}

std::optional<SmtpReply> SmtpSession::checkSubmissionAccess()
{
    if (m_options.protocol != Protocol::Submission || !m_user.isEmpty() || tryPopBeforeSmtp())
        return std::nullopt;
    m_log.note(QStringLiteral("MAIL refused: submission needs AUTH first"));
    if (!m_tlsActive && m_deps.settings.boolean(QStringLiteral("submission.requireTlsForAuth")))
        return SmtpReply { 530, "5.7.0", "must issue a STARTTLS command first, then AUTH" };
    return SmtpReply { 530, "5.7.0", "authentication required" };
}

std::optional<SmtpReply> SmtpSession::checkSender(const QString& sender)
{
    if (m_user.isEmpty())
        return std::nullopt;
    // The null sender cannot impersonate anyone, and clients use it for read receipts
    // (RFC 8098) and vacation replies, so an authenticated user may send with it.
    if (sender.isEmpty()) {
        m_log.note(QStringLiteral("null sender <> from %1 accepted").arg(m_user));
        return std::nullopt;
    }
    if (sender == m_user || !m_deps.settings.boolean(QStringLiteral("submission.senderMustMatch")))
        return std::nullopt;
    const Result<ResolvedRecipients> resolved = m_deps.accounts.resolveRecipient(sender);
    if (resolved && resolved->local.contains(m_user)) {
        m_log.note(QStringLiteral("sender %1 is an alias that reaches %2: accepted").arg(sender, m_user));
        return std::nullopt;
    }
    if (!resolved && resolved.error().code != ErrorCode::NotFound) {
        m_log.note(QStringLiteral("cannot check sender %1: %2").arg(sender, resolved.error().message));
        return SmtpReply { 451, "4.3.0", "cannot check the sender address right now; try again later" };
    }
    m_log.note(QStringLiteral("sender refused: %1 is neither %2 nor an alias that reaches it "
                              "(submission.senderMustMatch)")
                   .arg(sender, m_user));
    return SmtpReply { 553, "5.7.1", bracketed(sender) + ": sender address not owned by " + m_user.toUtf8() };
}

void SmtpSession::cmdRcpt(const QByteArray& args)
{
    if (!m_tx) {
        refuse({ 503, "5.5.1", "need MAIL before RCPT" }, Failure::Protocol);
        return;
    }
    if (m_tx->body != Transaction::Body::None) {
        refuse({ 503, "5.5.1", "RCPT is not allowed once BDAT has started" }, Failure::Protocol);
        return;
    }
    const SmtpPathArgument path = splitPathArgument(args, "TO", "5.1.3");
    if (path.error) {
        refuse(*path.error, Failure::Protocol);
        return;
    }
    if (!m_esmtp && !path.parameters.isEmpty()) {
        refuse({ 555, "5.5.4", "RCPT parameters need EHLO, not HELO" }, Failure::Protocol);
        return;
    }
    const RcptParameters params = parseRcptParameters(path.parameters);
    if (params.error) {
        refuse(*params.error, Failure::Protocol);
        return;
    }
    const qint64 maxRecipients = settingInt("maxRecipients");
    if (qint64(m_tx->recipients.size()) >= maxRecipients) {
        m_log.note(
            QStringLiteral("RCPT refused: more than %1 recipients (%2)").arg(maxRecipients).arg(key("maxRecipients")));
        refuse({ 452, "4.5.3", "too many recipients (at most " + QByteArray::number(maxRecipients) + " per message)" },
            Failure::Policy);
        return;
    }
    std::optional<QString> text = strictUtf8(path.path);
    if (path.path.isEmpty() || !text) {
        refuse({ 501, "5.1.3", "RCPT needs a recipient address in UTF-8" }, Failure::Protocol);
        return;
    }
    // RFC 5321 4.5.1: "postmaster" without a domain must be accepted.
    if (text->compare(QLatin1String("postmaster"), Qt::CaseInsensitive) == 0) {
        const Result<QList<Domain>> domains = m_deps.accounts.listDomains();
        if (domains && !domains->isEmpty())
            text = QStringLiteral("postmaster@") + domains->first().name;
    }
    if (const std::optional<QString> trick = relayTrick(*text)) {
        m_log.note(QStringLiteral("relay refused for %1: %2").arg(*text, *trick));
        refuse({ 550, "5.7.1", "<" + path.path + ">: relaying denied: " + trick->toUtf8() }, Failure::Policy);
        return;
    }
    if (needsSmtpUtf8(path.path) && !m_tx->mail.smtpUtf8) {
        refuse({ 553, "5.6.7", "a non-ASCII recipient address needs SMTPUTF8 on MAIL" }, Failure::Policy);
        return;
    }
    const Result<EmailAddress> address = parseAddress(*text, QStringLiteral("recipient"));
    if (!address) {
        refuse({ 501, "5.1.3", "bad recipient address: " + address.error().message.toUtf8() }, Failure::Protocol);
        return;
    }
    const QString normalised = address->toString();
    const std::optional<SmtpReply> refused
        = m_deps.accounts.isLocalDomain(address->domain) ? checkLocalRecipient(normalised) : checkRelay(normalised);
    if (refused) {
        refuse(*refused, Failure::Policy);
        return;
    }
    const bool duplicate = std::any_of(m_tx->recipients.begin(), m_tx->recipients.end(),
        [&](const EnvelopeRecipient& r) { return r.address == normalised; });
    if (!duplicate)
        m_tx->recipients.push_back(EnvelopeRecipient { normalised, params.orcpt, params.notify });
    reply(250, "2.1.5", "recipient " + bracketed(normalised) + " OK");
}

std::optional<SmtpReply> SmtpSession::checkLocalRecipient(const QString& address)
{
    const Result<ResolvedRecipients> resolved = m_deps.accounts.resolveRecipient(address);
    if (!resolved) {
        if (resolved.error().code == ErrorCode::NotFound) {
            m_log.note(QStringLiteral("RCPT refused: %1 is not a mailbox or alias here").arg(address));
            return SmtpReply { 550, "5.1.1", bracketed(address) + ": no such user here" };
        }
        m_log.note(QStringLiteral("RCPT %1: lookup failed: %2").arg(address, resolved.error().message));
        return SmtpReply { 451, "4.3.0",
            bracketed(address) + ": cannot look up the recipient right now; try again later" };
    }
    const std::optional<qint64> size = m_tx->mail.size;
    for (const QString& target : resolved->local) {
        const Result<Mailbox> mailbox = m_deps.accounts.findMailbox(target);
        if (!mailbox || mailbox->quotaBytes <= 0)
            continue;
        const qint64 quota = mailbox->quotaBytes;
        if (size && *size > quota) {
            m_log.note(
                QStringLiteral("RCPT refused: %1 (for %2): a message of %3 bytes can never fit the quota of %4 bytes")
                    .arg(target, address)
                    .arg(*size)
                    .arg(quota));
            return SmtpReply { 552, "5.2.2", bracketed(address) + ": the message is larger than the mailbox quota" };
        }
        const Result<Usage> usage = m_deps.store.usage(target);
        if (!usage) {
            m_log.note(QStringLiteral("cannot read the usage of %1: %2 (quota not checked)")
                           .arg(target, usage.error().message));
            continue;
        }
        if (usage->bytes >= quota || (size && usage->bytes + *size > quota)) {
            m_log.note(QStringLiteral("RCPT refused: %1 (for %2) is full: %3 of %4 bytes used%5")
                           .arg(target, address)
                           .arg(usage->bytes)
                           .arg(quota)
                           .arg(size ? QStringLiteral(", message of %1 bytes").arg(*size) : QString()));
            return SmtpReply { 452, "4.2.2", bracketed(address) + ": mailbox full; try again later" };
        }
    }
    return std::nullopt;
}

bool SmtpSession::relayAllowed(QString* why) const
{
    if (!m_user.isEmpty()) {
        *why = QStringLiteral("authenticated as %1 (%2)").arg(m_user, m_authVia);
        return true;
    }
    if (m_options.protocol == Protocol::Smtp
        && addressInNetworks(m_options.remoteAddress, m_deps.settings.list(QStringLiteral("smtp.trustedNetworks")))) {
        *why = QStringLiteral("%1 is in smtp.trustedNetworks").arg(m_options.remoteAddress);
        return true;
    }
    return false;
}

std::optional<SmtpReply> SmtpSession::checkRelay(const QString& address)
{
    QString why;
    if (relayAllowed(&why)) {
        m_log.note(QStringLiteral("relaying to %1: %2").arg(address, why));
        return std::nullopt;
    }
    m_log.note(QStringLiteral("relay refused for %1: not authenticated, and %2 is not in smtp.trustedNetworks")
                   .arg(address, m_options.remoteAddress));
    return SmtpReply { 550, "5.7.1", bracketed(address) + ": relay access denied" };
}

} // namespace tegami
