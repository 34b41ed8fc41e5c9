#pragma once

#include "diag/ConnectivityClient.h"

#include <QStringList>

namespace tegami {

// Authenticated submission as a mail client does it: connect, TLS (STARTTLS after EHLO, or
// implicit), EHLO + AUTH PLAIN, then MAIL/RCPT/DATA of a test message whose Subject
// carries the token, so IMAP and POP3 can find exactly that message afterwards.
class SmtpConnectivityClient : public ConnectivityClient {
    Q_OBJECT
public:
    explicit SmtpConnectivityClient(ConnectivityOptions options, QObject* parent = nullptr);

    // The server's answer to the message's end ("2.0.0 queued as ...").
    QString acceptedAs() const { return m_acceptedAs; }

protected:
    void readGreeting(Then then) override;
    void startTls() override;
    void onLine(const QByteArray& line) override;
    void sayGoodbye() override;

private:
    using ReplyHandler = std::function<void(int code, const QStringList& lines)>;

    void command(const QByteArray& line, ReplyHandler handler);
    void expectReply(ReplyHandler handler);
    void stepLogin();
    void stepSubmit();
    void ehlo(Then then);
    void sendMessage();
    QString serverSaid(const QStringList& lines) const;

    ReplyHandler m_handler;
    QStringList m_lines;
    QStringList m_extensions; // of the last EHLO, upper case
    QString m_acceptedAs;
};

} // namespace tegami
