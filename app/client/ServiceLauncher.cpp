#include "client/ServiceLauncher.h"

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
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("tegamid.exe");
#else
    const QString name = QStringLiteral("tegamid");
#endif
    return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(name);
}

bool ServiceLauncher::startOnce(QString* error)
{
    if (m_started)
        return true;
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
