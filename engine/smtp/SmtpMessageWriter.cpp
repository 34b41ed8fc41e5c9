#include "smtp/SmtpMessageWriter.h"

#include <QHostAddress>
#include <QLocale>

namespace tegami {

namespace {

// What a client said in EHLO, safe inside a header: no comment delimiters, no controls,
// bounded. Anything odd becomes '?', so the header shows that something odd was sent.
QByteArray cleanHeloName(const QString& helo)
{
    QByteArray out;
    for (const QChar c : helo.left(255)) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.'
            || u == '-' || u == '_' || u == '[' || u == ']' || u == ':';
        out += ok ? static_cast<char>(u) : '?';
    }
    return out.isEmpty() ? QByteArray("unknown") : out;
}

// Server-made text (the TLS description) inside a comment: printable ASCII only. Balanced
// parentheses may stay, as comments nest (RFC 5322 3.2.2).
QByteArray cleanComment(const QString& text)
{
    QByteArray out;
    for (const QChar c : text.left(200)) {
        const char16_t u = c.unicode();
        out += (u >= 32 && u < 127 && u != '\\') ? static_cast<char>(u) : '?';
    }
    return out;
}

QByteArray addressLiteral(const QString& address)
{
    const QHostAddress host(address);
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        return "[IPv6:" + address.toLatin1() + "]";
    return "[" + address.toLatin1() + "]";
}

bool isFieldName(QByteArrayView line, QByteArrayView name)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    // RFC 5322 obsolete syntax allows blanks before the colon.
    return line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray receivedHeader(const ReceivedInfo& info)
{
    QByteArray h = "Received: from " + cleanHeloName(info.heloName) + " (";
    if (!info.remoteName.isEmpty())
        h += cleanHeloName(info.remoteName) + ' ';
    h += addressLiteral(info.remoteAddress) + ")\r\n";
    if (!info.tls.isEmpty())
        h += "\t(using " + cleanComment(info.tls) + ")\r\n";
    h += "\tby " + info.fqdn.toLatin1() + " (Tegami) with " + info.with + " id " + info.id.toLatin1();
    if (!info.forRecipient.isEmpty())
        h += "\r\n\tfor <" + info.forRecipient.toUtf8() + ">";
    h += "; " + rfc5322Date(info.date) + "\r\n";
    return h;
}

SmtpMessageWriter::SmtpMessageWriter(std::unique_ptr<SpoolWriter> spool, Options options)
    : m_spool(std::move(spool))
    , m_options(std::move(options))
{
    m_headerDone = !m_options.addMissingHeaders;
}

Result<void> SmtpMessageWriter::writeTraceOnce()
{
    if (m_traceWritten)
        return {};
    m_traceWritten = true;
    return m_spool->write(m_options.traceHeader);
}

Result<void> SmtpMessageWriter::write(QByteArrayView text)
{
    if (m_headerDone) {
        if (Result<void> r = writeTraceOnce(); !r)
            return r;
        return m_spool->write(text);
    }
    m_held.append(text);
    if (m_held.startsWith("\r\n"))
        return flushHeader(0);
    const qsizetype blank = m_held.indexOf("\r\n\r\n", std::max<qsizetype>(0, m_searchFrom - 3));
    if (blank >= 0)
        return flushHeader(blank + 2);
    m_searchFrom = m_held.size();
    if (m_held.size() > m_options.maxHeaderBytes) {
        m_headerTooLong = true;
        m_headerDone = true;
        Result<void> r = writeTraceOnce();
        if (r)
            r = m_spool->write(std::exchange(m_held, QByteArray()));
        return r;
    }
    return {};
}

Result<void> SmtpMessageWriter::flushHeader(qsizetype headerEnd)
{
    m_headerDone = true;
    bool hasMessageId = false;
    bool hasDate = false;
    const QByteArrayView fields = QByteArrayView(m_held).first(headerEnd);
    qsizetype pos = 0;
    while (pos < fields.size()) {
        qsizetype end = fields.indexOf("\r\n", pos);
        if (end < 0)
            end = fields.size();
        const QByteArrayView line = fields.sliced(pos, end - pos);
        // Continuation lines start with a blank; field names never do.
        if (!line.isEmpty() && line[0] != ' ' && line[0] != '\t') {
            hasMessageId = hasMessageId || isFieldName(line, "Message-ID");
            hasDate = hasDate || isFieldName(line, "Date");
        }
        pos = end + 2;
    }
    QByteArray added;
    if (!hasMessageId) {
        added += "Message-ID: " + m_options.messageId + "\r\n";
        m_added << QStringLiteral("Message-ID");
    }
    if (!hasDate) {
        added += "Date: " + m_options.date + "\r\n";
        m_added << QStringLiteral("Date");
    }
    Result<void> r = writeTraceOnce();
    if (r && !added.isEmpty())
        r = m_spool->write(added);
    if (r)
        r = m_spool->write(std::exchange(m_held, QByteArray()));
    return r;
}

Result<QString> SmtpMessageWriter::commit(const Envelope& envelope)
{
    // A message that ended inside its header section (no blank line): all of it is header.
    Result<void> r = m_headerDone ? writeTraceOnce() : flushHeader(m_held.size());
    if (!r)
        return r.error();
    return m_spool->commit(envelope);
}

} // namespace tegami
