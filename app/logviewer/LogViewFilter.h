#pragma once

#include "log/LogEvent.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include "logviewer/LogEventStore.h"

namespace tegami {

constexpr quint8 logDirectionBit(LogDirection dir)
{
    return quint8(1u << unsigned(dir));
}

// What the viewer's filter bar asks for. Empty fields match everything.
struct LogViewFilter {
    static constexpr quint8 kAllDirections = 0x1F;

    QString proto; // exact, case-insensitive ("imap")
    QString sid; // exact, case-insensitive: one session
    QString remote; // see remoteMatches()
    // Part of the user name, case-insensitive. Events logged before a login succeeds carry
    // no user, so for those the data is searched instead: a failed "LOGIN alice" and the
    // server's "authentication failed for alice" note still show.
    QString user;
    quint8 directions = kAllDirections; // logDirectionBit()s
    QString text; // part of the data, or a regular expression over it
    bool regex = false;
    bool caseSensitive = false;

    bool isEmpty() const;
    bool operator==(const LogViewFilter& other) const = default;
};

// The remote filter: an address ("198.51.100.7", "2001:db8::1" or "[2001:db8::1]") matches
// any port of it, "address:port" one endpoint, and text ending in '.' or ':' is a prefix
// ("198.51.100." for a /24). "198.51.100.7" does not match "198.51.100.70".
bool remoteMatches(const QString& endpoint, const QString& filter);
// The address part of an endpoint, without port and brackets.
QString endpointAddress(const QString& endpoint);

// A filter compiled for fast tests against stored records (a filter change scans up to a
// million of them in slices).
class LogViewMatcher {
public:
    explicit LogViewMatcher(const LogViewFilter& filter = {});

    // False for an invalid regular expression; errorString() then says why and where.
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    bool isEmpty() const { return m_empty; }
    const LogViewFilter& filter() const { return m_filter; }

    bool matches(const LogEventStore& store, const LogEventStore::Record& record) const;

private:
    bool textMatches(QByteArrayView utf8) const;
    bool userMatches(const LogEventStore& store, const LogEventStore::Record& record) const;

    LogViewFilter m_filter;
    bool m_empty = true;
    QString m_error;
    QRegularExpression m_regex;
    QByteArray m_asciiNeedle; // lowered unless case-sensitive; set when the text is plain ASCII
    QByteArray m_asciiUser; // the user filter lowered, when plain ASCII
};

} // namespace tegami
