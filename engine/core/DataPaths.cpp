#include "core/DataPaths.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace tegami {

DataPaths::DataPaths(QString dataDir)
    : m_dir(QDir(dataDir).absolutePath())
{ }

QString DataPaths::defaultDataDir()
{
    if (qEnvironmentVariableIsEmpty("TEGAMI_DATA_DIR") && isSystemInstall())
        return systemDataDir();
    return personalDataDir();
}

QString DataPaths::personalDataDir()
{
    const QString env = qEnvironmentVariable("TEGAMI_DATA_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).absoluteFilePath(QStringLiteral("tegami"));
}

QString DataPaths::systemDataDir()
{
#ifdef Q_OS_WIN
    const QString programData = qEnvironmentVariable("ProgramData", QStringLiteral("C:/ProgramData"));
    return QDir(QDir::fromNativeSeparators(programData)).absoluteFilePath(QStringLiteral("Tegami"));
#else
    return QStringLiteral("/var/lib/tegami");
#endif
}

QString DataPaths::systemControlSocket()
{
#ifdef Q_OS_WIN
    return QStringLiteral("tegami-control");
#else
    return QStringLiteral("/run/tegami/control.sock");
#endif
}

bool DataPaths::isSystemInstall()
{
    if (!QCoreApplication::instance())
        return false;
    // The install rules (installer/Install.cmake) put this marker beside the programs.
    const QDir bin(QCoreApplication::applicationDirPath());
    return QFileInfo::exists(bin.absoluteFilePath(QStringLiteral("../share/tegami/system-service")))
        && QFileInfo(systemDataDir()).isDir();
}

QString DataPaths::settingsFile() const
{
    return m_dir + QStringLiteral("/settings.json");
}
QString DataPaths::accountsDatabase() const
{
    return m_dir + QStringLiteral("/accounts.db");
}
QString DataPaths::storeDir() const
{
    return m_dir + QStringLiteral("/store");
}
QString DataPaths::certificateDir() const
{
    return m_dir + QStringLiteral("/certs");
}
QString DataPaths::spoolDir() const
{
    return m_dir + QStringLiteral("/queue");
}
QString DataPaths::protocolLogDir() const
{
    return m_dir + QStringLiteral("/logs/protocol");
}
QString DataPaths::serviceLogFile() const
{
    return m_dir + QStringLiteral("/logs/tegamid.log");
}
QString DataPaths::lockFile() const
{
    return m_dir + QStringLiteral("/tegamid.lock");
}

QString DataPaths::controlSocket() const
{
    if (m_dir == QDir(systemDataDir()).absolutePath())
        return systemControlSocket();
#ifdef Q_OS_WIN
    // Named pipes live in their own namespace; derive a stable name from the directory.
    const QByteArray hash = QCryptographicHash::hash(m_dir.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("tegami-control-") + QString::fromLatin1(hash);
#else
    return m_dir + QStringLiteral("/control.sock");
#endif
}

bool DataPaths::ensureExists(QString* error) const
{
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString& dir : { m_dir, storeDir(), spoolDir(), protocolLogDir() }) {
        if (!QDir().mkpath(dir)) {
            if (error)
                *error = QStringLiteral("cannot create the directory %1: check that its parent exists and is writable")
                             .arg(dir);
            return false;
        }
    }
    for (const QString& dir : { m_dir, storeDir(), spoolDir(), m_dir + QStringLiteral("/logs"), protocolLogDir() })
        QFile::setPermissions(dir, ownerOnly);
    return true;
}

} // namespace tegami
