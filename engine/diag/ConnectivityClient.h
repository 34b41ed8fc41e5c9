#pragma once

#include "diag/ConnectivityTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslSocket>
#include <QTimer>

#include <functional>
#include <memory>

namespace tegami {

// The common part of the POP3, IMAP and SMTP connectivity clients: a list of steps run one
// after another, each timed and bounded by a timeout; a socket whose lines go to the
// protocol's onLine(); TLS with the certificate's details and an explanation of what is
// wrong with it. Everything is asynchronous (the test runs inside tegamid and talks to the
// same process's listeners, so it must never block the event loop).
//
// A failed step skips the steps after it (with the reason); the report holds what each step
// did. Credentials are sent, never recorded.
class ConnectivityClient : public QObject {
    Q_OBJECT
public:
    ConnectivityClient(const QString& protocol, ConnectivityOptions options, QObject* parent = nullptr);
    ~ConnectivityClient() override;

    // Runs the steps; finished() when all are done, held() when the hold step is next.
    void start();
    // Stops before `stepId` runs (the service lets another protocol look at the test message
    // before this one deletes it) until resume().
    void setHoldBefore(const QString& stepId) { m_holdBefore = stepId; }
    void resume();
    bool isHeld() const { return m_held; }
    bool isFinished() const { return m_finished; }

    const ProtocolReport& report() const { return m_report; }
    ProtocolReport& report() { return m_report; }
    const ConnectivityOptions& options() const { return m_options; }

Q_SIGNALS:
    // The server answered on a connection from this local port (its session exists now).
    void sessionOpened(quint16 localPort);
    void held();
    void finished();

protected:
    using Then = std::function<void()>;

    void addStep(const QString& id, const QString& title, std::function<void()> run);
    // Ends the current step and runs the next.
    void succeed(const QString& detail = {});
    void fail(const QString& error);
    void skip(const QString& reason);
    // A step that waits longer than one answer (polling for the test message).
    void extendStepTimeout(int extraMs);
    void setStepTls(const QJsonObject& tls) { m_stepTls = tls; }
    bool stepFailedOrDone() const { return m_stepIndex >= m_steps.size(); }
    qint64 stepElapsedMs() const { return m_stepClock.elapsed(); }

    // Opens a new TCP connection (closing the previous one); `then` once connected. Implicit
    // TLS is not started here: encrypt() is a step of its own.
    void openSocket(Then then);
    // The client side of a TLS handshake; on failure the current step fails with the reason.
    void encrypt(Then then);
    // Sends a line (CRLF added). `secret`: the line carries a credential (documents the
    // caller's intent; nothing is ever recorded).
    void sendLine(const QByteArray& line);
    void sendRaw(const QByteArray& bytes);
    // The next close of the connection is expected (after QUIT / LOGOUT).
    void expectClose() { m_expectClose = true; }
    void closeSocket();
    bool isConnected() const;
    bool isEncrypted() const;
    QSslSocket* socket() const { return m_socket.get(); }
    // Called when the server's first answer arrives (its session is logged from then on).
    void noteSessionOpened();
    // A one-line description of the TLS session for the step's detail.
    QString tlsSummary() const;
    // Runs `then` after ms without blocking.
    void after(int ms, Then then);

    // The "connect" and "tls" steps every protocol starts with: connect and read the greeting
    // (after the handshake for implicit TLS), then the handshake: implicit TLS, or the protocol's
    // STARTTLS (startTls()), or skipped on a plain connection.
    void addConnectSteps();
    // Skips the current step (and says true) when there is no test message to look for: a
    // login-only test, or no message was submitted.
    bool noMessageToFind();
    // Waits for the server's greeting, then runs `then`.
    virtual void readGreeting(Then then) = 0;
    // The protocol's STARTTLS exchange and handshake; ends the "tls" step.
    virtual void startTls() = 0;

    // One complete line from the server (CRLF removed).
    virtual void onLine(const QByteArray& line) = 0;
    // Says goodbye when the steps are over (QUIT / LOGOUT); the default just closes.
    virtual void sayGoodbye() { closeSocket(); }
    // An error line in words an admin can act on, for authentication failures.
    static QString loginFailure(const QString& serverText, const QString& protocolLabel);

private:
    void stepConnect();
    void stepTls();

    struct Step {
        QString id;
        QString title;
        std::function<void()> run;
    };

    void runNext();
    void endStep(StepResult result, const QString& detail, const QString& error);
    void finish();
    void onReadyRead();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();
    QString explainSocketError(QAbstractSocket::SocketError error) const;

    ConnectivityOptions m_options;
    ProtocolReport m_report;
    QList<Step> m_steps;
    qsizetype m_stepIndex = -1;
    QElapsedTimer m_stepClock;
    QTimer m_timeout;
    QJsonObject m_stepTls;
    QString m_holdBefore;
    bool m_held = false;
    bool m_finished = false;
    bool m_started = false;
    std::unique_ptr<QSslSocket> m_socket;
    Then m_onConnected;
    Then m_onEncrypted;
    bool m_expectClose = false;
    bool m_handshaking = false;
    bool m_tlsBroken = false; // a failed handshake leaves nothing to say goodbye on
    bool m_sessionNoted = false;
    QList<QSslError> m_sslErrors;
    quint64 m_generation = 0; // invalidates pending after() callbacks of an earlier step
};

} // namespace tegami
