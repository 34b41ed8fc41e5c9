// The command side of SmtpClient: one handler per reply the client waits for.

#include "log/LogSession.h"

#include <QSslSocket>

#include "outbound/SmtpClient.h"

namespace tegami {

namespace {

QString hopName(const NextHop& hop)
{
    switch (hop.kind) {
    case HopKind::Smarthost:
        return QStringLiteral("the smarthost %1").arg(hop.host);
    case HopKind::Route:
        return QStringLiteral("the route host %1").arg(hop.host);
    case HopKind::Mx:
    case HopKind::DomainAddress:
        break;
    }
    return QStringLiteral("the MX host %1").arg(hop.host);
}

} // namespace

void SmtpClient::onGreeting(const SmtpReply& reply)
{
    if (reply.code == 220) {
        sendEhlo();
        return;
    }
    // 554 (RFC 5321 3.1): the server will not take mail from us; 421: not now.
    hostFailed(QStringLiteral("%1 refused the connection: %2").arg(hostName(), reply.summary()), &reply);
}

void SmtpClient::sendEhlo()
{
    m_ext = {};
    send("EHLO " + m_job.ehloName.toUtf8(), &SmtpClient::onEhlo, m_job.timeouts.commandMs,
        QStringLiteral("the reply to EHLO"));
}

void SmtpClient::onEhlo(const SmtpReply& reply)
{
    if (reply.isPositive()) {
        m_ext = SmtpExtensions::fromEhloReply(reply);
        afterHello();
        return;
    }
    if (reply.isPermanent() && reply.code != 421) {
        // An old server without ESMTP (RFC 5321 3.2): HELO, and no extensions.
        send("HELO " + m_job.ehloName.toUtf8(), &SmtpClient::onHelo, m_job.timeouts.commandMs,
            QStringLiteral("the reply to HELO"));
        return;
    }
    hostFailed(QStringLiteral("%1 refused EHLO: %2").arg(hostName(), reply.summary()), &reply);
}

void SmtpClient::onHelo(const SmtpReply& reply)
{
    if (!reply.isPositive()) {
        hostFailed(QStringLiteral("%1 refused EHLO and HELO: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    m_ext = {};
    note(QStringLiteral("%1 does not speak ESMTP: no extensions").arg(hostName()));
    afterHello();
}

void SmtpClient::afterHello()
{
    const HopTls tls = m_job.hop.tls;
    const bool wantStartTls = tls == HopTls::Opportunistic || tls == HopTls::RequireStartTls;
    if (wantStartTls && !m_tlsActive && !m_startTlsDone) {
        if (m_job.skipStartTls) {
            note(QStringLiteral("STARTTLS not tried: the TLS handshake with this host failed on the previous attempt"));
        } else if (m_ext.startTls) {
            send(
                "STARTTLS", &SmtpClient::onStartTls, m_job.timeouts.commandMs, QStringLiteral("the reply to STARTTLS"));
            return;
        } else if (tls == HopTls::RequireStartTls) {
            if (m_job.hop.kind == HopKind::Smarthost) {
                hostFailed(
                    QStringLiteral("the smarthost %1 does not offer STARTTLS, which outbound.smarthostTls=starttls "
                                   "requires (use implicit for port 465, or none)")
                        .arg(hostName()));
            } else {
                hostFailed(QStringLiteral("%1 does not offer TLS and outbound.requireTls is on").arg(hostName()));
            }
            return;
        } else {
            note(QStringLiteral("%1 does not offer STARTTLS: sending without TLS").arg(hostName()));
        }
    }
    if (!m_job.hop.user.isEmpty()) {
        authenticate();
        return;
    }
    startMail();
}

void SmtpClient::onStartTls(const SmtpReply& reply)
{
    if (reply.code == 220) {
        startTlsHandshake();
        return;
    }
    m_startTlsDone = true;
    if (m_job.hop.tls == HopTls::RequireStartTls) {
        hostFailed(QStringLiteral("%1 refused STARTTLS: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    note(QStringLiteral("STARTTLS refused (%1): sending without TLS").arg(reply.summary()));
    afterHello();
}

void SmtpClient::authenticate()
{
    if (!m_tlsActive && m_job.hop.tls != HopTls::None) {
        // Cannot happen with the TLS policy above; never send the password in plain text by mistake.
        failAll(RecipientResult::Status::TemporaryFailure,
            QStringLiteral("not sending the smarthost password without TLS"), nullptr, QStringLiteral("4.7.10"));
        return;
    }
    const QByteArray user = m_job.hop.user.toUtf8();
    const QByteArray password = m_job.hop.password.toUtf8();
    if (m_ext.offersAuth(QStringLiteral("PLAIN"))) {
        const QByteArray response = (QByteArray() + '\0' + user + '\0' + password).toBase64();
        send("AUTH PLAIN " + response, &SmtpClient::onAuthResult, m_job.timeouts.commandMs,
            QStringLiteral("the reply to AUTH"));
        return;
    }
    if (m_ext.offersAuth(QStringLiteral("LOGIN"))) {
        send("AUTH LOGIN", &SmtpClient::onAuthLoginUser, m_job.timeouts.commandMs, QStringLiteral("the reply to AUTH"));
        return;
    }
    const QString offered = m_ext.authMechanisms.isEmpty() ? QStringLiteral("no AUTH at all")
                                                           : m_ext.authMechanisms.join(QLatin1Char(' '));
    failAll(RecipientResult::Status::TemporaryFailure,
        QStringLiteral("%1 offers neither AUTH PLAIN nor AUTH LOGIN (it offers %2), but outbound.smarthostUser is set")
            .arg(hopName(m_job.hop), offered),
        nullptr, QStringLiteral("4.7.12"));
}

void SmtpClient::onAuthLoginUser(const SmtpReply& reply)
{
    if (reply.code != 334) {
        onAuthResult(reply);
        return;
    }
    send(m_job.hop.user.toUtf8().toBase64(), &SmtpClient::onAuthLoginPassword, m_job.timeouts.commandMs,
        QStringLiteral("the reply to AUTH"));
}

void SmtpClient::onAuthLoginPassword(const SmtpReply& reply)
{
    if (reply.code != 334) {
        onAuthResult(reply);
        return;
    }
    send(m_job.hop.password.toUtf8().toBase64(), &SmtpClient::onAuthResult, m_job.timeouts.commandMs,
        QStringLiteral("the reply to AUTH"));
}

void SmtpClient::onAuthResult(const SmtpReply& reply)
{
    if (reply.isPositive()) {
        note(QStringLiteral("authenticated as %1").arg(m_job.hop.user));
        startMail();
        return;
    }
    if (reply.code == 421) {
        hostFailed(QStringLiteral("%1 closed the session during AUTH: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    if (reply.code == 334) {
        // A challenge we have no answer for: cancel the exchange (RFC 4954 4) and give up.
        if (m_session)
            m_session->fromClient("*");
        m_socket->write("*\r\n");
    }
    const QString text = reply.code == 535
        ? QStringLiteral("the smarthost refused the user name or password (outbound.smarthostUser): %1")
              .arg(reply.summary())
        : QStringLiteral("%1 refused AUTH: %2").arg(hopName(m_job.hop), reply.summary());
    // Refused credentials are our configuration, not the recipient's fault: the mail waits
    // in the queue (as Postfix and Exchange keep it) until the admin fixes the setting,
    // instead of bouncing everything sent meanwhile.
    failAll(RecipientResult::Status::TemporaryFailure, text, &reply);
}

void SmtpClient::startMail()
{
    const RemoteDelivery& d = m_job.delivery;
    m_message.setFileName(d.messagePath);
    if (!m_message.open(QIODevice::ReadOnly)) {
        failAll(RecipientResult::Status::TemporaryFailure,
            QStringLiteral("cannot open the spool file %1: %2").arg(d.messagePath, m_message.errorString()), nullptr,
            QStringLiteral("4.3.0"));
        return;
    }
    MailFromParams params;
    const qint64 size = d.size > 0 ? d.size : m_message.size();
    if (m_ext.sizeAdvertised)
        params.size = size;
    if (m_ext.sizeLimit > 0 && size > m_ext.sizeLimit) {
        failAll(RecipientResult::Status::PermanentFailure,
            QStringLiteral("the message (%1 bytes) is larger than %2 accepts (SIZE %3)")
                .arg(size)
                .arg(hostName())
                .arg(m_ext.sizeLimit),
            nullptr, QStringLiteral("5.3.4"));
        return;
    }

    bool asciiAddresses = isAscii(wireAddress(d.sender));
    for (const EnvelopeRecipient& r : d.recipients)
        asciiAddresses = asciiAddresses && isAscii(wireAddress(r.address));
    if (d.smtpUtf8 || !asciiAddresses) {
        if (m_ext.smtpUtf8) {
            params.smtpUtf8 = true;
        } else if (!asciiAddresses || headerHasEightBit(m_message)) {
            // RFC 6531 3.2: without SMTPUTF8 at the server, the message cannot be sent as it is.
            failAll(RecipientResult::Status::PermanentFailure,
                QStringLiteral("the message needs SMTPUTF8 (%1) and %2 does not support it")
                    .arg(asciiAddresses ? QStringLiteral("non-ASCII header fields")
                                        : QStringLiteral("non-ASCII addresses"),
                        hostName()),
                nullptr, QStringLiteral("5.6.7"));
            return;
        } else {
            note(QStringLiteral("SMTPUTF8 was requested but the addresses and headers are ASCII: sent without it"));
        }
    }
    if (d.eightBitMime) {
        if (m_ext.eightBitMime)
            params.eightBitMime = true;
        else
            note(QStringLiteral("%1 does not offer 8BITMIME: the 8-bit message is sent anyway").arg(hostName()));
    }
    if (m_ext.dsn) {
        params.dsn = true;
        params.ret = d.ret;
        params.envId = d.envId;
    } else if (!d.envId.isEmpty() || d.ret != DsnRet::Default
        || std::any_of(d.recipients.begin(), d.recipients.end(),
            [](const EnvelopeRecipient& r) { return r.notify != 0 || !r.orcpt.isEmpty(); })) {
        // TODO(tegami): RFC 3461 4.3 wants a "relayed" DSN when NOTIFY=SUCCESS meets a server without DSN.
        note(QStringLiteral("%1 does not offer DSN: RET, ENVID, NOTIFY and ORCPT are not passed on").arg(hostName()));
    }
    send(mailFromCommand(d.sender, params), &SmtpClient::onMail, m_job.timeouts.commandMs,
        QStringLiteral("the reply to MAIL FROM"));
}

void SmtpClient::onMail(const SmtpReply& reply)
{
    if (reply.code == 421) {
        hostFailed(QStringLiteral("%1 closed the session at MAIL FROM: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    if (!reply.isPositive()) {
        failAll(
            reply.isPermanent() ? RecipientResult::Status::PermanentFailure : RecipientResult::Status::TemporaryFailure,
            reply.text(), &reply);
        return;
    }
    m_rcptIndex = 0;
    sendRcpt();
}

void SmtpClient::sendRcpt()
{
    const EnvelopeRecipient& r = m_job.delivery.recipients[m_rcptIndex];
    send(rcptToCommand(r, m_ext.dsn), &SmtpClient::onRcpt, m_job.timeouts.commandMs,
        QStringLiteral("the reply to RCPT TO"));
}

void SmtpClient::onRcpt(const SmtpReply& reply)
{
    if (reply.code == 421) {
        hostFailed(QStringLiteral("%1 closed the session at RCPT TO: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    const size_t i = m_rcptIndex++;
    m_results[i] = resultFrom(m_job.delivery.recipients[i].address, reply);
    m_accepted[i] = reply.isPositive();
    if (reply.isPositive()) // accepted is not delivered: the end of DATA decides
        m_results[i].status = RecipientResult::Status::TemporaryFailure;
    if (m_rcptIndex < m_job.delivery.recipients.size()) {
        sendRcpt();
        return;
    }
    if (std::none_of(m_accepted.begin(), m_accepted.end(), [](bool a) { return a; })) {
        note(QStringLiteral("no recipient accepted: no message sent"));
        finishWithResults();
        return;
    }
    send("DATA", &SmtpClient::onData, m_job.timeouts.dataInitMs, QStringLiteral("the reply to DATA"));
}

void SmtpClient::onData(const SmtpReply& reply)
{
    if (reply.code == 421) {
        hostFailed(QStringLiteral("%1 closed the session at DATA: %2").arg(hostName(), reply.summary()), &reply);
        return;
    }
    if (reply.code != 354) {
        failAll(
            reply.isPermanent() ? RecipientResult::Status::PermanentFailure : RecipientResult::Status::TemporaryFailure,
            reply.text(), &reply);
        return;
    }
    m_phase = Phase::Data;
    m_waitingFor = QStringLiteral("the message data to be sent");
    writeData();
}

void SmtpClient::onDataEnd(const SmtpReply& reply)
{
    // The reply to the end of the data is the answer for every accepted recipient.
    m_phase = Phase::Commands;
    for (size_t i = 0; i < m_results.size(); ++i) {
        if (m_accepted[i])
            m_results[i] = resultFrom(m_job.delivery.recipients[i].address, reply);
    }
    if (reply.isPositive())
        note(QStringLiteral("message accepted: %1").arg(reply.summary()));
    finishWithResults();
}

} // namespace tegami
