#pragma once

#include <QLocalSocket>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

// A real tegamid for the console's tests, on its own data directory. TEGAMID_PATH comes
// from CMake ($<TARGET_FILE:tegamid>).
class TestService {
public:
    explicit TestService(QString dataDir)
        : m_dataDir(std::move(dataDir))
    { }
    ~TestService() { stop(); }

    QString dataDir() const { return m_dataDir; }
    QString socket() const { return m_dataDir + QStringLiteral("/control.sock"); }
    qint64 pid() const { return m_process.processId(); }

    bool start()
    {
        m_process.setProgram(QStringLiteral(TEGAMID_PATH));
        m_process.setArguments({ QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--test-password-hashing") });
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        return waitUntilReachable(socket(), 15000);
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool isRunning() const { return m_process.state() == QProcess::Running; }

    static bool waitUntilReachable(const QString& socketName, int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            QLocalSocket probe;
            probe.connectToServer(socketName);
            if (probe.waitForConnected(200))
                return true;
            QTest::qWait(100);
        }
        return false;
    }

    // A TCP port on 127.0.0.1 that nothing listens on right now.
    static quint16 freePort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

private:
    QString m_dataDir;
    QProcess m_process;
};
