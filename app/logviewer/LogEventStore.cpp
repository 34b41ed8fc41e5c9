#include "logviewer/LogEventStore.h"

#include <QTimeZone>

#include <algorithm>
#include <cstring>

namespace tegami {

static_assert(sizeof(LogEventStore::Record) == 48, "keep the per-event record compact");

LogEventStore::LogEventStore(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{ }

LogEventStore::~LogEventStore() = default;

void LogEventStore::setCapacity(qsizetype capacity)
{
    m_capacity = std::max<qsizetype>(1, capacity);
    Q_ASSERT(m_count <= m_capacity);
    if (qsizetype(m_ring.size()) > m_capacity) {
        std::rotate(m_ring.begin(), m_ring.begin() + m_head, m_ring.end());
        m_head = 0;
        m_ring.resize(size_t(m_count));
        m_ring.shrink_to_fit();
    }
    while (qsizetype(m_staged.size()) > m_capacity) {
        releaseRecord(m_staged.front());
        m_staged.pop_front();
        ++m_overflow;
    }
    freeUnusedBlocks();
}

LogEventStore::Record LogEventStore::makeRecord(const LogEvent& event)
{
    Record r;
    r.msecs = event.time.toMSecsSinceEpoch();
    r.seq = quint32(std::clamp<qint64>(event.seq, 0, std::numeric_limits<quint32>::max()));
    r.sid = m_sids.acquire(event.sid);
    r.local = m_strings.acquire(event.local);
    r.remote = m_strings.acquire(event.remote);
    r.user = m_strings.acquire(event.user);
    r.proto = m_strings.acquire(event.proto);
    r.ctx = m_strings.acquire(event.ctx);
    r.dir = quint8(event.dir);

    if (r.sid != 0 && r.seq != 0) {
        const qint64 last = m_sids.aux(r.sid);
        if (last > 0 && r.seq > last + 1) {
            r.flags |= kGapBefore;
            m_gapEvents += r.seq - last - 1;
            ++m_gaps;
        }
        m_sids.setAux(r.sid, std::max<qint64>(last, r.seq));
    }

    QByteArray utf8 = event.data.toUtf8();
    qsizetype len = std::min<qsizetype>(utf8.size(), 0xFFFF);
    while (len < utf8.size() && len > 0 && (uchar(utf8[len]) & 0xC0) == 0x80)
        --len; // never cut inside a UTF-8 sequence
    quint64 block = m_writePos >> kBlockShift;
    quint64 offset = m_writePos & quint64(kBlockSize - 1);
    if (offset + quint64(len) > quint64(kBlockSize)) { // data never straddles two blocks
        ++block;
        offset = 0;
    }
    if (m_blocks.empty())
        m_firstBlock = block;
    while (m_firstBlock + m_blocks.size() <= block)
        m_blocks.push_back(std::make_unique<char[]>(size_t(kBlockSize)));
    r.dataPos = (block << kBlockShift) | offset;
    r.dataLen = quint16(len);
    std::memcpy(m_blocks[size_t(block - m_firstBlock)].get() + offset, utf8.constData(), size_t(len));
    m_writePos = r.dataPos + quint64(len);
    return r;
}

void LogEventStore::releaseRecord(const Record& r)
{
    m_sids.release(r.sid);
    m_strings.release(r.local);
    m_strings.release(r.remote);
    m_strings.release(r.user);
    m_strings.release(r.proto);
    m_strings.release(r.ctx);
}

void LogEventStore::stage(const LogEvent& event)
{
    m_staged.push_back(makeRecord(event));
    if (qsizetype(m_staged.size()) > m_capacity) {
        releaseRecord(m_staged.front());
        m_staged.pop_front();
        ++m_overflow;
        freeUnusedBlocks();
    }
}

void LogEventStore::commit(qsizetype count)
{
    Q_ASSERT(count <= qsizetype(m_staged.size()));
    Q_ASSERT(m_count + count <= m_capacity);
    for (qsizetype i = 0; i < count; ++i) {
        if (m_count == qsizetype(m_ring.size())) {
            if (m_head != 0) { // evicted before it ever filled: straighten, then grow
                std::rotate(m_ring.begin(), m_ring.begin() + m_head, m_ring.end());
                m_head = 0;
            }
            if (m_ring.size() == m_ring.capacity())
                m_ring.reserve(size_t(std::min(m_capacity, std::max<qsizetype>(1024, m_count * 2))));
            m_ring.push_back(m_staged.front());
        } else {
            slot(m_count) = m_staged.front();
        }
        m_staged.pop_front();
        ++m_count;
    }
}

void LogEventStore::evictOldest(qsizetype count)
{
    count = std::min(count, m_count);
    for (qsizetype i = 0; i < count; ++i)
        releaseRecord(slot(i));
    if (!m_ring.empty())
        m_head = (m_head + count) % qsizetype(m_ring.size());
    m_count -= count;
    m_firstSerial += quint64(count);
    m_evicted += count;
    freeUnusedBlocks();
}

void LogEventStore::freeUnusedBlocks()
{
    quint64 oldestPos = m_writePos;
    if (m_count > 0)
        oldestPos = slot(0).dataPos;
    else if (!m_staged.empty())
        oldestPos = m_staged.front().dataPos;
    const quint64 keepFrom = oldestPos >> kBlockShift;
    // The block being written stays even when empty, so small stores do not churn.
    while (m_blocks.size() > 1 && m_firstBlock < keepFrom) {
        m_blocks.pop_front();
        ++m_firstBlock;
    }
}

void LogEventStore::clear()
{
    m_ring.clear();
    m_ring.shrink_to_fit();
    m_staged.clear();
    m_firstSerial += quint64(m_count);
    m_head = 0;
    m_count = 0;
    m_blocks.clear();
    m_firstBlock = m_writePos >> kBlockShift;
    m_sids.clear();
    m_strings.clear();
    m_evicted = m_overflow = m_gapEvents = m_gaps = 0;
}

const LogEventStore::Record& LogEventStore::record(quint64 serial) const
{
    Q_ASSERT(contains(serial));
    const qsizetype index = qsizetype(serial - m_firstSerial);
    return m_ring[size_t((m_head + index) % qsizetype(m_ring.size()))];
}

QByteArrayView LogEventStore::dataUtf8(const Record& r) const
{
    const quint64 block = r.dataPos >> kBlockShift;
    Q_ASSERT(block >= m_firstBlock && block - m_firstBlock < m_blocks.size());
    const char* base = m_blocks[size_t(block - m_firstBlock)].get();
    return QByteArrayView(base + (r.dataPos & quint64(kBlockSize - 1)), r.dataLen);
}

LogEvent LogEventStore::event(quint64 serial) const
{
    const Record& r = record(serial);
    LogEvent e;
    e.time = QDateTime::fromMSecsSinceEpoch(r.msecs, QTimeZone::utc());
    e.proto = text(r.proto);
    e.sid = sid(r);
    e.seq = r.seq;
    e.local = text(r.local);
    e.remote = text(r.remote);
    e.dir = LogDirection(r.dir);
    e.data = data(r);
    e.user = text(r.user);
    e.ctx = text(r.ctx);
    return e;
}

quint32 LogEventStore::sidId(const QString& sid) const
{
    if (sid.isEmpty())
        return 0;
    return m_sids.find(sid);
}

qsizetype LogEventStore::memoryBytes() const
{
    return qsizetype(m_ring.capacity() * sizeof(Record)) + qsizetype(m_staged.size() * sizeof(Record))
        + qsizetype(m_blocks.size()) * kBlockSize + m_sids.memoryBytes() + m_strings.memoryBytes();
}

} // namespace tegami
