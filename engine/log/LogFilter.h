#pragma once

#include "log/LogEvent.h"

#include <QString>

namespace tegami {

// Which events a live viewer or `tegamictl log tail` wants. Empty fields match everything.
// Events logged before a session authenticates carry no user, so a user filter does not
// match the login command itself.
struct LogFilter {
    QString proto;  // case-insensitive
    QString sid;    // case-insensitive
    QString remote; // an address ("198.51.100.7", "2001:db8::1", "[2001:db8::1]") or address:port
    QString user;   // case-insensitive

    bool isEmpty() const;
    bool matches(const LogEvent& event) const;
};

} // namespace tegami
