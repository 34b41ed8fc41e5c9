#pragma once

#include "CommandLine.h"

#include <QString>
#include <QStringList>

namespace tegami::cli {

enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitUnreachable = 3 };

QStringList commandFlags();
QString usageText();
int runCommand(const CommandLine& cl, const QString& socketName);

} // namespace tegami::cli
