#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <utility>
#include <vector>

namespace tegami {

// An IMAP sequence set as the client wrote it ("1:3,7,9:*", RFC 3501 sequence-set), for
// message sequence numbers or UIDs. `*` is kept as `star` (0, which is neither a sequence
// number nor a UID) because its value is known only to the session: the message count or
// the highest UID of the selected mailbox at the time the command runs.
class ImapSequenceSet {
public:
    static constexpr quint32 star = 0;
    using Range = std::pair<quint32, quint32>; // as written: either order, star = 0

    ImapSequenceSet() = default;

    // The whole of `text` must be a sequence set; numbers are 1..4294967295.
    static std::optional<ImapSequenceSet> parse(QByteArrayView text);

    void add(quint32 first, quint32 last) { m_ranges.emplace_back(first, last); }
    const std::vector<Range>& ranges() const { return m_ranges; }
    bool isEmpty() const { return m_ranges.empty(); }
    bool hasStar() const;
    quint32 highestNumber() const; // the highest number written (not `*`); 0 if none

    // Sorted, disjoint, non-adjacent closed ranges with `*` replaced by `max` (the message
    // count, or the highest UID). A range is taken in either order, so with UIDs "559:*"
    // includes the last message even when 559 is higher than any UID (RFC 3501 6.4.8).
    // Numbers above `max` are kept: the session decides whether that is an error (sequence
    // numbers) or just matches nothing (UIDs). With max = 0 (empty mailbox) `*` matches
    // nothing.
    std::vector<Range> resolve(quint32 max) const;

    QByteArray toString() const; // "1:3,7,9:*"

    friend bool operator==(const ImapSequenceSet&, const ImapSequenceSet&) = default;

private:
    std::vector<Range> m_ranges;
};

// "1:3,7" from sorted ranges (what resolve() gives, or UidSet::ranges()).
QByteArray formatImapSequenceSet(const std::vector<std::pair<quint32, quint32>>& ranges);

// UIDs in the given order, consecutive runs compressed: {4,5,6,9,2} -> "4:6,9,2". COPYUID
// pairs source and destination UIDs by position, so the order must survive.
QByteArray formatImapUidList(const std::vector<quint32>& uids);

} // namespace tegami
