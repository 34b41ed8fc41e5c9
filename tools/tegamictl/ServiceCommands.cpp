#include "CommandSupport.h"

namespace tegami::cli {

// TODO(tegami): this command group is being written (see the open issues).
QList<Command> serviceCommands()
{
    return {};
}

QStringList serviceFlags()
{
    return {};
}

} // namespace tegami::cli
