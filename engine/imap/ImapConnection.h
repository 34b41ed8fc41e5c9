#pragma once

#include "imap/ImapSession.h"
#include "net/SessionFactory.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tegami {

// Binds one ImapSession to its QSslSocket: reads input only while the session takes it
// (so a pipelining client is held back by TCP, not buffered without bound), streams large
// FETCH responses as the socket drains, runs STARTTLS through upgradeToTls, and deletes
// itself and the socket when the session ends.
class ImapConnection : public QObject, private ImapTransport {
    Q_OBJECT
public:
    ImapConnection(
        Connection connection, const ImapDependencies& deps, ImapSessionRegistry& registry, int failureDelayMs);
    ~ImapConnection() override;

    void start();
    // The server stops: "* BYE <reason>", close at once.
    void shutdown(const QString& reason);
    ImapSession& session() { return *m_session; }

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
    std::unique_ptr<ImapSession> m_session;
    QTimer m_closeTimer; // bounds how long a closing socket may take to flush
    bool m_closing = false;
    bool m_readQueued = false;
};

} // namespace tegami
