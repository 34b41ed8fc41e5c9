#pragma once

#include "accounts/SaslExchange.h"
#include "core/Protocol.h"
#include "net/SessionTransport.h"
#include "smtp/SmtpAddress.h"
#include "smtp/SmtpDependencies.h"
#include "smtp/SmtpMessageWriter.h"
#include "smtp/SmtpParser.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace tegami {

class LogSession;
struct AuthDecision;

// The TLS session as the Received header names it.
struct SmtpSessionOptions {
    Protocol protocol = Protocol::Smtp; // Smtp (MX, port 25) or Submission (587, 465)
    QString remoteAddress; // without the port
    QString remoteName; // reverse DNS when known (for Received); may be empty
    bool tlsActive = false; // implicit TLS (port 465): the handshake is already done
};

// One inbound SMTP session (RFC 5321 with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, CHUNKING,
// DSN, ENHANCEDSTATUSCODES, STARTTLS and AUTH) as a state machine that never touches a
// socket: bytes in through receive(), bytes out through the transport. The same class
// serves the MX listener (mail for local domains from anyone; relaying only when
// authenticated or from smtp.trustedNetworks) and submission (nothing without AUTH or
// POP-before-SMTP). Commands are members reached from a table: SmtpCommands.cpp (session),
// SmtpAuthCommands.cpp (AUTH), SmtpMailCommands.cpp (MAIL, RCPT), SmtpDataCommands.cpp
// (DATA, BDAT and the message).
class SmtpSession : public QObject, public ProtocolSession {
    Q_OBJECT
public:
    SmtpSession(const SmtpDependencies& deps, LogSession& log, SessionTransport& transport, SmtpSessionOptions options,
        QObject* parent = nullptr);
    ~SmtpSession() override;

    void start() override; // sends the greeting and starts the idle timer
    void receive(QByteArrayView bytes) override;

    // Not taking input now: a tarpit delay or a TLS handshake. Input waits until it ends.
    bool isBusy() const override;
    bool loginPending() const { return m_authPending; } // a password is being verified
    void tlsFinished(bool ok) override;

    // The ways a session ends without QUIT: a message being received is not queued.
    void idleTimeout();
    void connectionLost(const QString& reason) override;
    void shutdown(const QString& reason) override; // the server stops

    bool isClosed() const { return m_closed; }
    bool tlsActive() const { return m_tlsActive; }
    QString user() const { return m_user; } // authenticated (or POP-before-SMTP) account; empty when none
    bool inTransaction() const { return m_tx != nullptr; }
    int idleTimeoutMs() const;
    qint64 messagesQueued() const { return m_queued; }

private:
    using Handler = void (SmtpSession::*)(const QByteArray& args);
    struct CommandSpec {
        const char* verb;
        Handler handler;
    };
    static const CommandSpec kCommands[];

    // Why a reply is a failure: protocol errors count towards <proto>.maxProtocolErrors.
    enum class Failure { Protocol, Policy };

    struct Transaction {
        int number = 0; // within the session, for the message id in Received
        QString sender; // normalised; empty: the null sender
        MailParameters mail;
        std::vector<EnvelopeRecipient> recipients;
        enum class Body { None, Data, Bdat } body = Body::None;
        std::unique_ptr<SmtpMessageWriter> writer;
        std::optional<SmtpReply> failure; // the message is refused with this when its text ends
        qint64 textBytes = 0;
        bool normalize = false; // bare CR/LF are turned into CRLF (<proto>.bareLineEndings when the text began)
    };

    // SmtpSession.cpp: input, output, errors, state
    void processInput() override;
    void handleCommand(const SmtpCommand& command);
    void handleParseError(const SmtpParseItem& item);
    void sendLine(const QByteArray& line); // logged
    void reply(int code, const char* status, const QByteArray& text);
    void replyLines(int code, const QByteArrayList& lines); // multi-line, no enhanced codes (EHLO, HELP)
    void refuse(const SmtpReply& reply, Failure failure); // tarpit, then counted
    void afterFailure(Failure failure);
    void finish(const QString& reason);
    void restartIdleTimer();
    void resetTransaction();
    QString key(const char* name) const; // "<proto>.<name>"
    QString setting(const char* name) const;
    qint64 settingInt(const char* name) const;
    QByteArray fqdn() const;
    std::optional<QSslConfiguration> tlsConfiguration(QString* problem) const;
    bool tlsOffered() const;

    // SmtpCommands.cpp: EHLO, HELO, STARTTLS, RSET, NOOP, QUIT, HELP, VRFY, EXPN
    void cmdEhlo(const QByteArray& args);
    void cmdHelo(const QByteArray& args);
    void greet(const QByteArray& args, bool esmtp);
    void cmdStartTls(const QByteArray& args);
    void cmdRset(const QByteArray& args);
    void cmdNoop(const QByteArray& args);
    void cmdQuit(const QByteArray& args);
    void cmdHelp(const QByteArray& args);
    void cmdVrfy(const QByteArray& args);
    void cmdExpn(const QByteArray& args);

    // SmtpAuthCommands.cpp: AUTH (RFC 4954) and POP-before-SMTP
    bool authOffered() const;
    void cmdAuth(const QByteArray& args);
    void handleSaslLine(const QByteArray& line);
    void takeSaslStep(const SaslStep& step);
    void authenticate(const QString& username, QString password, const QString& mechanism);
    void loginFailed(const AuthDecision& decision);
    bool tryPopBeforeSmtp();

    // SmtpMailCommands.cpp: MAIL, RCPT and the relay policy
    void cmdMail(const QByteArray& args);
    void cmdRcpt(const QByteArray& args);
    std::optional<SmtpReply> checkSubmissionAccess();
    std::optional<SmtpReply> checkSender(const QString& sender);
    std::optional<SmtpReply> checkLocalRecipient(const QString& address);
    std::optional<SmtpReply> checkRelay(const QString& address);
    bool relayAllowed(QString* why) const;

    // SmtpDataCommands.cpp: DATA, BDAT and the message
    void cmdData(const QByteArray& args);
    void cmdBdat(const QByteArray& args);
    std::optional<SmtpReply> checkReadyForBody() const;
    bool openMessage();
    SmtpContentOptions contentOptions() const;
    void handleContent(const QByteArray& text);
    void handleChunkEnd(const SmtpContentReport& report);
    void handleContentEnd(const SmtpContentReport& report);
    void finishMessage(const SmtpContentReport& report);
    QByteArray withWord() const; // RFC 3848: ESMTP, ESMTPS, ESMTPA, ESMTPSA

    const SmtpDependencies& m_deps;
    LogSession& m_log;
    SessionTransport& m_transport;
    SmtpSessionOptions m_options;

    SmtpParser m_parser;
    QTimer m_idle;
    bool m_closed = false;
    bool m_tlsActive = false;
    bool m_tlsPending = false;
    bool m_delayedReply = false;
    bool m_authPending = false; // a password is being verified on a worker
    bool m_processing = false; // re-entrancy guard for processInput()
    bool m_bareLfNoted = false;
    int m_protocolErrors = 0;

    bool m_greeted = false; // EHLO or HELO seen (since the last STARTTLS)
    bool m_esmtp = false; // EHLO rather than HELO
    QString m_helo;
    QString m_user;
    QString m_authVia; // "AUTH PLAIN", "AUTH LOGIN", "POP-before-SMTP"
    std::unique_ptr<SaslExchange> m_sasl;

    std::unique_ptr<Transaction> m_tx;
    int m_transactions = 0;
    qint64 m_queued = 0;
    std::optional<SmtpReply> m_chunkRefusal; // a BDAT chunk being read only to be refused
    qint64 m_chunkSize = 0;
};

} // namespace tegami
