#include "net/TlsUpgrade.h"

#include "log/LogSession.h"
#include "tls/TlsPolicy.h"

#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace tegami {

void upgradeToTls(QSslSocket* socket, const QSslConfiguration& configuration, LogSession& log,
    std::function<void(bool ok)> done, int timeoutMs)
{
    // Shared between the handlers so only the first outcome counts.
    struct State {
        bool finished = false;
        QList<QMetaObject::Connection> connections;
    };
    auto state = std::make_shared<State>();
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    LogSession* logPtr = &log;
    QPointer<QSslSocket> guard(socket);

    auto finish = [state, timer, logPtr, guard, done](bool ok, const QString& note) {
        if (state->finished)
            return;
        state->finished = true;
        for (const QMetaObject::Connection& c : state->connections)
            QObject::disconnect(c);
        timer->deleteLater();
        logPtr->note(note);
        if (ok)
            logPtr->setContext(QStringLiteral("tls"));
        done(ok);
    };

    state->connections << QObject::connect(socket, &QSslSocket::encrypted, socket,
        [socket, finish] { finish(true, QStringLiteral("TLS established: %1").arg(describeTlsSession(*socket))); });
    state->connections << QObject::connect(
        socket, &QSslSocket::sslErrors, socket, [finish](const QList<QSslError>& errors) {
            QStringList texts;
            for (const QSslError& e : errors)
                texts << e.errorString();
            finish(false, QStringLiteral("TLS handshake failed: %1").arg(texts.join(QStringLiteral("; "))));
        });
    state->connections << QObject::connect(
        socket, &QAbstractSocket::errorOccurred, socket, [socket, finish](QAbstractSocket::SocketError) {
            finish(false, QStringLiteral("TLS handshake failed: %1").arg(socket->errorString()));
        });
    state->connections << QObject::connect(
        socket, &QSslSocket::handshakeInterruptedOnError, socket, [finish](const QSslError& e) {
            finish(false, QStringLiteral("TLS handshake failed: %1").arg(e.errorString()));
        });
    QObject::connect(timer, &QTimer::timeout, socket, [finish, timeoutMs] {
        finish(false, QStringLiteral("TLS handshake failed: no handshake within %1 s").arg(timeoutMs / 1000));
    });
    timer->start(timeoutMs);

    socket->setSslConfiguration(configuration);
    socket->startServerEncryption();
}

} // namespace tegami
