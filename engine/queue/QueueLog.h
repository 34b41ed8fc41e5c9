#pragma once

#include <QLoggingCategory>

namespace tegami {

// "tegami.queue": recovery findings and files that could not be removed (the service log);
// deliveries, failures and bounces go to the protocol log as well.
Q_DECLARE_LOGGING_CATEGORY(lcQueue)

} // namespace tegami
