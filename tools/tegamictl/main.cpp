// tegamictl: the control API of tegamid from a shell. Every command has --json.
#include "CommandLine.h"
#include "Commands.h"

#include "core/DataPaths.h"

#include <QCoreApplication>

#include <cstdio>

using namespace tegami;
using namespace tegami::cli;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tegamictl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TEGAMI_VERSION));

    const CommandLine cl = parseCommandLine(QCoreApplication::arguments(), commandFlags());
    if (!cl.error.isEmpty()) {
        std::fprintf(stderr, "tegamictl: %s\n", qPrintable(cl.error));
        return ExitUsage;
    }
    if (cl.words.isEmpty() || cl.word(0) == QLatin1String("help") || cl.has(QStringLiteral("--help"))) {
        std::fputs(qPrintable(usageText()), cl.words.isEmpty() && !cl.has(QStringLiteral("--help")) ? stderr : stdout);
        return cl.words.isEmpty() && !cl.has(QStringLiteral("--help")) ? ExitUsage : ExitOk;
    }
    if (cl.word(0) == QLatin1String("version") || cl.has(QStringLiteral("--version"))) {
        std::printf("tegamictl %s\n", TEGAMI_VERSION);
        return ExitOk;
    }

    QString socket = cl.option(QStringLiteral("--socket"));
    if (socket.isEmpty()) {
        const QString dir = cl.option(QStringLiteral("--data-dir"), DataPaths::defaultDataDir());
        socket = DataPaths(dir).controlSocket();
    }
    return runCommand(cl, socket);
}
