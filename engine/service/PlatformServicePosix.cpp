// The system service on Linux: systemd runs tegamid (installer/tegami.service) as an
// ordinary process, so there is nothing to register or report; only the control socket's
// group access is ours.
#include "service/Platform.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tegami::platform {

namespace {

QString userName(uid_t uid)
{
    const passwd* pw = ::getpwuid(uid);
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(uid);
}

QString groupName(gid_t gid)
{
    const group* gr = ::getgrgid(gid);
    return gr ? QString::fromLocal8Bit(gr->gr_name) : QString::number(gid);
}

Error managedBySystemd(const QString& action)
{
    return Error::invalid(QStringLiteral("service"),
        QStringLiteral("on Linux the package installs the systemd unit tegami.service and systemd manages it: use "
                       "`%1`")
            .arg(serviceCommandHint(action)));
}

} // namespace

ControlServer::EndpointAccess controlEndpointAccess(ControlAccess access)
{
    ControlServer::EndpointAccess endpoint;
    // Qt binds the socket in a private directory, sets these modes, then moves it into
    // place, so it is never reachable with wider permissions. Its group is the process's:
    // the unit's Group=tegami.
    endpoint.options = access == ControlAccess::OwnerAndAdmins
        ? QLocalServer::UserAccessOption | QLocalServer::GroupAccessOption
        : QLocalServer::UserAccessOption;
    return endpoint;
}

QStringList endpointPrincipals(const QString& serverName, QString* error)
{
    struct stat st { };
    if (::stat(QFile::encodeName(serverName).constData(), &st) != 0) {
        if (error)
            *error = QStringLiteral("cannot inspect %1: %2").arg(serverName, QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    QStringList principals;
    if (st.st_mode & S_IWUSR)
        principals << userName(st.st_uid);
    if (st.st_mode & S_IWGRP)
        principals << groupName(st.st_gid);
    if (st.st_mode & S_IWOTH)
        principals << QStringLiteral("everyone");
    return principals;
}

QString currentAccountName()
{
    return userName(::geteuid());
}

QString serviceAdminGroup(ControlAccess access)
{
    return access == ControlAccess::OwnerAndAdmins ? groupName(::getegid()) : QString();
}

ServiceDefinition systemService(const QString& program)
{
    return { QStringLiteral("tegami"), QStringLiteral("Tegami mail server"),
        QStringLiteral("Mail server for small offices (SMTP, IMAP, POP3)"), program, { QStringLiteral("--service") } };
}

bool managesServiceItself()
{
    return false;
}

QString serviceCommandHint(const QString& action)
{
    if (action == QLatin1String("remove"))
        return QStringLiteral("sudo apt remove tegami (sudo apt purge tegami also deletes the mail and settings)");
    if (action == QLatin1String("install"))
        return QStringLiteral("sudo apt install ./tegami_VERSION_ARCH.deb, then sudo systemctl enable --now tegami");
    if (action == QLatin1String("status"))
        return QStringLiteral("systemctl status tegami");
    return QStringLiteral("sudo systemctl %1 tegami").arg(action);
}

Result<void> installService(const ServiceDefinition&)
{
    return managedBySystemd(QStringLiteral("install"));
}

Result<void> removeService(const QString&)
{
    return managedBySystemd(QStringLiteral("remove"));
}

Result<void> startService(const QString&)
{
    return managedBySystemd(QStringLiteral("start"));
}

Result<void> stopService(const QString&)
{
    return managedBySystemd(QStringLiteral("stop"));
}

Result<ServiceState> serviceState(const QString&)
{
    return managedBySystemd(QStringLiteral("status"));
}

Result<void> beginService(const QString&, std::function<void()>)
{
    // systemd supervises tegamid as a plain process (Type=exec): SIGTERM reaches the
    // shutdown handler, and its exit status is the unit's result.
    return {};
}

void reportServiceRunning() { }

void endService(int) { }

} // namespace tegami::platform
