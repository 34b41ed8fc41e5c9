#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace tegami {

// Starts the bundled tegamid for a data directory when none answers ("local service").
// The service runs detached: closing the console leaves it running. For the system
// service's directory (an installed Tegami, DataPaths::systemDataDir) it never starts a
// private copy: on Windows it asks the service control manager to start the service, on
// Linux it says which systemctl command to use and how to join the tegami group.
class ServiceLauncher : public QObject {
    Q_OBJECT
public:
    explicit ServiceLauncher(QString dataDir, QObject* parent = nullptr);

    // The tegamid beside the console's executable unless set.
    void setServicePath(const QString& path) { m_servicePath = path; }
    QString servicePath() const;
    // Extra arguments for tegamid (tests pass --test-password-hashing).
    void setExtraArguments(const QStringList& args) { m_extraArgs = args; }

    bool isSystemService() const;
    bool hasStarted() const { return m_started; }
    qint64 startedPid() const { return m_pid; }

    // Starts tegamid once; later calls do nothing and return true. On failure, error says
    // what the admin can do.
    bool startOnce(QString* error);

private:
    bool startSystemService(QString* error);

    QString m_dataDir;
    QString m_servicePath;
    QStringList m_extraArgs;
    bool m_started = false;
    qint64 m_pid = 0;
};

} // namespace tegami
