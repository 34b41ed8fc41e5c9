#pragma once

#include "accounts/SaslExchange.h"
#include "net/SessionTransport.h"
#include "pop3/MaildropLocks.h"
#include "pop3/Pop3Dependencies.h"
#include "pop3/Pop3Maildrop.h"
#include "pop3/Pop3MessageStream.h"
#include "pop3/Pop3Parser.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

namespace tegami {

class LogSession;
struct AuthDecision;

struct Pop3SessionOptions {
    QString remoteAddress; // without the port, as the authenticator and the throttle want it
    bool tlsActive = false; // implicit TLS (port 995): the handshake is already done
    int failureDelayMs = 1000; // a failed login is answered this much later
};

// One POP3 session as a state machine (RFC 1939 AUTHORIZATION -> TRANSACTION -> UPDATE)
// with RFC 2449 CAPA, RFC 2595 STLS, RFC 3206 response codes and RFC 5034 SASL. It never
// touches a socket: bytes come in through receive() and go out through the transport,
// so the tests can drive whole sessions without one. Each command is one small member
// function reached from a table (see Pop3Commands.cpp and Pop3MailCommands.cpp).
class Pop3Session : public QObject, public ProtocolSession {
    Q_OBJECT
public:
    enum class State { Authorization, Transaction, Update, Closed };

    Pop3Session(const Pop3Dependencies& deps, MaildropLocks& locks, LogSession& log, SessionTransport& transport,
        Pop3SessionOptions options, QObject* parent = nullptr);
    ~Pop3Session() override;

    void start() override; // sends the greeting and starts the idle timer
    void receive(QByteArrayView bytes) override;

    // Not taking commands now: a login being verified, a failed login's delayed reply, a streamed reply or a TLS
    // handshake is in progress. Input is kept until it ends.
    bool isBusy() const override;
    bool loginPending() const { return m_authPending; } // a password is being verified
    void resumeOutput() override; // the transport can take more of a streamed reply
    void tlsFinished(bool ok) override;

    // The ways a session ends without QUIT: nothing is removed and no policy applies.
    void idleTimeout(); // what the idle timer calls
    void connectionLost(const QString& reason) override;
    void shutdown(const QString& reason) override; // the server stops

    State state() const { return m_state; }
    bool tlsActive() const { return m_tlsActive; }
    QString user() const { return m_user; }
    int idleTimeoutMs() const;
    const Pop3Maildrop* maildrop() const { return m_maildrop ? &*m_maildrop : nullptr; }

private:
    using Handler = void (Pop3Session::*)(const QByteArray& args);
    struct CommandSpec {
        const char* verb;
        Handler handler;
        bool inAuthorization;
        bool inTransaction;
    };
    static const CommandSpec kCommands[];

    // Pop3Session.cpp: input, output, state
    void processInput() override;
    void handleCommand(const Pop3Command& command);
    void handleParseError(const Pop3ParseItem& item);
    void sendLine(const QByteArray& line); // logged
    void sendBlock(const QByteArray& statusLine, const QByteArray& body, bool logBody); // multi-line, dot-terminated
    void ok(const QByteArray& text);
    void err(const QByteArray& text); // counts towards the consecutive-error limit
    void finish(const QString& reason); // releases everything and closes the transport
    void restartIdleTimer();
    bool tlsOffered(QString* problem) const;
    std::optional<QSslConfiguration> tlsConfiguration(QString* problem) const;
    QString setting(const char* key) const;
    qint64 settingInt(const char* key) const;

    // Pop3Commands.cpp: AUTHORIZATION state and commands valid in both states
    void cmdCapa(const QByteArray& args);
    void cmdUser(const QByteArray& args);
    void cmdPass(const QByteArray& args);
    void cmdAuth(const QByteArray& args);
    void cmdApop(const QByteArray& args);
    void cmdStls(const QByteArray& args);
    void cmdQuit(const QByteArray& args);
    void handleSaslLine(const QByteArray& line);
    void takeSaslStep(const SaslStep& step);
    bool loginAllowedNow() const;
    void refuseLoginWithoutTls();
    void authenticate(const QString& username, QString password, const QString& mechanism);
    void loginFailed(const AuthDecision& decision);
    void completeLogin(const QString& address);
    void replyLater(const QByteArray& line);
    void update();

    // Pop3MailCommands.cpp: TRANSACTION state
    void cmdNoop(const QByteArray& args);
    void cmdStat(const QByteArray& args);
    void cmdList(const QByteArray& args);
    void cmdRetr(const QByteArray& args);
    void cmdTop(const QByteArray& args);
    void cmdDele(const QByteArray& args);
    void cmdRset(const QByteArray& args);
    void cmdUidl(const QByteArray& args);
    const Pop3Message* messageArg(const QByteArray& arg, qint64* number);
    void streamMessage(qint64 number, std::optional<qint64> bodyLines);
    void pumpStream();

    const Pop3Dependencies& m_deps;
    MaildropLocks& m_locks;
    LogSession& m_log;
    SessionTransport& m_transport;
    Pop3SessionOptions m_options;

    State m_state = State::Authorization;
    Pop3Parser m_parser;
    QTimer m_idle;
    bool m_tlsActive = false;
    bool m_tlsPending = false;
    bool m_delayedReply = false;
    bool m_authPending = false; // a password is being verified on a worker
    bool m_processing = false; // re-entrancy guard for processInput()
    int m_consecutiveErrors = 0;

    QString m_pendingUser; // from USER, waiting for PASS
    std::unique_ptr<SaslExchange> m_sasl;
    QString m_user; // after login
    std::optional<MaildropLocks::Lock> m_lock;
    std::optional<Pop3Maildrop> m_maildrop;

    std::unique_ptr<Pop3MessageStream> m_stream;
    qint64 m_streamNumber = 0;
    qint64 m_streamBytes = 0;
};

} // namespace tegami
