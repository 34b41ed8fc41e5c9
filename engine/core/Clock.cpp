#include "core/Clock.h"

namespace tegami {

Clock& Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace tegami
