#include "outbound/SmtpReplyParser.h"

#include <QRegularExpression>

#include <algorithm>

namespace tegami {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "5.1.1" at the start of a line's text, followed by a blank or the end (RFC 3463:
// class "." subject "." detail, subject and detail of 1 to 3 digits).
QString enhancedCodeAt(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?: |$)"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString printable(QByteArrayView line)
{
    QString out;
    for (const char c : line.first(std::min<qsizetype>(line.size(), 80))) {
        const auto u = static_cast<uchar>(c);
        out += u >= 0x20 && u < 0x7f ? QChar(u) : QLatin1Char('?');
    }
    return out;
}

} // namespace

QString SmtpReply::summary() const
{
    QString out = QString::number(code);
    if (!enhancedCode.isEmpty())
        out += QLatin1Char(' ') + enhancedCode;
    const QString t = text();
    if (!t.isEmpty())
        out += QLatin1Char(' ') + t;
    return out;
}

SmtpReplyParser::SmtpReplyParser(qsizetype maxLineBytes, int maxLines)
    : m_maxLine(maxLineBytes)
    , m_maxLines(maxLines)
{ }

void SmtpReplyParser::feed(QByteArrayView data)
{
    if (m_failed || m_overlong)
        return;
    while (!data.isEmpty()) {
        const qsizetype nl = data.indexOf('\n');
        const QByteArrayView part = nl < 0 ? data : data.first(nl);
        // Only as much as can still be a line within the limit (plus its CR) is kept.
        const qsizetype room = m_maxLine + 2 - m_buffer.size();
        m_buffer.append(part.first(std::min(room, part.size())));
        const qsizetype body = m_buffer.size() - (m_buffer.endsWith('\r') ? 1 : 0);
        if (body > m_maxLine) {
            m_overlong = true; // next() reports it after the complete lines before it
            m_buffer.clear();
            return;
        }
        if (nl < 0)
            return;
        if (m_buffer.endsWith('\r'))
            m_buffer.chop(1);
        m_pendingLines.append(m_buffer);
        m_buffer.clear();
        data = data.sliced(nl + 1);
    }
}

qsizetype SmtpReplyParser::discardBuffered()
{
    qsizetype dropped = m_buffer.size();
    for (const QByteArray& line : std::as_const(m_pendingLines))
        dropped += line.size() + 2;
    for (const QByteArray& line : std::as_const(m_replyLines))
        dropped += line.size() + 2;
    m_buffer.clear();
    m_pendingLines.clear();
    m_replyLines.clear();
    return dropped;
}

SmtpReplyItem SmtpReplyParser::fail(SmtpReplyError error, QString text)
{
    m_failed = true;
    SmtpReplyItem item;
    item.kind = SmtpReplyItem::Kind::Error;
    item.error = error;
    item.errorText = std::move(text);
    item.rawLines = m_replyLines;
    m_replyLines.clear();
    m_pendingLines.clear();
    m_buffer.clear();
    return item;
}

SmtpReplyItem SmtpReplyParser::next()
{
    if (m_failed)
        return fail(SmtpReplyError::Malformed, QStringLiteral("the server's replies could not be read"));
    while (!m_pendingLines.isEmpty()) {
        const QByteArray line = m_pendingLines.takeFirst();
        SmtpReplyItem item = takeLine(line);
        if (item.kind != SmtpReplyItem::Kind::NeedMore)
            return item;
    }
    if (m_overlong) {
        return fail(SmtpReplyError::LineTooLong,
            QStringLiteral("the server sent a reply line longer than %1 bytes").arg(m_maxLine));
    }
    return {};
}

SmtpReplyItem SmtpReplyParser::takeLine(QByteArrayView line)
{
    const bool wellFormed = line.size() >= 3 && line[0] >= '2' && line[0] <= '5' && isDigit(line[1]) && isDigit(line[2])
        && (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    if (!wellFormed) {
        m_replyLines.append(line.toByteArray());
        return fail(SmtpReplyError::Malformed,
            QStringLiteral("the server sent a malformed reply line \"%1\" (expected a code 200-599)")
                .arg(printable(line)));
    }
    if (!m_replyLines.isEmpty() && line.first(3) != QByteArrayView(m_replyLines.first()).first(3)) {
        m_replyLines.append(line.toByteArray());
        return fail(SmtpReplyError::Malformed,
            QStringLiteral("the server changed the reply code inside a multi-line reply (\"%1\")")
                .arg(printable(line)));
    }
    m_replyLines.append(line.toByteArray());
    if (m_replyLines.size() > m_maxLines) {
        return fail(SmtpReplyError::TooManyLines,
            QStringLiteral("the server sent a reply of more than %1 lines").arg(m_maxLines));
    }
    if (line.size() > 3 && line[3] == '-')
        return {};

    SmtpReplyItem item = parseLines(m_replyLines);
    m_replyLines.clear();
    return item;
}

SmtpReplyItem SmtpReplyParser::parseLines(const QList<QByteArray>& lines)
{
    SmtpReplyItem item;
    item.rawLines = lines;
    if (lines.isEmpty()) {
        item.kind = SmtpReplyItem::Kind::Error;
        item.error = SmtpReplyError::Malformed;
        item.errorText = QStringLiteral("empty reply");
        return item;
    }
    for (const QByteArray& line : lines) {
        const bool ok = line.size() >= 3 && line[0] >= '2' && line[0] <= '5' && isDigit(line[1]) && isDigit(line[2])
            && (line.size() == 3 || line[3] == ' ' || line[3] == '-') && line.first(3) == lines.first().first(3);
        if (!ok) {
            item.kind = SmtpReplyItem::Kind::Error;
            item.error = SmtpReplyError::Malformed;
            item.errorText = QStringLiteral("the server sent a malformed reply line \"%1\"").arg(printable(line));
            return item;
        }
        item.reply.lines << QString::fromUtf8(line.size() > 4 ? line.sliced(4) : QByteArray());
    }
    item.kind = SmtpReplyItem::Kind::Reply;
    item.reply.code = lines.first().first(3).toInt();

    // RFC 2034 puts the enhanced code on every line; servers are not all that careful, so
    // the last line's (or else the first's) code counts and is taken off every line carrying it.
    QString enhanced = enhancedCodeAt(item.reply.lines.last());
    if (enhanced.isEmpty())
        enhanced = enhancedCodeAt(item.reply.lines.first());
    if (!enhanced.isEmpty() && enhanced.at(0).digitValue() == item.reply.codeClass()) {
        item.reply.enhancedCode = enhanced;
        for (QString& text : item.reply.lines) {
            if (enhancedCodeAt(text) == enhanced)
                text = text.mid(enhanced.size() + 1);
        }
    }
    return item;
}

} // namespace tegami
