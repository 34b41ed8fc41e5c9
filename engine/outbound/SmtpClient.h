#pragma once

#include "core/Clock.h"

#include <QFile>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

#include "outbound/NextHop.h"
#include "outbound/SmtpProtocol.h"
#include "outbound/SmtpReplyParser.h"
#include "queue/RemoteTransport.h"

class QSslSocket;

namespace tegami {

class LogSession;
class ProtocolLog;

// How long the client waits for each step (RFC 5321 4.5.3.2); tests scale them down.
struct SmtpTimeouts {
    int connectMs = 30 * 1000; // TCP connect (and the implicit TLS handshake): outbound.connectTimeoutSecs
    int greetingMs = 5 * 60 * 1000;
    int commandMs = 5 * 60 * 1000; // EHLO, HELO, STARTTLS, AUTH, MAIL, RCPT
    int tlsMs = 60 * 1000; // the STARTTLS handshake
    int dataInitMs = 2 * 60 * 1000; // the 354 after DATA
    int dataBlockMs = 3 * 60 * 1000; // each block of message data to leave
    int dataEndMs = 10 * 60 * 1000; // the reply after the final "."
    int quitMs = 30 * 1000; // politeness only: the result is known by then

    // Every timeout but connectMs multiplied by `factor` (at least 1 ms).
    SmtpTimeouts scaled(double factor) const;
};

// One connection attempt: a delivery to one address of one next hop.
struct SmtpJob {
    RemoteDelivery delivery;
    NextHop hop;
    QHostAddress address;
    QString ehloName; // our FQDN
    SmtpTimeouts timeouts;
    bool skipStartTls = false; // opportunistic STARTTLS failed on this address before: stay in plain text
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system roots (tests)
};

// How one connection attempt ended.
struct SmtpAttemptResult {
    // true: nothing was delivered and the host is to blame (no connection, greeting refused,
    // connection lost or 421 before the end of the message, TLS required but failed): the
    // next host may be tried. false: `recipients` holds the final word for each recipient.
    bool hostFailed = false;
    std::vector<RecipientResult> recipients; // !hostFailed: one per recipient, in order
    // hostFailed: why (a 5xx reply makes the failure permanent if no other host does better).
    int replyCode = 0;
    QString enhancedCode;
    QString text;
    bool permanent = false;
    bool retryWithoutTls = false; // opportunistic STARTTLS failed: this address may be tried again in plain text
    QString remoteHost; // "mx.example.net [192.0.2.1]"
};

// The SMTP client for one connection: connect, greeting, EHLO (HELO fallback), STARTTLS,
// AUTH PLAIN/LOGIN, MAIL/RCPT with SIZE, BODY, SMTPUTF8 and DSN parameters, DATA streamed
// from the spool file with dot-stuffing and socket backpressure, QUIT. Commands go one at a
// time; replies are read with SmtpReplyParser. Each connection is one protocol log session
// (what we send is logged as from the client, replies as to the client, in wire order, so
// AUTH payloads are masked).
//
// TODO(tegami): PIPELINING (RFC 2920) is recognised but not used: one round trip per command.
//
// `done` is called exactly once with the outcome (never from inside start()), unless
// abort() comes first. The result is reported as soon as it is known; QUIT follows, and the
// client deletes itself when the connection is closed.
class SmtpClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(SmtpAttemptResult)>;

    SmtpClient(SmtpJob job, ProtocolLog* log, bool logEnabled, const Clock& clock, QObject* parent = nullptr);
    ~SmtpClient() override;

    void start(Done done);
    // Drops the connection at once; `done` is never called. The client deletes itself later.
    void abort(const QString& reason);
    // The id of the connection's protocol log session (which starts once connected).
    QString sessionId() const;

private:
    using Handler = void (SmtpClient::*)(const SmtpReply&);
    enum class Phase { Connecting, Handshake, Commands, Data, DataEnd, Quit, Closed };

    // Connection and I/O (SmtpClient.cpp).
    void connected();
    void encrypted();
    void tlsFailed(const QString& why);
    void readInput();
    void socketError();
    void peerClosed();
    void timedOut();
    void writeData();
    void send(const QByteArray& line, Handler handler, int timeoutMs, const QString& what);
    void expect(Handler handler, int timeoutMs, const QString& what);
    void startTlsHandshake();
    QSslConfiguration tlsConfiguration() const;
    void note(const QString& text);

    // Results.
    void hostFailed(const QString& text, const SmtpReply* reply = nullptr, bool retryWithoutTls = false);
    void failAll(RecipientResult::Status status, const QString& text, const SmtpReply* reply = nullptr,
        const QString& enhancedCode = {});
    void finishWithResults();
    void report(SmtpAttemptResult result);
    void quit();
    void closeConnection(const QString& reason);
    RecipientResult resultFrom(const QString& address, const SmtpReply& reply) const;

    // Commands (SmtpClientCommands.cpp), one handler per reply expected.
    void onGreeting(const SmtpReply& reply);
    void sendEhlo();
    void onEhlo(const SmtpReply& reply);
    void onHelo(const SmtpReply& reply);
    void afterHello();
    void onStartTls(const SmtpReply& reply);
    void authenticate();
    void onAuthLoginUser(const SmtpReply& reply);
    void onAuthLoginPassword(const SmtpReply& reply);
    void onAuthResult(const SmtpReply& reply);
    void startMail();
    void onMail(const SmtpReply& reply);
    void sendRcpt();
    void onRcpt(const SmtpReply& reply);
    void onData(const SmtpReply& reply);
    void onDataEnd(const SmtpReply& reply);
    void onQuit(const SmtpReply& reply);

    QString hostName() const; // "mx.example.net [192.0.2.1]"

    SmtpJob m_job;
    ProtocolLog* m_log;
    bool m_logEnabled;
    const Clock& m_clock;
    const QString m_sid;
    std::unique_ptr<LogSession> m_session;
    QSslSocket* m_socket = nullptr; // owned (child)
    SmtpReplyParser m_parser;
    QTimer m_timer;
    QString m_waitingFor; // what the timer waits for, for the timeout message
    Handler m_handler = nullptr;
    Phase m_phase = Phase::Connecting;
    Done m_done;
    bool m_tlsActive = false;
    bool m_startTlsDone = false; // STARTTLS attempted (declined or done): not again
    SmtpExtensions m_ext;
    QFile m_message;
    SmtpDataEncoder m_encoder;
    qint64 m_dataBytes = 0;
    bool m_dataFinished = false; // the final "." was written
    bool m_writing = false;
    bool m_broken = false; // timeout, lost connection or garbage: close without QUIT
    size_t m_rcptIndex = 0;
    std::vector<RecipientResult> m_results;
    std::vector<bool> m_accepted;
};

} // namespace tegami
