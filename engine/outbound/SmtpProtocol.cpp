#include "outbound/SmtpProtocol.h"

#include <QIODevice>
#include <QUrl>

namespace tegami {

namespace {

QByteArray hex2(uchar c)
{
    return QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
}

} // namespace

SmtpExtensions SmtpExtensions::fromEhloReply(const SmtpReply& reply)
{
    SmtpExtensions ext;
    ext.esmtp = true;
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QString line = reply.lines.at(i).trimmed();
        QStringList words = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        QString keyword = words.takeFirst().toUpper();
        if (keyword.startsWith(QLatin1String("AUTH="))) {
            words.prepend(keyword.mid(5));
            keyword = QStringLiteral("AUTH");
        }
        if (keyword == QLatin1String("STARTTLS")) {
            ext.startTls = true;
        } else if (keyword == QLatin1String("8BITMIME")) {
            ext.eightBitMime = true;
        } else if (keyword == QLatin1String("SMTPUTF8")) {
            ext.smtpUtf8 = true;
        } else if (keyword == QLatin1String("DSN")) {
            ext.dsn = true;
        } else if (keyword == QLatin1String("PIPELINING")) {
            ext.pipelining = true;
        } else if (keyword == QLatin1String("ENHANCEDSTATUSCODES")) {
            ext.enhancedStatusCodes = true;
        } else if (keyword == QLatin1String("SIZE")) {
            ext.sizeAdvertised = true;
            bool ok = false;
            const qint64 limit = words.isEmpty() ? 0 : words.first().toLongLong(&ok);
            ext.sizeLimit = ok && limit > 0 ? limit : 0;
        } else if (keyword == QLatin1String("AUTH")) {
            for (const QString& m : std::as_const(words)) {
                const QString mech = m.toUpper();
                if (!ext.authMechanisms.contains(mech))
                    ext.authMechanisms << mech;
            }
        }
    }
    return ext;
}

QByteArray xtextEncode(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    for (const char ch : bytes) {
        const auto c = static_cast<uchar>(ch);
        if (c >= '!' && c <= '~' && c != '+' && c != '=')
            out += ch;
        else
            out += '+' + hex2(c);
    }
    return out;
}

QByteArray utf8AddrXtextEncode(const QString& address)
{
    QByteArray out;
    for (const char32_t cp : address.toUcs4()) {
        if (cp >= '!' && cp <= '~' && cp != '+' && cp != '=' && cp != '\\')
            out += char(cp);
        else
            out += "\\x{" + QByteArray::number(quint32(cp), 16).toUpper() + '}';
    }
    return out;
}

bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7f)
            return false;
    }
    return true;
}

QString wireAddress(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return address;
    const QString domain = address.mid(at + 1);
    if (domain.startsWith(QLatin1Char('[')) || isAscii(domain))
        return address;
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty())
        return address;
    return address.left(at + 1) + QString::fromLatin1(ace);
}

QByteArray mailFromCommand(const QString& sender, const MailFromParams& params)
{
    QByteArray cmd = "MAIL FROM:<" + wireAddress(sender).toUtf8() + '>';
    if (params.size > 0)
        cmd += " SIZE=" + QByteArray::number(params.size);
    if (params.eightBitMime)
        cmd += " BODY=8BITMIME";
    if (params.smtpUtf8)
        cmd += " SMTPUTF8";
    if (params.dsn) {
        if (params.ret == DsnRet::Full)
            cmd += " RET=FULL";
        else if (params.ret == DsnRet::Headers)
            cmd += " RET=HDRS";
        if (!params.envId.isEmpty())
            cmd += " ENVID=" + xtextEncode(params.envId.toUtf8());
    }
    return cmd;
}

QByteArray orcptValue(const QString& decoded)
{
    const qsizetype semi = decoded.indexOf(QLatin1Char(';'));
    const QString type = semi < 0 ? QStringLiteral("rfc822") : decoded.left(semi).trimmed();
    const QString address = semi < 0 ? decoded : decoded.mid(semi + 1);
    const bool mailAddressType = type.compare(QLatin1String("rfc822"), Qt::CaseInsensitive) == 0
        || type.compare(QLatin1String("utf-8"), Qt::CaseInsensitive) == 0;
    if (mailAddressType && !isAscii(address))
        return "utf-8;" + utf8AddrXtextEncode(address); // RFC 6533 3
    return xtextEncode(type.toUtf8()) + ';' + xtextEncode(address.toUtf8());
}

QByteArray rcptToCommand(const EnvelopeRecipient& recipient, bool dsn)
{
    QByteArray cmd = "RCPT TO:<" + wireAddress(recipient.address).toUtf8() + '>';
    if (!dsn)
        return cmd;
    if (recipient.notify & DsnNotifyNever) {
        cmd += " NOTIFY=NEVER";
    } else if (recipient.notify != 0) {
        QByteArrayList kinds;
        if (recipient.notify & DsnNotifySuccess)
            kinds << "SUCCESS";
        if (recipient.notify & DsnNotifyFailure)
            kinds << "FAILURE";
        if (recipient.notify & DsnNotifyDelay)
            kinds << "DELAY";
        cmd += " NOTIFY=" + kinds.join(',');
    }
    if (!recipient.orcpt.isEmpty())
        cmd += " ORCPT=" + orcptValue(recipient.orcpt);
    return cmd;
}

bool headerHasEightBit(QIODevice& device, qint64 maxBytes)
{
    const qint64 start = device.pos();
    bool found = false;
    qint64 seen = 0;
    bool atLineStart = true;
    bool done = false;
    while (!done && !found && seen < maxBytes) {
        const QByteArray chunk = device.read(std::min<qint64>(64 * 1024, maxBytes - seen));
        if (chunk.isEmpty())
            break;
        seen += chunk.size();
        for (const char ch : chunk) {
            if (static_cast<uchar>(ch) > 0x7f) {
                found = true;
                break;
            }
            if (ch == '\n') {
                if (atLineStart) {
                    done = true; // the empty line after the header section
                    break;
                }
                atLineStart = true;
            } else if (ch != '\r') {
                atLineStart = false;
            }
        }
    }
    device.seek(start);
    return found;
}

QByteArray SmtpDataEncoder::encode(QByteArrayView chunk)
{
    QByteArray out;
    out.reserve(chunk.size() + chunk.size() / 64 + 4);
    for (const char c : chunk) {
        if (m_pendingCr) {
            m_pendingCr = false;
            out += "\r\n";
            m_atLineStart = true;
            if (c == '\n')
                continue;
            ++m_bareLineEndings;
        }
        if (c == '\r') {
            m_pendingCr = true;
            continue;
        }
        if (c == '\n') {
            ++m_bareLineEndings;
            out += "\r\n";
            m_atLineStart = true;
            continue;
        }
        if (m_atLineStart && c == '.')
            out += '.';
        out += c;
        m_atLineStart = false;
    }
    return out;
}

QByteArray SmtpDataEncoder::finish()
{
    QByteArray out;
    if (m_pendingCr) {
        m_pendingCr = false;
        ++m_bareLineEndings;
        out += "\r\n";
        m_atLineStart = true;
    }
    if (!m_atLineStart)
        out += "\r\n";
    out += ".\r\n";
    m_atLineStart = true;
    return out;
}

} // namespace tegami
