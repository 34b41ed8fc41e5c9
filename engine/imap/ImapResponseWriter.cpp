#include "imap/ImapResponseWriter.h"

#include "imap/ImapCursor.h"
#include "imap/ImapDate.h"
#include "imap/ImapMailboxName.h"
#include "imap/ImapSequenceSet.h"

#include <algorithm>

namespace tegami {

namespace {

QByteArray statusWord(ImapStatus status)
{
    switch (status) {
    case ImapStatus::Ok:
        return "OK";
    case ImapStatus::No:
        return "NO";
    case ImapStatus::Bad:
        return "BAD";
    case ImapStatus::PreAuth:
        return "PREAUTH";
    case ImapStatus::Bye:
        return "BYE";
    }
    return "BAD";
}

QByteArray oneLine(const QString& text)
{
    QByteArray out = text.toUtf8();
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; }, ' ');
    return out;
}

QByteArray statusLine(QByteArrayView prefix, ImapStatus status, QByteArrayView code, const QString& text)
{
    QByteArray out = prefix.toByteArray() + ' ' + statusWord(status);
    if (!code.isEmpty())
        out += " [" + oneLine(QString::fromLatin1(code)) + ']';
    // resp-text needs text after the code; a bare "[" at its start would read as a code.
    QByteArray t = oneLine(text);
    if (t.isEmpty())
        t = "Done";
    else if (code.isEmpty() && t.startsWith('['))
        t.prepend("- ");
    out += ' ' + t + "\r\n";
    return out;
}

QByteArray joined(const QList<QByteArray>& words)
{
    QByteArray out;
    for (const QByteArray& w : words) {
        if (!out.isEmpty())
            out += ' ';
        out += w;
    }
    return out;
}

} // namespace

bool imapCanQuote(QByteArrayView s)
{
    if (s.size() > kImapMaxQuoted)
        return false;
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == 0 || u == '\r' || u == '\n' || u >= 0x80;
    });
}

QByteArray imapQuoted(QByteArrayView s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

QByteArray imapLiteralHeader(qint64 size)
{
    return '{' + QByteArray::number(size) + "}\r\n";
}

QByteArray imapString(QByteArrayView s)
{
    if (imapCanQuote(s))
        return imapQuoted(s);
    QByteArray body = s.toByteArray();
    std::replace(body.begin(), body.end(), '\0', '\x80');
    return imapLiteralHeader(body.size()) + body;
}

QByteArray imapNString(const std::optional<QByteArray>& s)
{
    return s ? imapString(*s) : QByteArrayLiteral("NIL");
}

QByteArray imapAString(QByteArrayView s)
{
    const bool atom = !s.isEmpty() && s.size() <= kImapMaxQuoted
        && std::all_of(s.begin(), s.end(), [](char c) { return ImapCursor::isAtomChar(c) || c == ']'; })
        && s.compare("NIL", Qt::CaseInsensitive) != 0;
    return atom ? s.toByteArray() : imapString(s);
}

QByteArray imapMailbox(const QString& name)
{
    return imapAString(encodeMailboxUtf7(name));
}

QByteArray imapFlagList(const QStringList& flags)
{
    return '(' + flags.join(QLatin1Char(' ')).toUtf8() + ')';
}

QByteArray imapDateTime(const QDateTime& dateTime)
{
    return '"' + formatImapDateTime(dateTime) + '"';
}

QByteArray imapTagged(QByteArrayView tag, ImapStatus status, QByteArrayView code, const QString& text)
{
    return statusLine(tag.isEmpty() ? QByteArrayView("*") : tag, status, code, text);
}

QByteArray imapUntaggedStatus(ImapStatus status, QByteArrayView code, const QString& text)
{
    return statusLine("*", status, code, text);
}

QByteArray imapUntagged(QByteArrayView data)
{
    return "* " + data.toByteArray() + "\r\n";
}

QByteArray imapContinuation(const QString& text)
{
    return "+ " + oneLine(text) + "\r\n";
}

QByteArray imapContinuationData(QByteArrayView base64)
{
    return "+ " + base64.toByteArray() + "\r\n";
}

namespace ImapCode {

QByteArray alert()
{
    return "ALERT";
}
QByteArray capability(const QList<QByteArray>& capabilities)
{
    return "CAPABILITY " + joined(capabilities);
}
QByteArray tryCreate()
{
    return "TRYCREATE";
}
QByteArray tooBig()
{
    return "TOOBIG";
}
QByteArray readOnly()
{
    return "READ-ONLY";
}
QByteArray readWrite()
{
    return "READ-WRITE";
}
QByteArray parse()
{
    return "PARSE";
}
QByteArray appendUid(quint32 uidValidity, quint32 uid)
{
    return "APPENDUID " + QByteArray::number(uidValidity) + ' ' + QByteArray::number(uid);
}
QByteArray appendUid(quint32 uidValidity, const std::vector<quint32>& uids)
{
    return "APPENDUID " + QByteArray::number(uidValidity) + ' ' + formatImapUidList(uids);
}
QByteArray copyUid(quint32 uidValidity, const std::vector<quint32>& source, const std::vector<quint32>& destination)
{
    return "COPYUID " + QByteArray::number(uidValidity) + ' ' + formatImapUidList(source) + ' '
        + formatImapUidList(destination);
}
QByteArray uidValidity(quint32 value)
{
    return "UIDVALIDITY " + QByteArray::number(value);
}
QByteArray uidNext(quint32 value)
{
    return "UIDNEXT " + QByteArray::number(value);
}
QByteArray unseen(quint32 sequenceNumber)
{
    return "UNSEEN " + QByteArray::number(sequenceNumber);
}
QByteArray permanentFlags(const QStringList& flags)
{
    return "PERMANENTFLAGS " + imapFlagList(flags);
}
QByteArray highestModSeq(quint64 value)
{
    return "HIGHESTMODSEQ " + QByteArray::number(value);
}
QByteArray noModSeq()
{
    return "NOMODSEQ";
}
QByteArray modified(const std::vector<std::pair<quint32, quint32>>& ranges)
{
    return "MODIFIED " + formatImapSequenceSet(ranges);
}
QByteArray closed()
{
    return "CLOSED";
}
QByteArray badCharset(const QList<QByteArray>& supported)
{
    return supported.isEmpty() ? QByteArray("BADCHARSET") : "BADCHARSET (" + joined(supported) + ')';
}
QByteArray authenticationFailed()
{
    return "AUTHENTICATIONFAILED";
}
QByteArray authorizationFailed()
{
    return "AUTHORIZATIONFAILED";
}
QByteArray unavailable()
{
    return "UNAVAILABLE";
}
QByteArray limit()
{
    return "LIMIT";
}
QByteArray inUse()
{
    return "INUSE";
}
QByteArray privacyRequired()
{
    return "PRIVACYREQUIRED";
}
QByteArray overQuota()
{
    return "OVERQUOTA";
}
QByteArray nonExistent()
{
    return "NONEXISTENT";
}
QByteArray alreadyExists()
{
    return "ALREADYEXISTS";
}
QByteArray cannot()
{
    return "CANNOT";
}
QByteArray noPerm()
{
    return "NOPERM";
}
QByteArray serverBug()
{
    return "SERVERBUG";
}
QByteArray expungeIssued()
{
    return "EXPUNGEISSUED";
}
QByteArray contactAdmin()
{
    return "CONTACTADMIN";
}
QByteArray clientBug()
{
    return "CLIENTBUG";
}

} // namespace ImapCode

} // namespace tegami
