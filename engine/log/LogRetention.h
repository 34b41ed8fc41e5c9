#pragma once

#include "core/Result.h"

#include <QtGlobal>

namespace tegami {

// How much protocol log the writer keeps. Defaults follow what Exchange admins know:
// 10 MB per file, 250 MB per directory, 30 days, a new file every day.
struct LogRetention {
    qint64 maxFileBytes = 10LL * 1024 * 1024; // roll over before a file grows past this
    qint64 maxDirBytes = 250LL * 1024 * 1024; // then delete the oldest files beyond this
    int maxAgeDays = 30;                      // and files older than this; 0 keeps them forever
    qint64 rolloverSecs = 24 * 60 * 60;       // roll over files older than this; 0 rolls by size only

    bool operator==(const LogRetention& other) const = default;

    // An error naming the field and a sensible value when a limit makes no sense.
    Result<void> validate() const;
};

} // namespace tegami
