#pragma once

#include <QLoggingCategory>

namespace tegami {

// "tegami.store": recovery findings, files that could not be removed.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace tegami
