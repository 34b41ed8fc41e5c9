// DATA (RFC 5321) and BDAT (RFC 3030 CHUNKING): the message text streams into the spool
// as it arrives; it is committed, and only then answered 250, when the text ends.

#include "core/Clock.h"
#include "core/Settings.h"
#include "log/LogSession.h"
#include "smtp/SmtpSession.h"

#include <QRandomGenerator>
#include <QRegularExpression>

namespace tegami {

namespace {

// The header section is held back (to add Message-ID and Date) up to this much.
constexpr qsizetype kMaxHeldHeader = 1024 * 1024;

QByteArray newMessageId(const QByteArray& fqdn)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    QByteArray id;
    for (quint32 w : words)
        id += QByteArray::number(w, 16).rightJustified(8, '0');
    return '<' + id + '@' + fqdn + '>';
}

} // namespace

std::optional<SmtpReply> SmtpSession::checkReadyForBody() const
{
    if (!m_tx)
        return SmtpReply { 503, "5.5.1", "need MAIL and RCPT first" };
    if (m_tx->recipients.empty())
        return SmtpReply { 554, "5.5.1", "no valid recipients" };
    return std::nullopt;
}

SmtpContentOptions SmtpSession::contentOptions() const
{
    SmtpContentOptions options;
    options.maxLineBytes = settingInt("maxLineLength");
    options.normalizeBareLineEndings = setting("bareLineEndings") == QLatin1String("normalize");
    return options;
}

QByteArray SmtpSession::withWord() const
{
    // RFC 3848: S for TLS, A for SMTP AUTH (POP-before-SMTP is not SMTP AUTH).
    const bool auth = m_authVia.startsWith(QLatin1String("AUTH"));
    if (!m_esmtp && !m_tlsActive && !auth)
        return "SMTP";
    return QByteArray("ESMTP") + (m_tlsActive ? "S" : "") + (auth ? "A" : "");
}

bool SmtpSession::openMessage()
{
    Result<std::unique_ptr<SpoolWriter>> spool = m_deps.intake.begin();
    if (!spool) {
        m_log.note(QStringLiteral("cannot start a message in the spool: %1").arg(spool.error().toString()));
        m_tx->failure = SmtpReply { 451, "4.3.0", "cannot queue the message right now; try again later" };
        return false;
    }
    const QDateTime now = m_deps.clock.now();
    ReceivedInfo info;
    info.heloName = m_helo;
    info.remoteAddress = m_options.remoteAddress;
    info.remoteName = m_options.remoteName;
    info.fqdn = QString::fromUtf8(fqdn());
    info.with = withWord();
    info.id = m_log.sid() + QLatin1Char('.') + QString::number(m_tx->number);
    if (m_tlsActive)
        info.tls = m_transport.tlsInfo().describe();
    if (m_tx->recipients.size() == 1)
        info.forRecipient = m_tx->recipients.front().address;
    info.date = now;

    SmtpMessageWriter::Options options;
    options.traceHeader = receivedHeader(info);
    // RFC 6409 8: a submission server may complete a message; an MX relays what it got.
    options.addMissingHeaders = m_options.protocol == Protocol::Submission || !m_user.isEmpty();
    options.messageId = newMessageId(fqdn());
    options.date = rfc5322Date(now);
    options.maxHeaderBytes = std::min<qsizetype>(kMaxHeldHeader, settingInt("maxMessageSize"));
    m_tx->writer = std::make_unique<SmtpMessageWriter>(std::move(*spool), options);
    m_tx->normalize = contentOptions().normalizeBareLineEndings;
    return true;
}

void SmtpSession::cmdData(const QByteArray& args)
{
    if (const std::optional<SmtpReply> notReady = checkReadyForBody()) {
        refuse(*notReady, Failure::Protocol);
        return;
    }
    if (m_tx->body == Transaction::Body::Bdat) {
        refuse({ 503, "5.5.1", "DATA cannot follow BDAT in one message; send RSET first" }, Failure::Protocol);
        return;
    }
    if (!args.trimmed().isEmpty()) {
        refuse({ 501, "5.5.4", "DATA takes no arguments" }, Failure::Protocol);
        return;
    }
    if (!openMessage()) {
        const SmtpReply failed = *m_tx->failure;
        resetTransaction();
        refuse(failed, Failure::Policy);
        return;
    }
    m_tx->body = Transaction::Body::Data;
    // No enhanced status code in 354 (an intermediate reply), as common servers do.
    sendLine("354 End data with <CR><LF>.<CR><LF>");
    m_parser.beginData(contentOptions());
}

void SmtpSession::cmdBdat(const QByteArray& args)
{
    static const QRegularExpression syntax(
        QStringLiteral("^([0-9]{1,18})( +LAST)? *$"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = syntax.match(QString::fromLatin1(args));
    if (!match.hasMatch()) {
        // Without a size the chunk cannot be skipped: whatever follows would be read as
        // commands, so the session cannot go on.
        m_log.note(QStringLiteral("closing: BDAT without a valid chunk size"));
        reply(501, "5.5.4", "syntax: BDAT size [LAST]; closing the connection");
        finish(QStringLiteral("bad BDAT"));
        return;
    }
    const qint64 size = match.captured(1).toLongLong();
    const bool last = match.hasCaptured(2);
    std::optional<SmtpReply> refusal;
    if (!m_esmtp)
        refusal = SmtpReply { 503, "5.5.1", "BDAT needs EHLO" };
    else
        refusal = checkReadyForBody();
    if (refusal) {
        // The chunk is read and dropped, so the next command is found where it starts.
        m_chunkRefusal = refusal;
        m_parser.beginChunk(size, last, true, contentOptions());
        return;
    }
    const bool first = m_tx->body == Transaction::Body::None;
    if (first) {
        m_tx->body = Transaction::Body::Bdat;
        openMessage();
    }
    m_chunkSize = size;
    m_parser.beginChunk(size, last, first, contentOptions());
}

void SmtpSession::handleContent(const QByteArray& text)
{
    if (m_chunkRefusal || !m_tx || m_tx->failure)
        return;
    m_tx->textBytes += text.size();
    const qint64 maxSize = settingInt("maxMessageSize");
    if (m_tx->textBytes > maxSize) {
        // Keep reading to the end of the text (so the session stays in step) without keeping it.
        m_log.note(QStringLiteral("message over %1 bytes (%2): the rest is read and dropped")
                       .arg(maxSize)
                       .arg(key("maxMessageSize")));
        m_tx->failure = SmtpReply { 552, "5.3.4",
            "message size exceeds fixed maximum message size (" + QByteArray::number(maxSize) + " bytes)" };
        m_tx->writer.reset();
        return;
    }
    if (Result<void> written = m_tx->writer->write(text); !written) {
        m_log.note(QStringLiteral("cannot write the message to the spool: %1").arg(written.error().toString()));
        m_tx->failure = SmtpReply { 451, "4.3.0", "cannot queue the message right now; try again later" };
        m_tx->writer.reset();
    }
}

void SmtpSession::handleChunkEnd(const SmtpContentReport&)
{
    if (m_chunkRefusal) {
        refuse(*std::exchange(m_chunkRefusal, std::nullopt), Failure::Protocol);
        return;
    }
    if (!m_tx)
        return;
    if (m_tx->failure) {
        const SmtpReply failed = *m_tx->failure;
        resetTransaction();
        refuse(failed, Failure::Policy);
        return;
    }
    reply(250, "2.0.0", QByteArray::number(m_chunkSize) + " octets received");
}

void SmtpSession::handleContentEnd(const SmtpContentReport& report)
{
    if (m_chunkRefusal) {
        refuse(*std::exchange(m_chunkRefusal, std::nullopt), Failure::Protocol);
        return;
    }
    if (m_tx)
        finishMessage(report);
}

void SmtpSession::finishMessage(const SmtpContentReport& report)
{
    const std::unique_ptr<Transaction> tx = std::move(m_tx);
    m_log.note(QStringLiteral("message text: %1 bytes (%2 read)").arg(report.bytes).arg(report.wireBytes));
    if (report.hasBareLineEndings()) {
        if (!tx->normalize) {
            m_log.note(QStringLiteral("message refused: %1 bare LF and %2 bare CR in the message text (SMTP smuggling "
                                      "protection; %3 is reject)")
                           .arg(report.bareLf)
                           .arg(report.bareCr)
                           .arg(key("bareLineEndings")));
            refuse({ 550, "5.6.11", "bare LF/CR in message text (SMTP smuggling protection); use CRLF line endings" },
                Failure::Policy);
            return;
        }
        m_log.note(QStringLiteral("normalised %1 bare LF and %2 bare CR to CRLF (%3 is normalize)")
                       .arg(report.bareLf)
                       .arg(report.bareCr)
                       .arg(key("bareLineEndings")));
    }
    if (tx->failure) {
        refuse(*tx->failure, Failure::Policy);
        return;
    }
    if (report.longLines > 0) {
        const qint64 max = settingInt("maxLineLength");
        m_log.note(QStringLiteral("message refused: %1 lines longer than %2 bytes (%3), the longest %4")
                       .arg(report.longLines)
                       .arg(max)
                       .arg(key("maxLineLength"))
                       .arg(report.longestLine));
        refuse({ 500, "5.5.6", "line too long in message text (more than " + QByteArray::number(max) + " bytes)" },
            Failure::Policy);
        return;
    }
    Envelope envelope;
    envelope.sender = tx->sender;
    envelope.recipients = tx->recipients;
    envelope.envId = tx->mail.envId;
    envelope.ret = tx->mail.ret;
    envelope.smtpUtf8 = tx->mail.smtpUtf8;
    envelope.eightBitMime = tx->mail.eightBitMime;
    envelope.receivedVia = m_options.protocol;
    envelope.authenticatedUser = m_user;
    envelope.remoteAddress = m_options.remoteAddress;
    envelope.heloName = m_helo;
    envelope.receivedAt = m_deps.clock.now().toUTC();
    envelope.sessionId = m_log.sid();
    const Result<QString> id = tx->writer->commit(envelope);
    if (!id) {
        m_log.note(QStringLiteral("message not queued: %1").arg(id.error().toString()));
        refuse({ 451, "4.3.0", "cannot queue the message right now; try again later" }, Failure::Policy);
        return;
    }
    ++m_queued;
    QString added = tx->writer->addedHeaders().join(QStringLiteral(" and "));
    if (tx->writer->headerTooLongToCheck())
        added = QStringLiteral("header section too long to check for Message-ID and Date");
    m_log.note(QStringLiteral("queued as %1: from <%2> to %3 recipients, %4 bytes%5")
                   .arg(*id, tx->sender)
                   .arg(tx->recipients.size())
                   .arg(report.bytes)
                   .arg(added.isEmpty() ? QString() : QStringLiteral("; added ") + added));
    reply(250, "2.0.0", "Ok: queued as " + id->toUtf8());
}

} // namespace tegami
