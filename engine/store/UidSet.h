#pragma once

#include <QString>

#include <initializer_list>
#include <utility>
#include <vector>

namespace tegami {

// A set of UIDs as sorted, disjoint, non-adjacent closed ranges, so "1:*" over 100,000
// messages is one range and one index scan rather than a list of numbers.
class UidSet {
public:
    static constexpr quint32 maxUid = 0xffffffffu;

    UidSet() = default;
    UidSet(std::initializer_list<quint32> uids);

    static UidSet all() { return range(1, maxUid); }
    static UidSet range(quint32 first, quint32 last);
    template <typename Container> static UidSet fromList(const Container& uids)
    {
        UidSet set;
        for (quint32 uid : uids)
            set.add(uid);
        return set;
    }

    void add(quint32 uid) { addRange(uid, uid); }
    void addRange(quint32 first, quint32 last); // uid 0 is not a UID and is ignored

    bool isEmpty() const { return m_ranges.empty(); }
    bool contains(quint32 uid) const;
    quint64 count() const;
    const std::vector<std::pair<quint32, quint32>>& ranges() const { return m_ranges; }

    // IMAP sequence-set syntax: "1:3,7,9:*" ("*" for maxUid), as COPYUID and VANISHED use.
    QString toString() const;

    friend bool operator==(const UidSet& a, const UidSet& b) { return a.m_ranges == b.m_ranges; }

private:
    std::vector<std::pair<quint32, quint32>> m_ranges;
};

} // namespace tegami
