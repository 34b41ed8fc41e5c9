#include "imap/ImapSequenceSet.h"

#include <algorithm>

namespace tegami {

namespace {

// nz-number / "*"; `text` is one side of a range.
std::optional<quint32> parseSeqNumber(QByteArrayView text)
{
    if (text == "*")
        return ImapSequenceSet::star;
    if (text.isEmpty() || text.size() > 10 || text.front() == '0')
        return std::nullopt;
    quint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    if (value > 0xffffffffu)
        return std::nullopt;
    return quint32(value);
}

void appendNumber(QByteArray& out, quint32 n)
{
    if (n == ImapSequenceSet::star)
        out += '*';
    else
        out += QByteArray::number(n);
}

void appendRange(QByteArray& out, quint32 first, quint32 last)
{
    if (!out.isEmpty())
        out += ',';
    appendNumber(out, first);
    if (first != last) {
        out += ':';
        appendNumber(out, last);
    }
}

} // namespace

std::optional<ImapSequenceSet> ImapSequenceSet::parse(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    ImapSequenceSet set;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype comma = text.indexOf(',', start);
        if (comma < 0)
            comma = text.size();
        const QByteArrayView item = text.sliced(start, comma - start);
        const qsizetype colon = item.indexOf(':');
        const std::optional<quint32> first = parseSeqNumber(colon < 0 ? item : item.first(colon));
        const std::optional<quint32> last = colon < 0 ? first : parseSeqNumber(item.sliced(colon + 1));
        if (!first || !last)
            return std::nullopt;
        set.add(*first, *last);
        start = comma + 1;
    }
    return set;
}

bool ImapSequenceSet::hasStar() const
{
    return std::any_of(
        m_ranges.begin(), m_ranges.end(), [](const Range& r) { return r.first == star || r.second == star; });
}

quint32 ImapSequenceSet::highestNumber() const
{
    quint32 highest = 0;
    for (const Range& r : m_ranges)
        highest = std::max({ highest, r.first, r.second });
    return highest;
}

std::vector<ImapSequenceSet::Range> ImapSequenceSet::resolve(quint32 max) const
{
    std::vector<Range> ranges;
    ranges.reserve(m_ranges.size());
    for (Range r : m_ranges) {
        quint32 a = r.first == star ? max : r.first;
        quint32 b = r.second == star ? max : r.second;
        if (a > b)
            std::swap(a, b);
        if (b == 0)
            continue; // "*" in an empty mailbox
        ranges.emplace_back(std::max<quint32>(a, 1), b);
    }
    std::sort(ranges.begin(), ranges.end());
    std::vector<Range> merged;
    for (const Range& r : ranges) {
        if (!merged.empty() && quint64(r.first) <= quint64(merged.back().second) + 1)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    return merged;
}

QByteArray ImapSequenceSet::toString() const
{
    QByteArray out;
    for (const Range& r : m_ranges)
        appendRange(out, r.first, r.second);
    return out;
}

QByteArray formatImapSequenceSet(const std::vector<std::pair<quint32, quint32>>& ranges)
{
    QByteArray out;
    for (const auto& r : ranges)
        appendRange(out, r.first, r.second);
    return out;
}

QByteArray formatImapUidList(const std::vector<quint32>& uids)
{
    QByteArray out;
    size_t i = 0;
    while (i < uids.size()) {
        size_t j = i;
        while (j + 1 < uids.size() && uids[j] != 0xffffffffu && uids[j + 1] == uids[j] + 1)
            ++j;
        appendRange(out, uids[i], uids[j]);
        i = j + 1;
    }
    return out;
}

} // namespace tegami
