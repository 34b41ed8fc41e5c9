#include "smtp/SmtpParser.h"

#include <algorithm>

namespace tegami {

namespace {

bool isAsciiLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

} // namespace

SmtpParser::SmtpParser(qsizetype maxLineBytes)
    : m_maxLine(maxLineBytes)
{ }

void SmtpParser::feed(QByteArrayView data)
{
    // Not bounded here: the mode may change before these bytes are read (a pipelined DATA
    // or BDAT turns them into message text), so each mode bounds what it keeps when it
    // reads. The caller feeds only while the session takes input.
    m_buffer.append(data);
}

void SmtpParser::expectRawLine(qsizetype maxRawBytes)
{
    m_rawLimit = std::max<qsizetype>(1, maxRawBytes);
}

void SmtpParser::beginData(const SmtpContentOptions& options)
{
    m_scanner.reset(options, true);
    m_mode = Mode::Data;
    m_endPending = false;
}

void SmtpParser::beginChunk(qint64 size, bool last, bool firstOfMessage, const SmtpContentOptions& options)
{
    if (firstOfMessage)
        m_scanner.reset(options, false);
    m_chunkLeft = std::max<qint64>(0, size);
    m_chunkLast = last;
    m_mode = Mode::Chunk;
    m_endPending = false;
}

qsizetype SmtpParser::discardBuffered()
{
    const qsizetype dropped = buffered();
    m_buffer.clear();
    m_pos = 0;
    m_rawLimit = 0;
    m_skipping = false;
    return dropped;
}

void SmtpParser::consume(qsizetype n)
{
    m_pos += n;
    if (m_pos >= m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
}

SmtpParseItem SmtpParser::fail(SmtpParseError error, QString text)
{
    SmtpParseItem item;
    item.kind = SmtpParseItem::Kind::Error;
    item.error = error;
    item.errorText = std::move(text);
    return item;
}

SmtpParseItem SmtpParser::next()
{
    return m_mode == Mode::Commands ? nextCommand() : nextContent();
}

SmtpParseItem SmtpParser::nextCommand()
{
    if (m_skipping) {
        const qsizetype nl = m_buffer.indexOf('\n', m_pos);
        if (nl < 0) {
            m_buffer.clear();
            m_pos = 0;
            return {};
        }
        consume(nl + 1 - m_pos);
        m_skipping = false;
    }
    const qsizetype limit = currentLimit();
    const qsizetype nl = m_buffer.indexOf('\n', m_pos);
    if (nl < 0) {
        const qsizetype tail = m_buffer.size() - m_pos;
        // A tail of limit+1 bytes may still be a line of exactly `limit` bytes and its CR.
        if (tail > limit + 1 || (tail == limit + 1 && !m_buffer.endsWith('\r'))) {
            m_buffer.clear();
            m_pos = 0;
            m_skipping = true;
            m_rawLimit = 0;
            return fail(SmtpParseError::LineTooLong, QStringLiteral("line too long (more than %1 bytes)").arg(limit));
        }
        if (m_pos > 0) {
            m_buffer.remove(0, m_pos);
            m_pos = 0;
        }
        return {};
    }
    QByteArrayView line = QByteArrayView(m_buffer).sliced(m_pos, nl - m_pos);
    const bool bareLf = !line.endsWith('\r');
    if (!bareLf)
        line.chop(1);
    if (line.size() > limit) {
        consume(nl + 1 - m_pos);
        m_rawLimit = 0;
        return fail(SmtpParseError::LineTooLong, QStringLiteral("line too long (more than %1 bytes)").arg(limit));
    }
    SmtpParseItem item;
    if (m_rawLimit > 0) {
        item.kind = SmtpParseItem::Kind::RawLine;
        m_rawLimit = 0;
    } else {
        item = parseCommand(line);
    }
    item.line = line.toByteArray();
    item.bareLf = bareLf;
    consume(nl + 1 - m_pos);
    return item;
}

SmtpParseItem SmtpParser::parseCommand(QByteArrayView line)
{
    if (line.isEmpty())
        return fail(SmtpParseError::EmptyLine, QStringLiteral("empty command line"));
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView verb = space < 0 ? line : line.first(space);
    if (verb.isEmpty() || !std::all_of(verb.begin(), verb.end(), isAsciiLetter))
        return fail(SmtpParseError::BadVerb,
            QStringLiteral("not an SMTP command (a command starts with an ASCII keyword such as EHLO or MAIL)"));
    SmtpParseItem item;
    item.kind = SmtpParseItem::Kind::Command;
    item.command.verb = verb.toByteArray().toUpper();
    if (space >= 0)
        item.command.args = line.sliced(space + 1).toByteArray();
    return item;
}

SmtpParseItem SmtpParser::nextContent()
{
    SmtpParseItem item;
    if (m_endPending) {
        m_endPending = false;
        item.kind
            = m_mode == Mode::Chunk && !m_chunkLast ? SmtpParseItem::Kind::ChunkEnd : SmtpParseItem::Kind::ContentEnd;
        item.report = m_scanner.report();
        m_mode = Mode::Commands;
        return item;
    }
    QByteArray out;
    bool ended = false;
    if (m_mode == Mode::Data) {
        if (buffered() == 0) {
            m_buffer.clear();
            m_pos = 0;
            return {};
        }
        consume(m_scanner.scan(QByteArrayView(m_buffer).sliced(m_pos), out, &ended));
    } else {
        if (m_chunkLeft > 0) {
            const qsizetype n = static_cast<qsizetype>(std::min<qint64>(buffered(), m_chunkLeft));
            if (n == 0) {
                m_buffer.clear();
                m_pos = 0;
                return {};
            }
            consume(m_scanner.scan(QByteArrayView(m_buffer).sliced(m_pos, n), out, &ended));
            m_chunkLeft -= n;
        }
        if (m_chunkLeft == 0) {
            ended = true;
            if (m_chunkLast)
                m_scanner.finish(out);
        }
    }
    if (ended)
        m_endPending = true;
    if (out.isEmpty())
        return ended ? nextContent() : SmtpParseItem();
    item.kind = SmtpParseItem::Kind::Content;
    item.content = std::move(out);
    return item;
}

} // namespace tegami
