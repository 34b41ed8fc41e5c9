#include "imap/ImapCommandReader.h"

#include <algorithm>
#include <optional>

namespace tegami {

namespace {

// While a command is being dropped only the end of its current line is kept: enough to
// see a literal marker ("{", ten digits, "+}" and a "~").
constexpr qsizetype kDiscardTail = 32;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// tag = 1*<any ASTRING-CHAR except "+"> (RFC 3501 9)
bool isTagChar(char c)
{
    if (c <= 0x20 || c >= 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case '+':
        return false;
    default:
        return true;
    }
}

struct LiteralMarker {
    qsizetype length = 0; // bytes of the marker at the end of the line
    QByteArray digits;
    quint64 size = 0;
    bool overflow = false; // more than 4294967295 (number is 32-bit)
    bool synchronizing = true;
    bool binary = false;
};

// "{123}", "{123+}" or "~{123}" at the end of `line`.
std::optional<LiteralMarker> findLiteralMarker(QByteArrayView line)
{
    if (!line.endsWith('}'))
        return std::nullopt;
    LiteralMarker marker;
    qsizetype i = line.size() - 2;
    if (i >= 0 && line[i] == '+') {
        marker.synchronizing = false;
        --i;
    }
    const qsizetype digitsEnd = i + 1;
    while (i >= 0 && isDigit(line[i]))
        --i;
    const qsizetype digitsStart = i + 1;
    if (digitsStart == digitsEnd || i < 0 || line[i] != '{')
        return std::nullopt;
    marker.binary = i > 0 && line[i - 1] == '~';
    marker.length = line.size() - i + (marker.binary ? 1 : 0);
    marker.digits = line.sliced(digitsStart, digitsEnd - digitsStart).toByteArray();
    qsizetype first = 0;
    while (first < marker.digits.size() - 1 && marker.digits[first] == '0')
        ++first;
    if (marker.digits.size() - first > 10) {
        marker.overflow = true;
        return marker;
    }
    for (qsizetype k = first; k < marker.digits.size(); ++k)
        marker.size = marker.size * 10 + quint64(marker.digits[k] - '0');
    marker.overflow = marker.size > 0xffffffffu;
    return marker;
}

} // namespace

QByteArray ImapRawCommand::tag() const
{
    if (lines.isEmpty())
        return {};
    const QByteArray& first = lines.front();
    const qsizetype space = first.indexOf(' ');
    return space < 0 ? first : first.first(space);
}

QByteArray ImapRawCommand::logText() const
{
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += lines[i];
        if (i < literals.size()) {
            const ImapLiteral& literal = literals[i];
            out += (literal.binary ? "~{" : "{") + QByteArray::number(literal.data.size())
                + (literal.synchronizing ? "}" : "+}");
        }
    }
    return out;
}

QByteArray ImapReadItem::response() const
{
    if (kind == Kind::Continuation)
        return QByteArrayLiteral("+ Ready for literal data\r\n");
    if (kind != Kind::Error)
        return {};
    QByteArray out = tag.isEmpty() ? QByteArray("*") : tag;
    out += ' ' + status + ' ';
    if (!code.isEmpty())
        out += '[' + code + "] ";
    out += text.toUtf8() + "\r\n";
    return out;
}

ImapCommandReader::ImapCommandReader(qsizetype maxCommandBytes, qint64 maxLiteralBytes)
    : m_maxCommand(maxCommandBytes)
    , m_maxLiteral(maxLiteralBytes)
{ }

void ImapCommandReader::feed(QByteArrayView data)
{
    if (!m_failed)
        m_input.append(data);
}

void ImapCommandReader::expectRawLine()
{
    if (m_failed)
        return;
    resetCommand();
    m_phase = Phase::RawLine;
}

qsizetype ImapCommandReader::discardBuffered()
{
    const qsizetype dropped = buffered();
    m_input.clear();
    m_inputPos = 0;
    resetCommand();
    m_phase = Phase::Line;
    return dropped;
}

bool ImapCommandReader::atCommandBoundary() const
{
    return m_phase == Phase::Line && m_lines.isEmpty() && m_line.isEmpty() && !m_discarding && !m_pendingCr
        && m_commandBytes == 0;
}

qint64 ImapCommandReader::heldBytes() const
{
    qint64 held = m_line.size();
    for (const QByteArray& line : m_lines)
        held += line.size();
    for (const ImapLiteral& literal : m_literals)
        held += literal.data.size();
    return held;
}

void ImapCommandReader::resetCommand()
{
    m_lines.clear();
    m_literals.clear();
    m_line.clear();
    m_tag.clear();
    m_tagSeen = false;
    m_commandBytes = 0;
    m_literalBytes = 0;
    m_literalLeft = 0;
    m_inQuote = false;
    m_escape = false;
    m_pendingCr = false;
    m_discarding = false;
}

void ImapCommandReader::startDiscarding()
{
    m_discarding = true;
    m_lines.clear();
    m_literals.clear();
}

ImapReadItem ImapCommandReader::error(ImapReadError error, QByteArray status, QByteArray code, QString text)
{
    ImapReadItem item;
    item.kind = ImapReadItem::Kind::Error;
    item.error = error;
    item.tag = m_tag;
    item.status = std::move(status);
    item.code = std::move(code);
    item.text = std::move(text);
    return item;
}

ImapReadItem ImapCommandReader::next()
{
    if (m_failed) {
        ImapReadItem item = error(ImapReadError::NonSyncLiteralTooBig, "BAD", {},
            QStringLiteral("The connection is closing after a literal that was too big"));
        item.tag.clear();
        item.fatal = true;
        return item;
    }
    ImapReadItem item;
    bool ready = false;
    while (!ready && m_inputPos < m_input.size()) {
        if (m_phase == Phase::Literal) {
            ready = takeLiteralBytes(item);
            continue;
        }
        const char c = m_input[m_inputPos];
        if (m_pendingCr) {
            // A CR is part of the line unless a LF follows; the byte after it is looked at
            // again in the next round, so one round yields at most one item.
            m_pendingCr = false;
            if (c == '\n') {
                ++m_inputPos;
                ready = endOfLine(item);
            } else {
                ready = ordinaryByte('\r', item);
            }
        } else if (c == '\r') {
            ++m_inputPos;
            m_pendingCr = true;
        } else if (c == '\n') {
            ++m_inputPos;
            ready = endOfLine(item);
        } else {
            ++m_inputPos;
            ready = ordinaryByte(c, item);
        }
    }
    if (m_inputPos == m_input.size() || m_failed) {
        m_input.clear();
        m_inputPos = 0;
    } else if (m_inputPos > 65536) {
        m_input.remove(0, m_inputPos);
        m_inputPos = 0;
    }
    return item;
}

bool ImapCommandReader::ordinaryByte(char c, ImapReadItem& item)
{
    ++m_commandBytes;
    if (m_phase == Phase::Line) {
        if (m_inQuote) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inQuote = false;
        } else if (c == '"') {
            m_inQuote = true;
        }
    }
    if (m_discarding) {
        m_line += c;
        if (m_line.size() > 2 * kDiscardTail)
            m_line.remove(0, m_line.size() - kDiscardTail);
        return false;
    }
    const bool raw = m_phase == Phase::RawLine;
    if (c == '\0') {
        item = error(ImapReadError::NulByte, "BAD", {},
            raw ? QStringLiteral("NUL byte in the line") : QStringLiteral("NUL byte in the command"));
        startDiscarding();
        return true;
    }
    if (m_commandBytes > m_maxCommand) {
        item = raw
            ? error(ImapReadError::RawLineTooLong, "BAD", {},
                QStringLiteral("Line is too long (the limit is %1 bytes)").arg(m_maxCommand))
            : error(ImapReadError::CommandTooLong, "BAD", {},
                QStringLiteral("Command is too long (the limit is %1 bytes, literals not counted)").arg(m_maxCommand));
        startDiscarding();
        m_line = m_line.right(kDiscardTail);
        m_line += c;
        return true;
    }
    if (!raw && !m_tagSeen && m_lines.isEmpty() && c == ' ') {
        m_tagSeen = true;
        if (!m_line.isEmpty() && std::all_of(m_line.begin(), m_line.end(), isTagChar))
            m_tag = m_line;
    }
    m_line += c;
    return false;
}

bool ImapCommandReader::endOfLine(ImapReadItem& item)
{
    if (m_phase == Phase::RawLine) {
        m_phase = Phase::Line;
        const bool answered = m_discarding;
        item.kind = ImapReadItem::Kind::RawLine;
        item.line = std::move(m_line);
        resetCommand();
        if (answered)
            item = {};
        return !answered;
    }
    const std::optional<LiteralMarker> marker = m_inQuote ? std::nullopt : findLiteralMarker(m_line);
    m_inQuote = false;
    m_escape = false;
    const bool fits = marker && !marker->overflow && qint64(marker->size) <= m_maxLiteral - m_literalBytes;

    if (m_discarding) {
        // The client sends the bytes of a "{n+}" whatever we answered; a "{n}" it does not.
        if (!marker || marker->synchronizing) {
            resetCommand();
            return false;
        }
        if (!marker->overflow && qint64(marker->size) <= m_maxLiteral) {
            m_line.clear();
            m_literalLeft = qint64(marker->size);
            m_phase = m_literalLeft > 0 ? Phase::Literal : Phase::Line;
            return false;
        }
        item = error(ImapReadError::NonSyncLiteralTooBig, "BAD", "TOOBIG",
            QStringLiteral("Literal of %1 bytes is larger than the limit of %2 bytes")
                .arg(QString::fromLatin1(marker->digits))
                .arg(m_maxLiteral));
        item.tag.clear();
        item.fatal = true;
        resetCommand();
        m_failed = true;
        return true;
    }

    if (m_lines.isEmpty() && m_line.isEmpty())
        return false; // an empty line between commands
    if (!marker) {
        m_lines.append(std::move(m_line));
        item.kind = ImapReadItem::Kind::Command;
        item.command.lines = std::move(m_lines);
        item.command.literals = std::move(m_literals);
        resetCommand();
        return true;
    }
    if (!fits) {
        const QString text = QStringLiteral("Literal of %1 bytes is larger than the limit of %2 bytes")
                                 .arg(QString::fromLatin1(marker->digits))
                                 .arg(m_maxLiteral - m_literalBytes);
        if (marker->synchronizing) {
            item = error(ImapReadError::LiteralTooBig, "NO", "TOOBIG", text);
            resetCommand();
            return true;
        }
        item = error(ImapReadError::NonSyncLiteralTooBig, "BAD", "TOOBIG", text);
        item.fatal = true;
        resetCommand();
        m_failed = true;
        return true;
    }
    m_line.chop(marker->length);
    m_lines.append(std::move(m_line));
    m_line.clear();
    ImapLiteral literal;
    literal.binary = marker->binary;
    literal.synchronizing = marker->synchronizing;
    literal.data.reserve(qsizetype(std::min<quint64>(marker->size, 1024 * 1024)));
    m_literals.append(std::move(literal));
    m_literalBytes += qint64(marker->size);
    m_literalLeft = qint64(marker->size);
    m_phase = m_literalLeft > 0 ? Phase::Literal : Phase::Line;
    if (marker->synchronizing) {
        item.kind = ImapReadItem::Kind::Continuation;
        item.command.lines = m_lines;
        item.command.literals = m_literals.first(m_literals.size() - 1);
        item.literalSize = qint64(marker->size);
        return true;
    }
    return false;
}

void ImapCommandReader::refuseLiteral()
{
    if (m_failed || m_lines.isEmpty() || m_literals.isEmpty() || !m_literals.back().data.isEmpty())
        return;
    resetCommand();
    m_phase = Phase::Line;
}

bool ImapCommandReader::takeLiteralBytes(ImapReadItem& item)
{
    const qsizetype n = qsizetype(std::min<qint64>(m_literalLeft, m_input.size() - m_inputPos));
    const QByteArrayView chunk(m_input.constData() + m_inputPos, n);
    m_inputPos += n;
    m_literalLeft -= n;
    bool ready = false;
    if (!m_discarding) {
        ImapLiteral& literal = m_literals.back();
        if (!literal.binary && chunk.contains('\0')) {
            item = error(ImapReadError::NulByte, "BAD", {},
                QStringLiteral("NUL byte in a literal (binary data needs a literal8, ~{n})"));
            startDiscarding();
            ready = true;
        } else {
            literal.data.append(chunk);
        }
    }
    if (m_literalLeft == 0) {
        m_phase = Phase::Line;
        m_line.clear();
    }
    return ready;
}

} // namespace tegami
