#include "diag/ConnectivitySmtp.h"

namespace tegami {

SmtpConnectivityClient::SmtpConnectivityClient(ConnectivityOptions options, QObject* parent)
    : ConnectivityClient(QStringLiteral("smtp"), std::move(options), parent)
{
    addConnectSteps();
    addStep(QStringLiteral("login"), QStringLiteral("Log in (AUTH)"), [this] { stepLogin(); });
    addStep(QStringLiteral("submit"), QStringLiteral("Submit a test message"), [this] { stepSubmit(); });
}

void SmtpConnectivityClient::onLine(const QByteArray& line)
{
    if (!m_handler) {
        fail(QStringLiteral("the server sent an unexpected line: %1").arg(QString::fromUtf8(line.left(200))));
        return;
    }
    bool ok = false;
    const int code = line.left(3).toInt(&ok);
    if (!ok || line.size() < 3 || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
        fail(QStringLiteral("the server's answer is not SMTP (\"%1\"): this port may serve another protocol")
                 .arg(QString::fromUtf8(line.left(80))));
        return;
    }
    m_lines << QString::fromUtf8(line.mid(4));
    if (line.size() > 3 && line.at(3) == '-')
        return;
    ReplyHandler handler = std::move(m_handler);
    m_handler = nullptr;
    const QStringList lines = std::exchange(m_lines, {});
    handler(code, lines);
}

void SmtpConnectivityClient::command(const QByteArray& line, ReplyHandler handler)
{
    expectReply(std::move(handler));
    sendLine(line);
}

void SmtpConnectivityClient::expectReply(ReplyHandler handler)
{
    m_lines.clear();
    m_handler = std::move(handler);
}

QString SmtpConnectivityClient::serverSaid(const QStringList& lines) const
{
    return lines.join(QLatin1Char(' ')).trimmed();
}

void SmtpConnectivityClient::readGreeting(Then then)
{
    expectReply([this, then = std::move(then)](int code, const QStringList& lines) {
        noteSessionOpened();
        if (code != 220) {
            fail(QStringLiteral("the server does not accept mail now: %1 %2").arg(code).arg(serverSaid(lines)));
            return;
        }
        then();
    });
}

void SmtpConnectivityClient::ehlo(Then then)
{
    command("EHLO connectivity-test.invalid", [this, then = std::move(then)](int code, const QStringList& lines) {
        if (code != 250) {
            fail(QStringLiteral("the server refused EHLO: %1 %2").arg(code).arg(serverSaid(lines)));
            return;
        }
        m_extensions.clear();
        for (qsizetype i = 1; i < lines.size(); ++i)
            m_extensions << lines.at(i).toUpper();
        then();
    });
}

void SmtpConnectivityClient::startTls()
{
    ehlo([this] {
        if (!m_extensions.contains(QStringLiteral("STARTTLS"))) {
            fail(QStringLiteral("the server does not offer STARTTLS on this port: assign a certificate "
                                "(`tegamictl cert assign`) or test with security tls or plain"));
            return;
        }
        command("STARTTLS", [this](int code, const QStringList& lines) {
            if (code != 220) {
                fail(QStringLiteral("the server refused STARTTLS: %1 %2").arg(code).arg(serverSaid(lines)));
                return;
            }
            encrypt([this] { succeed(tlsSummary()); });
        });
    });
}

void SmtpConnectivityClient::stepLogin()
{
    ehlo([this] {
        QStringList mechanisms;
        for (const QString& e : std::as_const(m_extensions)) {
            if (e.startsWith(QLatin1String("AUTH ")) || e.startsWith(QLatin1String("AUTH=")))
                mechanisms << e.mid(5).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        if (!mechanisms.contains(QStringLiteral("PLAIN"))) {
            fail(mechanisms.isEmpty()
                    ? QStringLiteral("the server offers no login (AUTH) on this connection: use the submission "
                                     "port, and TLS if the server requires it before logins")
                    : QStringLiteral("the server does not offer AUTH PLAIN (offered: %1)")
                          .arg(mechanisms.join(QLatin1Char(' '))));
            return;
        }
        const QByteArray credentials
            = QByteArray(1, '\0') + options().user.toUtf8() + QByteArray(1, '\0') + options().password.toUtf8();
        command("AUTH PLAIN " + credentials.toBase64(), [this](int code, const QStringList& lines) {
            if (code == 235) {
                succeed(QStringLiteral("AUTH PLAIN as %1").arg(options().user));
                return;
            }
            if (code == 535)
                fail(loginFailure(serverSaid(lines), QStringLiteral("SMTP")));
            else
                fail(QStringLiteral("the login was refused: %1 %2").arg(code).arg(serverSaid(lines)));
        });
    });
}

void SmtpConnectivityClient::stepSubmit()
{
    if (options().loginOnly) {
        skip(QStringLiteral("login only"));
        return;
    }
    if (options().token.isEmpty()) {
        skip(options().noMessageReason.isEmpty() ? QStringLiteral("no test message requested")
                                                 : options().noMessageReason);
        return;
    }
    const QString to = options().recipient.isEmpty() ? options().user : options().recipient;
    command("MAIL FROM:<" + options().user.toUtf8() + ">", [this, to](int code, const QStringList& lines) {
        if (code != 250) {
            fail(QStringLiteral("the sender was refused: %1 %2").arg(code).arg(serverSaid(lines)));
            return;
        }
        command("RCPT TO:<" + to.toUtf8() + ">", [this, to](int rcptCode, const QStringList& rcptLines) {
            if (rcptCode != 250 && rcptCode != 251) {
                fail(QStringLiteral("the recipient %1 was refused: %2 %3")
                         .arg(to)
                         .arg(rcptCode)
                         .arg(serverSaid(rcptLines)));
                return;
            }
            command("DATA", [this](int dataCode, const QStringList& dataLines) {
                if (dataCode != 354) {
                    fail(QStringLiteral("DATA was refused: %1 %2").arg(dataCode).arg(serverSaid(dataLines)));
                    return;
                }
                sendMessage();
            });
        });
    });
}

void SmtpConnectivityClient::sendMessage()
{
    const QString to = options().recipient.isEmpty() ? options().user : options().recipient;
    QByteArray body = connectivityTestMessage(options().user, to, options().token);
    // Dot-stuffing (RFC 5321 4.5.2): the message is ours, but stay correct for any text.
    body.replace("\r\n.", "\r\n..");
    if (body.startsWith('.'))
        body.prepend('.');
    expectReply([this](int code, const QStringList& lines) {
        if (code != 250) {
            fail(QStringLiteral("the message was refused: %1 %2").arg(code).arg(serverSaid(lines)));
            return;
        }
        m_acceptedAs = serverSaid(lines);
        succeed(QStringLiteral("accepted for %1 (%2)")
                    .arg(options().recipient.isEmpty() ? options().user : options().recipient, m_acceptedAs));
    });
    sendRaw(body + ".\r\n");
}

void SmtpConnectivityClient::sayGoodbye()
{
    expectClose();
    m_handler = [](int, const QStringList&) {};
    sendLine("QUIT");
    closeSocket();
}

} // namespace tegami
