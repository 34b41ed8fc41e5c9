#include "logviewer/LogViewFilter.h"

#include <QCoreApplication>

#include <algorithm>

namespace tegami {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool isAscii(const QString& text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

QByteArray asciiLowered(const QString& text)
{
    QByteArray bytes = text.toLatin1();
    std::transform(bytes.begin(), bytes.end(), bytes.begin(), asciiLower);
    return bytes;
}

// Case-insensitive search of an ASCII needle (already lowered) in UTF-8 bytes.
bool containsAsciiLowered(QByteArrayView haystack, const QByteArray& needle)
{
    const char* end = haystack.data() + haystack.size();
    return std::search(haystack.data(), end, needle.cbegin(), needle.cend(), [](char a, char b) {
        return asciiLower(a) == b;
    }) != end;
}

QString stripBrackets(const QString& address)
{
    if (address.startsWith(QLatin1Char('[')) && address.endsWith(QLatin1Char(']')))
        return address.mid(1, address.size() - 2);
    return address;
}

} // namespace

bool LogViewFilter::isEmpty() const
{
    return proto.isEmpty() && sid.isEmpty() && remote.isEmpty() && user.isEmpty() && text.isEmpty()
        && directions == kAllDirections;
}

QString endpointAddress(const QString& endpoint)
{
    if (endpoint.startsWith(QLatin1Char('['))) {
        const qsizetype close = endpoint.indexOf(QLatin1Char(']'));
        return close > 0 ? endpoint.mid(1, close - 1) : endpoint.mid(1);
    }
    const qsizetype colon = endpoint.lastIndexOf(QLatin1Char(':'));
    if (colon < 0 || endpoint.indexOf(QLatin1Char(':')) != colon)
        return endpoint; // no port, or a bare IPv6 address
    return endpoint.left(colon);
}

bool remoteMatches(const QString& endpoint, const QString& filter)
{
    const QString wanted = filter.trimmed();
    if (wanted.isEmpty())
        return true;
    if (endpoint.compare(wanted, Qt::CaseInsensitive) == 0)
        return true;
    const QString address = endpointAddress(endpoint);
    if (address.compare(stripBrackets(wanted), Qt::CaseInsensitive) == 0)
        return true;
    if (wanted.endsWith(QLatin1Char('.')) || wanted.endsWith(QLatin1Char(':'))) {
        const QString prefix = wanted.startsWith(QLatin1Char('[')) ? wanted.mid(1) : wanted;
        return address.startsWith(prefix, Qt::CaseInsensitive);
    }
    return false;
}

LogViewMatcher::LogViewMatcher(const LogViewFilter& filter)
    : m_filter(filter)
    , m_empty(filter.isEmpty())
{
    if (isAscii(filter.user))
        m_asciiUser = asciiLowered(filter.user);
    if (filter.text.isEmpty())
        return;
    if (filter.regex) {
        m_regex.setPattern(filter.text);
        m_regex.setPatternOptions(
            filter.caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
        if (!m_regex.isValid()) {
            m_error = QCoreApplication::translate("tegami::LogViewMatcher", "Invalid regular expression at %1: %2")
                          .arg(m_regex.patternErrorOffset())
                          .arg(m_regex.errorString());
            return;
        }
        m_regex.optimize();
    } else if (isAscii(filter.text)) {
        m_asciiNeedle = filter.caseSensitive ? filter.text.toLatin1() : asciiLowered(filter.text);
    }
}

bool LogViewMatcher::textMatches(QByteArrayView utf8) const
{
    if (m_filter.regex)
        return m_regex.match(QString::fromUtf8(utf8)).hasMatch();
    if (!m_asciiNeedle.isEmpty()) {
        // ASCII needles are searched in the UTF-8 bytes directly: no conversion per row.
        const char* end = utf8.data() + utf8.size();
        const char* found = m_filter.caseSensitive
            ? std::search(utf8.data(), end, m_asciiNeedle.cbegin(), m_asciiNeedle.cend())
            : std::search(utf8.data(), end, m_asciiNeedle.cbegin(), m_asciiNeedle.cend(),
                [](char a, char b) { return asciiLower(a) == b; });
        return found != end || m_asciiNeedle.isEmpty();
    }
    return QString::fromUtf8(utf8).contains(
        m_filter.text, m_filter.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
}

bool LogViewMatcher::userMatches(const LogEventStore& store, const LogEventStore::Record& r) const
{
    if (r.user != 0)
        return store.text(r.user).contains(m_filter.user, Qt::CaseInsensitive);
    if (!m_asciiUser.isEmpty())
        return containsAsciiLowered(store.dataUtf8(r), m_asciiUser);
    return store.data(r).contains(m_filter.user, Qt::CaseInsensitive);
}

bool LogViewMatcher::matches(const LogEventStore& store, const LogEventStore::Record& r) const
{
    if (m_empty)
        return true;
    if (!isValid())
        return false;
    if (!(m_filter.directions & (1u << r.dir)))
        return false;
    if (!m_filter.proto.isEmpty() && store.text(r.proto).compare(m_filter.proto, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_filter.sid.isEmpty() && store.sid(r).compare(m_filter.sid, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_filter.user.isEmpty() && !userMatches(store, r))
        return false;
    if (!m_filter.remote.isEmpty() && !remoteMatches(store.text(r.remote), m_filter.remote))
        return false;
    if (!m_filter.text.isEmpty() && !textMatches(store.dataUtf8(r)))
        return false;
    return true;
}

} // namespace tegami
