#pragma once

#include <QByteArray>
#include <QDateTime>

namespace tegami {

// A date as mail headers write it (RFC 5322 section 3.3), in UTC with English names
// whatever the locale: "Thu, 01 Jan 2026 00:00:00 +0000". For Date:, Received: and DSN fields.
QByteArray rfc5322Date(const QDateTime& time);

} // namespace tegami
