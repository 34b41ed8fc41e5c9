// tegamictl: the control API of tegamid from a shell. Every command has --json.
#include "core/DataPaths.h"

#include <QCoreApplication>

#include <cstdio>

#include "CommandLine.h"
#include "Commands.h"

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
    if (cl.word(0) == QLatin1String("version") || cl.has(QStringLiteral("--version"))) {
        std::printf("tegamictl %s\n", TEGAMI_VERSION);
        return ExitOk;
    }
    if (cl.words.isEmpty() || cl.word(0) == QLatin1String("help") || cl.has(QStringLiteral("--help"))) {
        // Asked for: the usage on stdout. Nothing asked: the usage is an error.
        const bool asked = !cl.words.isEmpty() || cl.has(QStringLiteral("--help"));
        std::fputs(qPrintable(usageText()), asked ? stdout : stderr);
        return asked ? ExitOk : ExitUsage;
    }
    QString socket = cl.option(QStringLiteral("--socket"));
    if (socket.isEmpty()) {
        const QString dir = cl.option(QStringLiteral("--data-dir"), DataPaths::defaultDataDir());
        socket = DataPaths(dir).controlSocket();
    }
    return runCommand(cl, socket);
}
