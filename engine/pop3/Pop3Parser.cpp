#include "pop3/Pop3Parser.h"

#include <algorithm>

namespace tegami {

namespace {

// The longest SASL response line the parser will ever be asked to take. An unterminated
// line is buffered up to this (or the command limit, if larger) and no further, whatever
// mode the session switches to later, so the outcome does not depend on how input is split.
constexpr qsizetype kMaxRawLine = 8192;

bool isAsciiLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

} // namespace

Pop3Parser::Pop3Parser(qsizetype maxLineBytes)
    : m_maxLine(maxLineBytes)
{ }

void Pop3Parser::expectRawLine(qsizetype maxRawBytes)
{
    m_rawLimit = std::clamp<qsizetype>(maxRawBytes, 1, kMaxRawLine);
}

void Pop3Parser::feed(QByteArrayView data)
{
    if (m_failed)
        return;
    // Bound every line: once one is longer than any line may be, the outcome (LineTooLong)
    // is certain, and more of it would only cost memory. The bound is the same whatever
    // mode the session switches to later, so the outcome does not depend on the split.
    const qsizetype cap = std::max(m_maxLine, kMaxRawLine) + 2;
    const qsizetype lastNewline = m_buffer.lastIndexOf('\n');
    qsizetype lineLength = m_buffer.size() - std::max(m_pos, lastNewline + 1);
    while (!data.isEmpty()) {
        const qsizetype nl = data.indexOf('\n');
        const QByteArrayView part = nl < 0 ? data : data.first(nl);
        const qsizetype room = std::max<qsizetype>(0, cap - lineLength);
        m_buffer.append(part.first(std::min(room, part.size())));
        if (nl < 0)
            return;
        m_buffer.append('\n');
        lineLength = 0;
        data = data.sliced(nl + 1);
    }
}

qsizetype Pop3Parser::discardBuffered()
{
    const qsizetype dropped = buffered();
    m_buffer.clear();
    m_pos = 0;
    m_rawLimit = 0;
    return dropped;
}

bool Pop3Parser::tailTooLong(qsizetype tailStart) const
{
    const qsizetype tail = m_buffer.size() - tailStart;
    const qsizetype limit = currentLimit();
    // A tail of limit+1 bytes may still be a line of exactly `limit` bytes and its CR.
    return tail > limit + 1 || (tail == limit + 1 && !m_buffer.endsWith('\r'));
}

Pop3ParseItem Pop3Parser::fail(Pop3ParseError error, QString text)
{
    Pop3ParseItem item;
    item.kind = Pop3ParseItem::Kind::Error;
    item.error = error;
    item.errorText = std::move(text);
    return item;
}

Pop3ParseItem Pop3Parser::next()
{
    if (m_failed)
        return fail(Pop3ParseError::LineTooLong, QStringLiteral("line too long"));
    const qsizetype nl = m_buffer.indexOf('\n', m_pos);
    if (nl < 0) {
        if (tailTooLong(m_pos)) {
            m_failed = true;
            m_buffer.clear();
            m_pos = 0;
            return fail(
                Pop3ParseError::LineTooLong, QStringLiteral("line too long (more than %1 bytes)").arg(currentLimit()));
        }
        if (m_pos > 0) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        return {};
    }
    QByteArrayView line = QByteArrayView(m_buffer).sliced(m_pos, nl - m_pos);
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype limit = currentLimit();
    const bool raw = m_rawLimit > 0;
    if (line.size() > limit) {
        m_failed = true;
        m_buffer.clear();
        m_pos = 0;
        return fail(Pop3ParseError::LineTooLong, QStringLiteral("line too long (more than %1 bytes)").arg(limit));
    }
    Pop3ParseItem item;
    if (raw) {
        item.kind = Pop3ParseItem::Kind::RawLine;
        item.line = line.toByteArray();
        m_rawLimit = 0;
    } else {
        item = parseCommand(line);
        item.line = line.toByteArray();
    }
    m_pos = nl + 1;
    if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    return item;
}

Pop3ParseItem Pop3Parser::parseCommand(QByteArrayView line)
{
    if (line.isEmpty())
        return fail(Pop3ParseError::EmptyLine, QStringLiteral("empty command line"));
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView verb = space < 0 ? line : line.first(space);
    if (verb.isEmpty() || !std::all_of(verb.begin(), verb.end(), isAsciiLetter)) {
        return fail(Pop3ParseError::BadVerb,
            QStringLiteral("not a POP3 command (a command starts with an ASCII keyword such as CAPA or USER)"));
    }
    Pop3ParseItem item;
    item.kind = Pop3ParseItem::Kind::Command;
    item.command.verb = verb.toByteArray().toUpper();
    if (space >= 0)
        item.command.args = line.sliced(space + 1).toByteArray();
    return item;
}

} // namespace tegami
