// The system service on Windows: tegamid --service under the service control manager
// (SCM), registered by tegamictl service install or the installer, and a control pipe
// that only the service's account and the Administrators may open.
//
// TODO(tegami): compiled only on Windows and never built here (no Windows toolchain in
// this environment). Written against the Win32 documentation (StartServiceCtrlDispatcher,
// RegisterServiceCtrlHandlerEx, SetServiceStatus, CreateService/DeleteService, named pipe
// security); tests/engine/service/TestPlatform.cpp checks it on Windows, and with
// TEGAMI_TEST_SERVICE_INSTALL=1 in an elevated prompt also registers a service.
#include "service/Platform.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <aclapi.h>
#include <mutex>
#include <sddl.h>
#include <thread>
#include <windows.h>

namespace tegami::platform {

namespace {

QString lastErrorText(DWORD code)
{
    wchar_t* text = nullptr;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
        code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    const QString message = text ? QString::fromWCharArray(text).trimmed() : QStringLiteral("error %1").arg(code);
    LocalFree(text);
    return message;
}

// An admin-actionable Error for a failed SCM call.
Error scmError(const QString& what, DWORD code)
{
    const QString message = QStringLiteral("%1: %2").arg(what, lastErrorText(code));
    switch (code) {
    case ERROR_ACCESS_DENIED:
        return { ErrorCode::PermissionDenied,
            message + QStringLiteral(" (run it from an elevated prompt: Run as administrator)"), {} };
    case ERROR_SERVICE_EXISTS:
        return Error::exists(message + QStringLiteral(" (tegamictl service remove first)"));
    case ERROR_SERVICE_DOES_NOT_EXIST:
        return Error::notFound(message + QStringLiteral(" (tegamictl service install registers it)"));
    default:
        return Error::io(message);
    }
}

// Closes an SC_HANDLE when it goes out of scope.
struct ScHandle {
    SC_HANDLE h = nullptr;
    explicit ScHandle(SC_HANDLE handle)
        : h(handle)
    { }
    ~ScHandle()
    {
        if (h)
            CloseServiceHandle(h);
    }
    ScHandle(const ScHandle&) = delete;
    ScHandle& operator=(const ScHandle&) = delete;
};

Result<SC_HANDLE> openService(const ScHandle& scm, const QString& name, DWORD access)
{
    SC_HANDLE service = OpenServiceW(scm.h, reinterpret_cast<const wchar_t*>(name.utf16()), access);
    if (!service) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service %1").arg(name), error);
    }
    return service;
}

Result<SERVICE_STATUS_PROCESS> queryStatus(SC_HANDLE service)
{
    SERVICE_STATUS_PROCESS status {};
    DWORD needed = 0;
    if (!QueryServiceStatusEx(
            service, SC_STATUS_PROCESS_INFO, reinterpret_cast<BYTE*>(&status), sizeof(status), &needed)) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot query the service"), error);
    }
    return status;
}

// Waits (up to 30 s) until a stop request has taken effect.
Result<void> waitStopped(SC_HANDLE service, const QString& name)
{
    for (int i = 0; i < 300; ++i) {
        const Result<SERVICE_STATUS_PROCESS> status = queryStatus(service);
        if (!status)
            return status.error();
        if (status->dwCurrentState == SERVICE_STOPPED)
            return {};
        Sleep(100);
    }
    return Error { ErrorCode::Busy, QStringLiteral("the service %1 did not stop within 30 seconds").arg(name), {} };
}

QString accountName(PSID sid)
{
    wchar_t name[256];
    wchar_t domain[256];
    DWORD nameSize = 256;
    DWORD domainSize = 256;
    SID_NAME_USE use;
    if (!LookupAccountSidW(nullptr, sid, name, &nameSize, domain, &domainSize, &use)) {
        wchar_t* text = nullptr;
        QString fallback;
        if (ConvertSidToStringSidW(sid, &text)) {
            fallback = QString::fromWCharArray(text);
            LocalFree(text);
        }
        return fallback;
    }
    const QString account = QString::fromWCharArray(name);
    return domainSize > 0 ? QString::fromWCharArray(domain) + QLatin1Char('\\') + account : account;
}

// The SID of the account this process runs as (SYSTEM under the SCM), as "S-1-5-...".
QString currentUserSid()
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return {};
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    QByteArray buffer(int(size), '\0');
    QString result;
    if (GetTokenInformation(token, TokenUser, buffer.data(), size, &size)) {
        wchar_t* text = nullptr;
        if (ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER*>(buffer.data())->User.Sid, &text)) {
            result = QString::fromWCharArray(text);
            LocalFree(text);
        }
    }
    CloseHandle(token);
    return result;
}

QString fullPipeName(const QString& name)
{
    const QString prefix = QStringLiteral("\\\\.\\pipe\\");
    return name.startsWith(prefix) ? name : prefix + name;
}

// Creates the pipe's first instance with a DACL for the service's account and the
// Administrators. A named pipe keeps the security of its first instance: the instances
// QLocalServer creates next join it (Qt does not ask to be first), so they get this DACL
// whatever Qt passes. FILE_FLAG_FIRST_PIPE_INSTANCE also refuses a name that another
// process already holds, so nobody can squat the service's pipe. The instance is closed
// once Qt listens; a client that connects in that moment sees a broken pipe and retries.
Result<ControlServer::Reservation> reserveAdminPipe(const QString& name)
{
    const QString sddl = QStringLiteral("D:P(A;;GA;;;%1)(A;;GA;;;BA)").arg(currentUserSid());
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(
            reinterpret_cast<const wchar_t*>(sddl.utf16()), SDDL_REVISION_1, &descriptor, nullptr)) {
        const DWORD error = GetLastError();
        return Error::internal(QStringLiteral("cannot build the control pipe's ACL: %1").arg(lastErrorText(error)));
    }
    SECURITY_ATTRIBUTES attributes {};
    attributes.nLength = sizeof(attributes);
    attributes.lpSecurityDescriptor = descriptor;
    attributes.bInheritHandle = FALSE;
    const QString pipe = fullPipeName(name);
    // The same access and type modes as QLocalServer's instances (they must match).
    HANDLE handle = CreateNamedPipeW(reinterpret_cast<const wchar_t*>(pipe.utf16()),
        PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, PIPE_UNLIMITED_INSTANCES, 0, 0, 3000, &attributes);
    const DWORD error = GetLastError();
    LocalFree(descriptor);
    if (handle == INVALID_HANDLE_VALUE) {
        if (error == ERROR_ACCESS_DENIED || error == ERROR_PIPE_BUSY) {
            return Error { ErrorCode::Busy,
                QStringLiteral("another program already holds the control pipe %1: is another tegamid --service "
                               "running? (tegamictl service status)")
                    .arg(pipe),
                {} };
        }
        return Error::io(QStringLiteral("cannot create the control pipe %1: %2").arg(pipe, lastErrorText(error)));
    }
    return ControlServer::Reservation(handle, [](void* h) { CloseHandle(h); });
}

// The service's side of the SCM conversation.
struct ServiceRuntime {
    std::mutex mutex;
    std::wstring name;
    SERVICE_STATUS_HANDLE statusHandle = nullptr;
    SERVICE_STATUS status {};
    std::function<void()> onStop;
    HANDLE registered = nullptr; // set once ServiceMain registered its handler, or the dispatcher failed
    HANDLE done = nullptr; // set by endService: ServiceMain may return
    DWORD dispatcherError = 0;
    std::thread dispatcher;
};
ServiceRuntime g_service;

void setState(DWORD state, DWORD exitCode = 0)
{
    std::lock_guard lock(g_service.mutex);
    if (!g_service.statusHandle)
        return;
    SERVICE_STATUS& s = g_service.status;
    s.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    s.dwCurrentState = state;
    s.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    s.dwWin32ExitCode = exitCode == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
    s.dwServiceSpecificExitCode = exitCode;
    const bool pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
    s.dwCheckPoint = pending ? s.dwCheckPoint + 1 : 0;
    s.dwWaitHint = pending ? 30000 : 0;
    SetServiceStatus(g_service.statusHandle, &s);
}

DWORD WINAPI serviceControl(DWORD control, DWORD, void*, void*)
{
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        setState(SERVICE_STOP_PENDING);
        // The handler runs on the dispatcher's thread: hand the request to the event loop.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [] { g_service.onStop(); }, Qt::QueuedConnection);
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

void WINAPI serviceMain(DWORD, LPWSTR*)
{
    SERVICE_STATUS_HANDLE handle = RegisterServiceCtrlHandlerExW(g_service.name.c_str(), serviceControl, nullptr);
    const DWORD error = handle ? 0 : GetLastError();
    {
        std::lock_guard lock(g_service.mutex);
        g_service.statusHandle = handle;
        g_service.dispatcherError = error;
    }
    if (!handle) {
        SetEvent(g_service.registered);
        return;
    }
    setState(SERVICE_START_PENDING);
    SetEvent(g_service.registered);
    // The service runs on the main thread's event loop; this thread returns once
    // endService() has reported SERVICE_STOPPED.
    WaitForSingleObject(g_service.done, INFINITE);
}

} // namespace

ControlServer::EndpointAccess controlEndpointAccess(ControlAccess access)
{
    ControlServer::EndpointAccess endpoint;
    // Qt's UserAccessOption: a DACL with this account alone (the per-user instance).
    endpoint.options = QLocalServer::UserAccessOption;
    if (access == ControlAccess::OwnerAndAdmins)
        endpoint.reserve = reserveAdminPipe;
    return endpoint;
}

QStringList endpointPrincipals(const QString& serverName, QString* error)
{
    // Opening a pipe by name is a client connection (READ_CONTROL only); the server sees
    // it come and go.
    const QString pipe = fullPipeName(serverName);
    HANDLE handle = CreateFileW(
        reinterpret_cast<const wchar_t*>(pipe.utf16()), READ_CONTROL, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    if (handle == INVALID_HANDLE_VALUE) {
        const DWORD code = GetLastError();
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(pipe, lastErrorText(code));
        return {};
    }
    PACL dacl = nullptr;
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    const DWORD rc = GetSecurityInfo(
        handle, SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl, nullptr, &descriptor);
    CloseHandle(handle);
    if (rc != ERROR_SUCCESS) {
        if (error)
            *error = QStringLiteral("cannot read the ACL of %1: %2").arg(pipe, lastErrorText(rc));
        return {};
    }
    QStringList principals;
    for (DWORD i = 0; dacl && i < dacl->AceCount; ++i) {
        void* ace = nullptr;
        if (GetAce(dacl, i, &ace) && static_cast<ACE_HEADER*>(ace)->AceType == ACCESS_ALLOWED_ACE_TYPE)
            principals << accountName(reinterpret_cast<PSID>(&static_cast<ACCESS_ALLOWED_ACE*>(ace)->SidStart));
    }
    LocalFree(descriptor);
    return principals;
}

QString currentAccountName()
{
    const QString sid = currentUserSid();
    PSID binary = nullptr;
    if (sid.isEmpty() || !ConvertStringSidToSidW(reinterpret_cast<const wchar_t*>(sid.utf16()), &binary))
        return sid;
    const QString name = accountName(binary);
    LocalFree(binary);
    return name;
}

QString serviceAdminGroup(ControlAccess access)
{
    if (access != ControlAccess::OwnerAndAdmins)
        return {};
    BYTE sid[SECURITY_MAX_SID_SIZE];
    DWORD size = sizeof(sid);
    if (!CreateWellKnownSid(WinBuiltinAdministratorsSid, nullptr, sid, &size))
        return QStringLiteral("BUILTIN\\Administrators");
    return accountName(sid); // localised, as LookupAccountSid spells it in endpointPrincipals
}

ServiceDefinition systemService(const QString& program)
{
    return { QStringLiteral("tegami"), QStringLiteral("Tegami mail server"),
        QStringLiteral("Mail server for small offices (SMTP, IMAP, POP3). Data in %ProgramData%\\Tegami."), program,
        { QStringLiteral("--service") } };
}

bool managesServiceItself()
{
    return true;
}

QString serviceCommandHint(const QString& action)
{
    if (action == QLatin1String("status"))
        return QStringLiteral("tegamictl service status");
    return QStringLiteral("tegamictl service %1 (in an elevated prompt)").arg(action);
}

Result<void> installService(const ServiceDefinition& service)
{
    ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE));
    if (!scm.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service control manager"), error);
    }
    QString command
        = QLatin1Char('"') + QString(service.program).replace(QLatin1Char('/'), QLatin1Char('\\')) + QLatin1Char('"');
    for (const QString& argument : service.arguments)
        command += QLatin1Char(' ') + argument;
    // LocalSystem (no account given): it binds ports below 1024 and owns %ProgramData%\Tegami.
    ScHandle created(CreateServiceW(scm.h, reinterpret_cast<const wchar_t*>(service.name.utf16()),
        reinterpret_cast<const wchar_t*>(service.displayName.utf16()), SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
        SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, reinterpret_cast<const wchar_t*>(command.utf16()), nullptr, nullptr,
        nullptr, nullptr, nullptr));
    if (!created.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot register the service %1").arg(service.name), error);
    }

    std::wstring description = service.description.toStdWString();
    SERVICE_DESCRIPTIONW about { description.data() };
    ChangeServiceConfig2W(created.h, SERVICE_CONFIG_DESCRIPTION, &about);
    // Restart after a crash, like the Linux unit's Restart=on-failure.
    SC_ACTION restart[3] = { { SC_ACTION_RESTART, 5000 }, { SC_ACTION_RESTART, 5000 }, { SC_ACTION_RESTART, 60000 } };
    SERVICE_FAILURE_ACTIONSW failure {};
    failure.dwResetPeriod = 24 * 3600;
    failure.cActions = 3;
    failure.lpsaActions = restart;
    ChangeServiceConfig2W(created.h, SERVICE_CONFIG_FAILURE_ACTIONS, &failure);
    return {};
}

Result<void> removeService(const QString& name)
{
    ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service control manager"), error);
    }
    Result<SC_HANDLE> opened = openService(scm, name, SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE);
    if (!opened)
        return opened.error();
    ScHandle service(*opened);
    SERVICE_STATUS status {};
    if (ControlService(service.h, SERVICE_CONTROL_STOP, &status)) {
        if (Result<void> stopped = waitStopped(service.h, name); !stopped)
            return stopped;
    }
    if (!DeleteService(service.h)) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot remove the service %1").arg(name), error);
    }
    return {};
}

Result<void> startService(const QString& name)
{
    ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service control manager"), error);
    }
    Result<SC_HANDLE> opened = openService(scm, name, SERVICE_START);
    if (!opened)
        return opened.error();
    ScHandle service(*opened);
    if (!StartServiceW(service.h, 0, nullptr)) {
        const DWORD error = GetLastError();
        if (error != ERROR_SERVICE_ALREADY_RUNNING)
            return scmError(QStringLiteral("cannot start the service %1").arg(name), error);
    }
    return {};
}

Result<void> stopService(const QString& name)
{
    ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service control manager"), error);
    }
    Result<SC_HANDLE> opened = openService(scm, name, SERVICE_STOP | SERVICE_QUERY_STATUS);
    if (!opened)
        return opened.error();
    ScHandle service(*opened);
    SERVICE_STATUS status {};
    if (!ControlService(service.h, SERVICE_CONTROL_STOP, &status)) {
        const DWORD error = GetLastError();
        if (error == ERROR_SERVICE_NOT_ACTIVE)
            return {};
        return scmError(QStringLiteral("cannot stop the service %1").arg(name), error);
    }
    return waitStopped(service.h, name);
}

Result<ServiceState> serviceState(const QString& name)
{
    ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm.h) {
        const DWORD error = GetLastError();
        return scmError(QStringLiteral("cannot open the service control manager"), error);
    }
    SC_HANDLE handle = OpenServiceW(scm.h, reinterpret_cast<const wchar_t*>(name.utf16()), SERVICE_QUERY_STATUS);
    if (!handle) {
        const DWORD error = GetLastError();
        if (error == ERROR_SERVICE_DOES_NOT_EXIST)
            return ServiceState::NotInstalled;
        return scmError(QStringLiteral("cannot open the service %1").arg(name), error);
    }
    ScHandle service(handle);
    const Result<SERVICE_STATUS_PROCESS> status = queryStatus(service.h);
    if (!status)
        return status.error();
    switch (status->dwCurrentState) {
    case SERVICE_STOPPED:
        return ServiceState::Stopped;
    case SERVICE_START_PENDING:
    case SERVICE_CONTINUE_PENDING:
        return ServiceState::Starting;
    case SERVICE_STOP_PENDING:
    case SERVICE_PAUSE_PENDING:
        return ServiceState::Stopping;
    default:
        return ServiceState::Running;
    }
}

Result<void> beginService(const QString& name, std::function<void()> onStop)
{
    g_service.name = name.toStdWString();
    g_service.onStop = std::move(onStop);
    g_service.registered = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    g_service.done = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    // StartServiceCtrlDispatcher blocks until the service has stopped, so it gets its own
    // thread; the engine keeps the main thread and its event loop.
    g_service.dispatcher = std::thread([] {
        SERVICE_TABLE_ENTRYW table[] = { { g_service.name.data(), serviceMain }, { nullptr, nullptr } };
        if (!StartServiceCtrlDispatcherW(table)) {
            const DWORD error = GetLastError();
            {
                std::lock_guard lock(g_service.mutex);
                g_service.dispatcherError = error;
            }
            SetEvent(g_service.registered);
        }
    });
    WaitForSingleObject(g_service.registered, INFINITE);
    DWORD error = 0;
    bool registered = false;
    {
        std::lock_guard lock(g_service.mutex);
        error = g_service.dispatcherError;
        registered = g_service.statusHandle != nullptr;
    }
    if (registered)
        return {};
    g_service.dispatcher.join();
    if (error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
        return Error::invalid(QStringLiteral("--service"),
            QStringLiteral("tegamid --service is started by the service control manager (tegamictl service start, "
                           "or Services); to run tegamid in a console, leave out --service"));
    }
    return Error::internal(
        QStringLiteral("cannot connect to the service control manager: %1").arg(lastErrorText(error)));
}

void reportServiceRunning()
{
    setState(SERVICE_RUNNING);
}

void endService(int exitCode)
{
    setState(SERVICE_STOPPED, static_cast<DWORD>(exitCode));
    if (g_service.done)
        SetEvent(g_service.done);
    if (g_service.dispatcher.joinable())
        g_service.dispatcher.join();
}

} // namespace tegami::platform
