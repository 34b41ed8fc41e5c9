#include "client/ServiceLauncher.h"

#include "core/DataPaths.h"
#include "service/Platform.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace tegami {

ServiceLauncher::ServiceLauncher(QString dataDir, QObject* parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{ }

QString ServiceLauncher::servicePath() const
{
    if (!m_servicePath.isEmpty())
        return m_servicePath;
    // tegamid sits beside the console, with the same suffix (".exe" on Windows).
    const QString suffix = QFileInfo(QCoreApplication::applicationFilePath()).suffix();
    const QString name = suffix.isEmpty() ? QStringLiteral("tegamid") : QStringLiteral("tegamid.") + suffix;
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(name);
}

bool ServiceLauncher::isSystemService() const
{
    return QDir(m_dataDir).absolutePath() == QDir(DataPaths::systemDataDir()).absolutePath();
}

bool ServiceLauncher::startSystemService(QString* error)
{
    // The system service runs as its own account under the service manager: the console
    // never starts a copy of it as the user.
    if (!platform::managesServiceItself()) {
        *error = tr("the system service is not running, or you may not use it. Start it with `%1`; to manage it "
                    "without root, join the group that may use its control socket (sudo adduser $USER tegami, then "
                    "log in again).")
                     .arg(platform::serviceCommandHint(QStringLiteral("start")));
        return false;
    }
    if (Result<void> r = platform::startService(platform::systemService(servicePath()).name); !r) {
        *error = tr("the system service could not be started: %1").arg(r.error().toString());
        return false;
    }
    m_started = true;
    return true;
}

bool ServiceLauncher::startOnce(QString* error)
{
    if (m_started)
        return true;
    if (isSystemService())
        return startSystemService(error);
    const QString program = servicePath();
    if (!QFileInfo(program).isExecutable()) {
        *error = tr("the service program was not found at %1. Install Tegami completely, or start the service "
                    "yourself: tegamid --data-dir \"%2\"")
                     .arg(QDir::toNativeSeparators(program), QDir::toNativeSeparators(m_dataDir));
        return false;
    }
    QProcess process;
    process.setProgram(program);
    process.setArguments(QStringList { QStringLiteral("--data-dir"), m_dataDir } + m_extraArgs);
    // tegamid writes its own log (logs/tegamid.log); its console output has no reader here.
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    process.setWorkingDirectory(QDir::homePath());
    if (!process.startDetached(&m_pid)) {
        *error = tr("the service could not be started (%1): %2").arg(program, process.errorString());
        return false;
    }
    m_started = true;
    return true;
}

} // namespace tegami
