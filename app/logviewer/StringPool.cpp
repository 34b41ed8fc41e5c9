#include "logviewer/StringPool.h"

namespace tegami {

StringPool::StringPool()
{
    m_entries.emplace_back();
}

quint32 StringPool::acquire(const QString& text)
{
    if (text.isEmpty())
        return 0;
    const auto it = m_index.constFind(text);
    if (it != m_index.constEnd()) {
        ++m_entries[it.value()].refs;
        return it.value();
    }
    quint32 id = 0;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<quint32>(m_entries.size());
        m_entries.emplace_back();
    }
    Entry& entry = m_entries[id];
    entry.text = text;
    entry.text.squeeze();
    entry.refs = 1;
    entry.aux = 0;
    m_index.insert(entry.text, id);
    return id;
}

void StringPool::release(quint32 id)
{
    if (id == 0)
        return;
    Entry& entry = m_entries[id];
    Q_ASSERT(entry.refs > 0);
    if (--entry.refs > 0)
        return;
    m_index.remove(entry.text);
    entry.text = QString();
    entry.aux = 0;
    m_free.push_back(id);
}

qsizetype StringPool::memoryBytes() const
{
    qsizetype bytes = qsizetype(m_entries.capacity() * sizeof(Entry) + m_free.capacity() * sizeof(quint32));
    for (const Entry& entry : m_entries) {
        if (!entry.text.isEmpty())
            bytes += 16 + entry.text.capacity() * 2; // shared header + UTF-16, shared with the index key
    }
    // QHash: a span entry (key, value) plus the offset byte per bucket, roughly.
    bytes += m_index.capacity() * qsizetype(sizeof(QString) + sizeof(quint32) + 2);
    return bytes;
}

void StringPool::clear()
{
    m_entries.clear();
    m_entries.emplace_back();
    m_free.clear();
    m_index.clear();
}

} // namespace tegami
