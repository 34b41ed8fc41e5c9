#include "CommandSupport.h"

namespace tegami::cli {

// TODO(tegami): this command group is being written (see the open issues).
QList<Command> backupCommands()
{
    return {};
}

QStringList backupFlags()
{
    return {};
}

} // namespace tegami::cli
