#include "service/Platform.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tegami::platform {

namespace {
int g_signalPipe[2] = { -1, -1 };

void onSignal(int signo)
{
    // Only async-signal-safe work here: hand the number to the event loop.
    const char byte = static_cast<char>(signo);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &byte, 1);
}
} // namespace

void installShutdownHandler(std::function<void(const QString& signalName)> handler)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [notifier, handler] {
        char byte = 0;
        if (::read(g_signalPipe[1], &byte, 1) != 1)
            return;
        notifier->setEnabled(false);
        const int signo = byte;
        handler(signo == SIGTERM  ? QStringLiteral("SIGTERM")
                : signo == SIGINT ? QStringLiteral("SIGINT")
                                  : QStringLiteral("SIGHUP"));
    });
    struct sigaction sa { };
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int s : { SIGTERM, SIGINT, SIGHUP })
        ::sigaction(s, &sa, nullptr);
    // A client that disconnects mid-write must not kill the service.
    ::signal(SIGPIPE, SIG_IGN);
}

void restrictNewFiles()
{
    ::umask(077);
}

} // namespace tegami::platform
