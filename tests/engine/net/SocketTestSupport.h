#pragma once

// What the protocols' socket tests share: a TLS provider with a certificate made by
// `openssl req -x509` (independently of the engine's certificate code), and a client
// socket in the test's thread that waits by running the event loop, never by blocking,
// because the server runs in the same thread.

#include "net/SessionFactory.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTest>

#include <optional>

namespace tegami::testing {

class SelfSignedTlsProvider : public TlsProvider {
public:
    bool create(const QString& dir)
    {
        const QString cert = QDir(dir).filePath(QStringLiteral("server.crt"));
        const QString key = QDir(dir).filePath(QStringLiteral("server.key"));
        QProcess p;
        p.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-subj"),
                QStringLiteral("/CN=localhost"), QStringLiteral("-days"), QStringLiteral("2") });
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning("openssl failed: %s", p.readAllStandardError().constData());
            return false;
        }
        QFile c(cert);
        QFile k(key);
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
            return false;
        m_config = QSslConfiguration::defaultConfiguration();
        m_config.setLocalCertificate(QSslCertificate(c.readAll()));
        m_config.setPrivateKey(QSslKey(k.readAll(), QSsl::Ec));
        m_config.setProtocol(QSsl::TlsV1_2OrLater);
        m_config.setPeerVerifyMode(QSslSocket::VerifyNone);
        return !m_config.localCertificate().isNull() && !m_config.privateKey().isNull();
    }

    std::optional<QSslConfiguration> serverConfiguration(Protocol, QString*) const override { return m_config; }

private:
    QSslConfiguration m_config;
};

class TestSocketClient {
public:
    bool connect(quint16 port, bool implicitTls)
    {
        QSslConfiguration c = socket.sslConfiguration();
        c.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.setSslConfiguration(c);
        if (implicitTls)
            socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        else
            socket.connectToHost(QHostAddress::LocalHost, port);
        for (int i = 0;
             i < 500 && !(implicitTls ? socket.isEncrypted() : socket.state() == QAbstractSocket::ConnectedState); ++i)
            QTest::qWait(10);
        return implicitTls ? socket.isEncrypted() : socket.state() == QAbstractSocket::ConnectedState;
    }

    QByteArray line(int timeoutMs = 5000)
    {
        for (int waited = 0; !socket.canReadLine() && waited < timeoutMs; waited += 5) {
            if (socket.state() == QAbstractSocket::UnconnectedState && socket.bytesAvailable() == 0)
                break;
            QTest::qWait(5);
        }
        return socket.readLine();
    }

    bool startTls()
    {
        socket.startClientEncryption();
        for (int i = 0; i < 500 && !socket.isEncrypted(); ++i)
            QTest::qWait(10);
        return socket.isEncrypted();
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        for (int waited = 0; socket.state() != QAbstractSocket::UnconnectedState && waited < timeoutMs; waited += 10)
            QTest::qWait(10);
        return socket.state() == QAbstractSocket::UnconnectedState;
    }

    QSslSocket socket;
};

} // namespace tegami::testing
