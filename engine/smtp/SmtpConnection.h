#pragma once

#include "net/SessionFactory.h"
#include "smtp/SmtpSession.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tegami {

// Binds one SmtpSession to its QSslSocket: reads input only while the session takes it
// (so a pipelining client is held back by TCP, and a message streams into the spool a
// read at a time, never whole in memory), runs STARTTLS through upgradeToTls, and deletes
// itself and the socket when the session ends.
class SmtpConnection : public QObject, private SmtpTransport {
    Q_OBJECT
public:
    SmtpConnection(Connection connection, const SmtpDependencies& deps);
    ~SmtpConnection() override;

    void start();
    // The server stops: tell the client (421), close at once; a message in progress is not queued.
    void shutdown(const QString& reason);
    SmtpSession& session() { return *m_session; }

private:
    void send(QByteArrayView bytes) override;
    void startTls(const QSslConfiguration& configuration) override;
    void close(const QString& reason) override;
    void inputWanted() override;
    SmtpTlsInfo tlsInfo() const override;

    void readInput();
    void peerClosed();

    Connection m_connection;
    std::unique_ptr<SmtpSession> m_session;
    QTimer m_closeTimer; // bounds how long a closing socket may take to flush
    bool m_closing = false;
    bool m_readQueued = false;
};

} // namespace tegami
