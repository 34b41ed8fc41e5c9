#include "CommandSupport.h"

namespace tegami::cli {

// TODO(tegami): this command group is being written (see the open issues).
QList<Command> diagnosticTestCommands()
{
    return {};
}

QStringList diagnosticTestFlags()
{
    return {};
}

} // namespace tegami::cli
