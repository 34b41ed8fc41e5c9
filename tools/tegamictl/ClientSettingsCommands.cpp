#include "CommandSupport.h"

namespace tegami::cli {

// TODO(tegami): this command group is being written (see the open issues).
QList<Command> clientSettingsCommands()
{
    return {};
}

QStringList clientSettingsFlags()
{
    return {};
}

} // namespace tegami::cli
