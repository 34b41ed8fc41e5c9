#pragma once

#include <QHash>
#include <QString>
#include <QStringView>

#include <vector>

namespace tegami {

// Interned, reference-counted strings: a million log events share a few thousand session
// ids, endpoints and user names, so each event keeps a 32-bit id instead of a QString.
// Id 0 is the empty string and is never counted. Ids of released strings are reused.
class StringPool {
public:
    StringPool();

    quint32 acquire(const QString& text);
    void release(quint32 id);
    const QString& text(quint32 id) const { return m_entries[id].text; }
    // The id of a live string, 0 when the pool does not hold it.
    quint32 find(const QString& text) const { return m_index.value(text, 0); }
    // A caller-defined value per live string (the viewer keeps a session's last seq here);
    // 0 when the string is (re)created.
    qint64 aux(quint32 id) const { return m_entries[id].aux; }
    void setAux(quint32 id, qint64 value) { m_entries[id].aux = value; }

    qsizetype liveCount() const { return m_index.size(); }
    // Approximate heap bytes held by the pool (entries, texts, index).
    qsizetype memoryBytes() const;
    void clear();

private:
    struct Entry {
        QString text;
        quint32 refs = 0;
        qint64 aux = 0;
    };
    std::vector<Entry> m_entries;
    std::vector<quint32> m_free;
    QHash<QString, quint32> m_index;
};

} // namespace tegami
