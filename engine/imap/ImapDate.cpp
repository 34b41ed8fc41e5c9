#include "imap/ImapDate.h"

#include <algorithm>
#include <cstdio>

namespace tegami {

namespace {

constexpr const char* kMonths[]
    = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

int digits(QByteArrayView text, qsizetype from, qsizetype count)
{
    if (from + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int month(QByteArrayView name)
{
    for (int m = 0; m < 12; ++m) {
        if (name.size() == 3 && qstrnicmp(name.data(), kMonths[m], 3) == 0)
            return m + 1;
    }
    return 0;
}

// "d-Mon-yyyy" from `text` at 0 with the day as 1 or 2 digits (or " d" when `padded`);
// `consumed` is how many bytes it took.
std::optional<QDate> parseDatePart(QByteArrayView text, bool fixedDay, qsizetype* consumed)
{
    int day = -1;
    qsizetype pos = 0;
    if (fixedDay) {
        if (text.size() >= 2 && text[0] == ' ')
            day = digits(text, 1, 1);
        else
            day = digits(text, 0, 2);
        pos = 2;
    } else if (text.size() >= 2 && text[1] == '-') {
        day = digits(text, 0, 1);
        pos = 1;
    } else {
        day = digits(text, 0, 2);
        pos = 2;
    }
    if (day < 1 || text.size() < pos + 9 || text[pos] != '-' || text[pos + 4] != '-')
        return std::nullopt;
    const int m = month(text.sliced(pos + 1, 3));
    const int year = digits(text, pos + 5, 4);
    if (m == 0 || year < 0)
        return std::nullopt;
    const QDate date(year, m, day);
    if (!date.isValid())
        return std::nullopt;
    *consumed = pos + 9;
    return date;
}

} // namespace

std::optional<QDate> parseImapDate(QByteArrayView text)
{
    qsizetype consumed = 0;
    std::optional<QDate> date = parseDatePart(text, false, &consumed);
    if (!date || consumed != text.size())
        return std::nullopt;
    return date;
}

std::optional<QDateTime> parseImapDateTime(QByteArrayView text)
{
    qsizetype pos = 0;
    const std::optional<QDate> date = parseDatePart(text, true, &pos);
    // " hh:mm:ss +zzzz"
    if (!date || text.size() != pos + 15 || text[pos] != ' ' || text[pos + 3] != ':' || text[pos + 6] != ':'
        || text[pos + 9] != ' ' || (text[pos + 10] != '+' && text[pos + 10] != '-'))
        return std::nullopt;
    const int h = digits(text, pos + 1, 2);
    const int mi = digits(text, pos + 4, 2);
    const int s = digits(text, pos + 7, 2);
    const int zh = digits(text, pos + 11, 2);
    const int zm = digits(text, pos + 13, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60 || zh < 0 || zh > 23 || zm < 0 || zm > 59)
        return std::nullopt;
    const int offset = (text[pos + 10] == '-' ? -1 : 1) * (zh * 3600 + zm * 60);
    // A leap second (":60") is taken as the last second of the minute.
    const QDateTime result(*date, QTime(h, mi, std::min(s, 59)), Qt::OffsetFromUTC, offset);
    if (!result.isValid())
        return std::nullopt;
    return result;
}

QByteArray formatImapDateTime(const QDateTime& dateTime)
{
    if (!dateTime.isValid())
        return QByteArrayLiteral("01-Jan-1970 00:00:00 +0000");
    const QDate d = dateTime.date();
    const QTime t = dateTime.time();
    const int offset = dateTime.offsetFromUtc();
    const int abs = offset < 0 ? -offset : offset;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%02d-%s-%04d %02d:%02d:%02d %c%02d%02d", d.day(), kMonths[d.month() - 1], d.year(),
        t.hour(), t.minute(), t.second(), offset < 0 ? '-' : '+', abs / 3600, (abs % 3600) / 60);
    return QByteArray(buf);
}

} // namespace tegami
