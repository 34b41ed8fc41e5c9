#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>

#include <optional>

namespace tegami {

// SEARCH dates (RFC 3501 date-text, without the optional quotes): "1-Feb-1994",
// "01-feb-1994". Month names are case-insensitive.
std::optional<QDate> parseImapDate(QByteArrayView text);

// APPEND and INTERNALDATE date-times (date-time, without the quotes):
// "17-Jul-1996 02:44:25 -0700", the day two digits or a space and a digit. The result
// carries the zone as a fixed UTC offset.
std::optional<QDateTime> parseImapDateTime(QByteArrayView text);

// "17-Jul-1996 02:44:25 -0700" (no quotes) in the date-time's own offset; the response
// writer quotes it.
QByteArray formatImapDateTime(const QDateTime& dateTime);

} // namespace tegami
