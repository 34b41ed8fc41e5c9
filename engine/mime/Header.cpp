#include "mime/Header.h"

#include <cstring>

namespace tegami {

qsizetype nextLine(QByteArrayView data, qsizetype pos, qsizetype end)
{
    if (pos >= end)
        return end;
    const void* lf = std::memchr(data.data() + pos, '\n', static_cast<size_t>(end - pos));
    if (lf == nullptr)
        return end;
    return static_cast<const char*>(lf) - data.data() + 1;
}

Header Header::parse(const QByteArray& message, qsizetype start, qsizetype end)
{
    Header header;
    header.m_message = message;
    if (end < 0 || end > message.size())
        end = message.size();
    start = std::clamp<qsizetype>(start, 0, end);
    header.m_start = start;
    const char* data = message.constData();
    qsizetype pos = start;
    HeaderField* current = nullptr;
    while (pos < end) {
        const qsizetype lineEnd = nextLine(message, pos, end);
        const char first = data[pos];
        // An empty line ("\r\n" or "\n") ends the header.
        if (first == '\n' || (first == '\r' && pos + 1 < end && data[pos + 1] == '\n')) {
            if (current != nullptr)
                current->end = pos;
            header.m_bodyOffset = lineEnd;
            header.m_emptyLine = true;
            return header;
        }
        if (first == ' ' || first == '\t') {
            // A folded continuation of the current field (or junk before any field).
            if (current != nullptr)
                current->end = lineEnd;
            pos = lineEnd;
            continue;
        }
        const void* colon = std::memchr(data + pos, ':', static_cast<size_t>(lineEnd - pos));
        if (colon == nullptr) {
            // Not a field (an mbox "From " line, junk): skipped, and it ends the field
            // before it so that no continuation attaches to the wrong field.
            current = nullptr;
            pos = lineEnd;
            continue;
        }
        const qsizetype colonPos = static_cast<const char*>(colon) - data;
        qsizetype nameEnd = colonPos;
        while (nameEnd > pos && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t'))
            --nameEnd;
        header.m_fields.append(HeaderField { QByteArray(data + pos, nameEnd - pos), pos, colonPos + 1, lineEnd });
        current = &header.m_fields.last();
        pos = lineEnd;
    }
    header.m_bodyOffset = end;
    return header;
}

const HeaderField* Header::field(QByteArrayView name) const
{
    for (const HeaderField& f : m_fields) {
        if (f.name.size() == name.size() && QByteArrayView(f.name).compare(name, Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

QByteArray Header::value(QByteArrayView name) const
{
    const HeaderField* f = field(name);
    return f != nullptr ? value(*f) : QByteArray();
}

QByteArray Header::value(const HeaderField& f) const
{
    const char* data = m_message.constData();
    qsizetype pos = f.valueOffset;
    while (pos < f.end && (data[pos] == ' ' || data[pos] == '\t'))
        ++pos;
    QByteArray out;
    out.reserve(f.end - pos);
    for (; pos < f.end; ++pos) {
        if (data[pos] == '\0')
            out.append("\xEF\xBF\xBD"); // NUL cannot travel in IMAP strings; U+FFFD as Dovecot does
        else if (data[pos] != '\r' && data[pos] != '\n')
            out.append(data[pos]);
    }
    return out;
}

QList<QByteArray> Header::values(QByteArrayView name) const
{
    QList<QByteArray> out;
    for (const HeaderField& f : m_fields) {
        if (f.name.size() == name.size() && QByteArrayView(f.name).compare(name, Qt::CaseInsensitive) == 0)
            out.append(value(f));
    }
    return out;
}

QByteArrayView Header::raw(const HeaderField& f) const
{
    return QByteArrayView(m_message).sliced(f.offset, f.end - f.offset);
}

} // namespace tegami
