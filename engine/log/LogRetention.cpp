#include "log/LogRetention.h"

namespace tegami {

Result<void> LogRetention::validate() const
{
    constexpr qint64 kMinFileBytes = 1024;
    constexpr int kMaxAgeDays = 3650;
    constexpr qint64 kMinRolloverSecs = 60;
    if (maxFileBytes < kMinFileBytes)
        return Error::invalid(QStringLiteral("maxFileBytes"),
                              QStringLiteral("must be at least %1 bytes; the default is 10485760 (10 MB)")
                                  .arg(kMinFileBytes));
    if (maxDirBytes < maxFileBytes)
        return Error::invalid(QStringLiteral("maxDirBytes"),
                              QStringLiteral("must be at least maxFileBytes (%1); the default is 262144000 (250 MB)")
                                  .arg(maxFileBytes));
    if (maxAgeDays < 0 || maxAgeDays > kMaxAgeDays)
        return Error::invalid(QStringLiteral("maxAgeDays"),
                              QStringLiteral("must be between 0 (keep forever) and %1; the default is 30")
                                  .arg(kMaxAgeDays));
    if (rolloverSecs != 0 && rolloverSecs < kMinRolloverSecs)
        return Error::invalid(QStringLiteral("rolloverSecs"),
                              QStringLiteral("must be 0 (roll over by size only) or at least %1 seconds; "
                                             "the default is 86400 (daily)")
                                  .arg(kMinRolloverSecs));
    return {};
}

} // namespace tegami
