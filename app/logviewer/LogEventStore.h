#pragma once

#include "log/LogEvent.h"

#include <QByteArrayView>
#include <QString>

#include <deque>
#include <memory>
#include <vector>

#include "logviewer/StringPool.h"

namespace tegami {

// A bounded ring of protocol-log events in compact form (48 bytes per event plus its data
// as UTF-8): strings are interned, the data lives in a FIFO arena of blocks that are freed
// as the oldest events go. Events get increasing serial numbers; the store holds the
// serials [firstSerial(), endSerial()).
//
// Appending is two-step so a model can announce changes before they happen: stage()
// converts events right away (a burst never sits around as QStrings), commit() moves
// staged events into the ring. The ring never grows past capacity(): a caller evicts the
// oldest first (evictOldest()). Staged events beyond capacity() are dropped, oldest first.
class LogEventStore {
public:
    struct Record {
        qint64 msecs = 0; // UTC milliseconds since the epoch
        quint64 dataPos = 0; // arena position: block << kBlockShift | offset
        quint32 seq = 0;
        quint32 sid = 0;
        quint32 local = 0;
        quint32 remote = 0;
        quint32 user = 0;
        quint32 proto = 0;
        quint32 ctx = 0;
        quint16 dataLen = 0; // bytes of UTF-8
        quint8 dir = 0; // LogDirection
        quint8 flags = 0; // kGapBefore
    };
    static constexpr quint8 kGapBefore = 1; // the session's seq jumped before this event

    explicit LogEventStore(qsizetype capacity = 1'000'000);
    ~LogEventStore();
    LogEventStore(const LogEventStore&) = delete;
    LogEventStore& operator=(const LogEventStore&) = delete;

    qsizetype capacity() const { return m_capacity; }
    // Only lowers the limit for future commits; a caller evicts down to it first.
    void setCapacity(qsizetype capacity);

    qsizetype size() const { return m_count; }
    quint64 firstSerial() const { return m_firstSerial; }
    quint64 endSerial() const { return m_firstSerial + quint64(m_count); }
    bool contains(quint64 serial) const { return serial >= firstSerial() && serial < endSerial(); }

    void stage(const LogEvent& event);
    qsizetype stagedCount() const { return qsizetype(m_staged.size()); }
    // Moves the `count` oldest staged events into the ring (there must be room).
    void commit(qsizetype count);
    void evictOldest(qsizetype count);
    void clear();

    const Record& record(quint64 serial) const;
    QByteArrayView dataUtf8(const Record& record) const;
    QString data(const Record& record) const { return QString::fromUtf8(dataUtf8(record)); }
    const QString& text(quint32 id) const { return m_strings.text(id); }
    const QString& sid(const Record& record) const { return m_sids.text(record.sid); }
    LogEvent event(quint64 serial) const;
    // The id the session's records carry, or 0 when no stored event has that session.
    quint32 sidId(const QString& sid) const;

    // Counters since construction (or clear()).
    qint64 evictedCount() const { return m_evicted; } // left the ring because it was full
    qint64 overflowCount() const { return m_overflow; } // staged, dropped before commit
    qint64 gapEvents() const { return m_gapEvents; } // missing seq numbers seen
    qint64 gapCount() const { return m_gaps; } // places where a session's seq jumped

    // Heap bytes held (ring, arena blocks, string pools); bytes per event = this / size().
    qsizetype memoryBytes() const;

private:
    static constexpr int kBlockShift = 18; // 256 KiB arena blocks
    static constexpr qsizetype kBlockSize = qsizetype(1) << kBlockShift;

    Record makeRecord(const LogEvent& event);
    void releaseRecord(const Record& record);
    void freeUnusedBlocks();
    Record& slot(qsizetype index) { return m_ring[size_t((m_head + index) % qsizetype(m_ring.size()))]; }

    qsizetype m_capacity;
    std::vector<Record> m_ring;
    qsizetype m_head = 0;
    qsizetype m_count = 0;
    quint64 m_firstSerial = 0;
    std::deque<Record> m_staged;

    std::deque<std::unique_ptr<char[]>> m_blocks;
    quint64 m_firstBlock = 0; // absolute number of m_blocks.front()
    quint64 m_writePos = 0; // next free arena position

    StringPool m_sids;
    StringPool m_strings;
    qint64 m_evicted = 0;
    qint64 m_overflow = 0;
    qint64 m_gapEvents = 0;
    qint64 m_gaps = 0;
};

} // namespace tegami
