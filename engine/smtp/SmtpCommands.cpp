// Session commands: EHLO/HELO (RFC 5321, RFC 1869), STARTTLS (RFC 3207), RSET, NOOP, QUIT,
// HELP, VRFY and EXPN.

#include "core/Settings.h"
#include "log/LogSession.h"
#include "smtp/SmtpSession.h"

namespace tegami {

namespace {

constexpr qsizetype kMaxHeloName = 255;

} // namespace

void SmtpSession::cmdEhlo(const QByteArray& args)
{
    greet(args, true);
}

void SmtpSession::cmdHelo(const QByteArray& args)
{
    greet(args, false);
}

void SmtpSession::greet(const QByteArray& args, bool esmtp)
{
    const QByteArray name = args.trimmed().split(' ').value(0);
    if (name.isEmpty()) {
        refuse({ 501, "5.5.4", (esmtp ? "EHLO" : "HELO") + QByteArray(" needs your host name or address literal") },
            Failure::Protocol);
        return;
    }
    // RFC 5321 4.1.4: EHLO (or HELO) again resets the transaction.
    resetTransaction();
    m_sasl.reset();
    m_greeted = true;
    m_esmtp = esmtp;
    m_helo = QString::fromUtf8(name.left(kMaxHeloName));
    if (!esmtp) {
        sendLine("250 " + fqdn());
        return;
    }
    QByteArrayList lines { fqdn(), "PIPELINING", "SIZE " + QByteArray::number(settingInt("maxMessageSize")), "8BITMIME",
        "ENHANCEDSTATUSCODES", "SMTPUTF8", "CHUNKING", "DSN" };
    if (tlsOffered())
        lines << "STARTTLS";
    if (authOffered())
        lines << "AUTH " + SaslExchange::mechanisms().join(' ');
    replyLines(250, lines);
}

void SmtpSession::cmdStartTls(const QByteArray& args)
{
    if (!args.trimmed().isEmpty()) {
        refuse({ 501, "5.5.4", "STARTTLS takes no arguments" }, Failure::Protocol);
        return;
    }
    if (m_tlsActive) {
        refuse({ 503, "5.5.1", "TLS is already active" }, Failure::Protocol);
        return;
    }
    if (m_tx) {
        refuse(
            { 503, "5.5.1", "STARTTLS is not allowed during a mail transaction; send RSET first" }, Failure::Protocol);
        return;
    }
    QString problem;
    const std::optional<QSslConfiguration> configuration = tlsConfiguration(&problem);
    if (!configuration) {
        m_log.note(QStringLiteral("STARTTLS refused: %1").arg(problem));
        refuse({ 454, "4.7.0", "TLS not available right now; try again later" }, Failure::Policy);
        return;
    }
    reply(220, "2.0.0", "Ready to start TLS");
    // STARTTLS injection (CVE-2011-0411): what the client pipelined after STARTTLS came in
    // plain text and must never be read as if it came over TLS.
    const qsizetype dropped = m_parser.discardBuffered();
    if (dropped > 0)
        m_log.note(QStringLiteral("discarded %1 bytes sent after STARTTLS before the handshake").arg(dropped));
    m_tlsPending = true;
    m_transport.startTls(*configuration);
}

void SmtpSession::cmdRset(const QByteArray& args)
{
    if (!args.trimmed().isEmpty()) {
        refuse({ 501, "5.5.4", "RSET takes no arguments" }, Failure::Protocol);
        return;
    }
    resetTransaction();
    reply(250, "2.0.0", "OK");
}

void SmtpSession::cmdNoop(const QByteArray&)
{
    reply(250, "2.0.0", "OK");
}

void SmtpSession::cmdQuit(const QByteArray&)
{
    reply(221, "2.0.0", fqdn() + " closing connection");
    finish(QStringLiteral("QUIT"));
}

void SmtpSession::cmdHelp(const QByteArray&)
{
    reply(214, "2.0.0", "commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY STARTTLS AUTH; see RFC 5321");
}

void SmtpSession::cmdVrfy(const QByteArray& args)
{
    if (args.trimmed().isEmpty()) {
        refuse({ 501, "5.5.4", "VRFY needs an address" }, Failure::Protocol);
        return;
    }
    // RFC 5321 3.5.3: never confirm or deny an address here; that would help harvesters.
    reply(252, "2.5.0", "cannot VRFY user, but will accept message and attempt delivery");
}

void SmtpSession::cmdExpn(const QByteArray&)
{
    refuse({ 502, "5.5.1", "EXPN is not supported" }, Failure::Policy);
}

} // namespace tegami
