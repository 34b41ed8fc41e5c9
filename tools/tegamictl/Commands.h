#pragma once

#include <QString>
#include <QStringList>

#include "CommandLine.h"

namespace tegami::cli {

enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitUnreachable = 3 };

QStringList commandFlags();
QString usageText();
int runCommand(const CommandLine& cl, const QString& socketName);

} // namespace tegami::cli
