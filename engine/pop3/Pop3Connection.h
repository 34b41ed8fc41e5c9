#pragma once

#include "net/SessionFactory.h"
#include "pop3/Pop3Session.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tegami {

// Binds one Pop3Session to its QSslSocket: reads input only while the session takes it
// (so a pipelining client is held back by TCP, not buffered without bound), streams
// large replies as the socket drains, runs STLS through upgradeToTls, and deletes itself
// and the socket when the session ends (which releases the maildrop lock).
class Pop3Connection : public QObject, private Pop3Transport {
    Q_OBJECT
public:
    Pop3Connection(Connection connection, const Pop3Dependencies& deps, MaildropLocks& locks, int failureDelayMs);
    ~Pop3Connection() override;

    void start();
    // The server stops: tell the client, close at once, remove nothing.
    void shutdown(const QString& reason);
    Pop3Session& session() { return *m_session; }

private:
    void send(QByteArrayView bytes) override;
    bool canSend() const override;
    void startTls(const QSslConfiguration& configuration) override;
    void close(const QString& reason) override;
    void inputWanted() override;

    void readInput();
    void outputDrained();
    void peerClosed();

    Connection m_connection;
    std::unique_ptr<Pop3Session> m_session;
    QTimer m_closeTimer; // bounds how long a closing socket may take to flush
    bool m_closing = false;
    bool m_readQueued = false;
};

} // namespace tegami
