#pragma once

#include <QByteArrayView>
#include <QSslConfiguration>
#include <QString>

namespace tegami {

// The TLS parameters of a connection, for trace headers and the log.
struct TlsSessionInfo {
    QString protocol; // "TLSv1.3"; empty without TLS
    QString cipher; // "TLS_AES_256_GCM_SHA384"
    int usedBits = 0;
    int supportedBits = 0;

    QString describe() const; // "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)"
};

// What a protocol session writes to. SessionConnection binds it to a QSslSocket; the
// session tests bind it to a byte buffer.
class SessionTransport {
public:
    virtual ~SessionTransport() = default;
    virtual void send(QByteArrayView bytes) = 0;
    // False while the peer has not taken enough of what was sent: a streamed reply pauses
    // until the session's resumeOutput().
    virtual bool canSend() const { return true; }
    // Called right after the protocol's "go ahead" reply to STARTTLS/STLS: drop unread input
    // (the client may have pipelined plain text), run the handshake, then report with the
    // session's tlsFinished().
    virtual void startTls(const QSslConfiguration& configuration) = 0;
    // Send what is queued, then close. The session does nothing after this.
    virtual void close(const QString& reason) = 0;
    // The session takes input again (after a delayed reply, a streamed reply, a login
    // check or a TLS handshake): feed it what arrived meanwhile, later (a queued call), not
    // from inside this call.
    virtual void inputWanted() { }
    virtual TlsSessionInfo tlsInfo() const { return {}; }
};

// What a SessionConnection drives: one protocol session (POP3, SMTP, IMAP).
class ProtocolSession {
public:
    virtual ~ProtocolSession() = default;
    virtual void start() = 0; // the greeting
    virtual void receive(QByteArrayView bytes) = 0;
    // Not taking input now (a delayed reply, a streamed reply, a login check, a handshake).
    virtual bool isBusy() const = 0;
    virtual void resumeOutput() { } // the transport can take more of a streamed reply
    virtual void tlsFinished(bool ok) = 0;
    virtual void connectionLost(const QString& reason) = 0; // the client went away
    virtual void shutdown(const QString& reason) = 0; // the server stops

protected:
    // Parses and answers what has arrived, until the session is busy or needs more.
    virtual void processInput() = 0;
    // Takes input again after a busy spell: what arrived meanwhile first, then, if still not
    // busy, asks the transport for more.
    void resumeInput(SessionTransport& transport)
    {
        if (isBusy())
            return;
        processInput();
        if (!isBusy())
            transport.inputWanted();
    }
};

} // namespace tegami
