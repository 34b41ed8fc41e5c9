// The part of the platform layer's service half that is the same on every system.
#include "service/Platform.h"

namespace tegami::platform {

QString serviceStateName(ServiceState state)
{
    switch (state) {
    case ServiceState::NotInstalled:
        return QStringLiteral("not installed");
    case ServiceState::Stopped:
        return QStringLiteral("stopped");
    case ServiceState::Starting:
        return QStringLiteral("starting");
    case ServiceState::Running:
        return QStringLiteral("running");
    case ServiceState::Stopping:
        return QStringLiteral("stopping");
    }
    return QStringLiteral("unknown");
}

} // namespace tegami::platform
