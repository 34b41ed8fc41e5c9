#include "store/UidSet.h"

#include <algorithm>

namespace tegami {

UidSet::UidSet(std::initializer_list<quint32> uids)
{
    for (quint32 uid : uids)
        add(uid);
}

UidSet UidSet::range(quint32 first, quint32 last)
{
    UidSet set;
    set.addRange(first, last);
    return set;
}

void UidSet::addRange(quint32 first, quint32 last)
{
    if (first > last)
        std::swap(first, last);
    if (first == 0)
        first = 1;
    if (last == 0)
        return;
    // Find the first range that ends at or after first-1 (it may touch the new one).
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), first,
        [](const std::pair<quint32, quint32>& r, quint32 value) { return quint64(r.second) + 1 < value; });
    auto end = it;
    while (end != m_ranges.end() && quint64(end->first) <= quint64(last) + 1) {
        first = std::min(first, end->first);
        last = std::max(last, end->second);
        ++end;
    }
    it = m_ranges.erase(it, end);
    m_ranges.insert(it, { first, last });
}

bool UidSet::contains(quint32 uid) const
{
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), uid,
        [](const std::pair<quint32, quint32>& r, quint32 value) { return r.second < value; });
    return it != m_ranges.end() && it->first <= uid;
}

quint64 UidSet::count() const
{
    quint64 n = 0;
    for (const auto& [first, last] : m_ranges)
        n += quint64(last) - first + 1;
    return n;
}

QString UidSet::toString() const
{
    QString out;
    for (const auto& [first, last] : m_ranges) {
        if (!out.isEmpty())
            out += QLatin1Char(',');
        out += QString::number(first);
        if (last != first)
            out += QLatin1Char(':') + (last == maxUid ? QStringLiteral("*") : QString::number(last));
    }
    return out;
}

} // namespace tegami
