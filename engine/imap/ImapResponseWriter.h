#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace tegami {

// Building blocks for IMAP responses (RFC 3501 9, formal syntax). Everything returns bytes
// ready to send; callers put them together.

// ----- strings -------------------------------------------------------------------------
// Strings longer than this are sent as literals even when they could be quoted.
inline constexpr qsizetype kImapMaxQuoted = 1024;

bool imapCanQuote(QByteArrayView s); // 7-bit, no CR/LF/NUL, not too long
QByteArray imapQuoted(QByteArrayView s); // "..." with \" and \\ escaped; caller checked imapCanQuote
QByteArray imapLiteralHeader(qint64 size); // "{size}\r\n", for streamed bodies
// A quoted string, or a literal ("{n}\r\n" + bytes) when it cannot be quoted. NUL bytes,
// which no IMAP string may hold, are replaced by 0x80 (as Dovecot does).
QByteArray imapString(QByteArrayView s);
QByteArray imapNString(const std::optional<QByteArray>& s); // NIL or imapString
QByteArray imapAString(QByteArrayView s); // an atom when it can be one (not "NIL"), else imapString
// A mailbox name: modified UTF-7, as an atom or a quoted string ("INBOX", "&ZeVnLIqe-").
QByteArray imapMailbox(const QString& name);

// ----- lists, sets, dates --------------------------------------------------------------
QByteArray imapFlagList(const QStringList& flags); // (\Seen $Forwarded)
QByteArray imapDateTime(const QDateTime& dateTime); // "17-Jul-1996 02:44:25 -0700" with quotes

// ----- status responses ----------------------------------------------------------------
enum class ImapStatus { Ok, No, Bad, PreAuth, Bye };

// "a1 OK [CODE] text\r\n"; `code` without brackets, empty for none. CR, LF and NUL in
// `text` become spaces, so a message from elsewhere cannot inject a line.
QByteArray imapTagged(QByteArrayView tag, ImapStatus status, QByteArrayView code, const QString& text);
QByteArray imapUntaggedStatus(ImapStatus status, QByteArrayView code, const QString& text); // "* OK ..."
QByteArray imapUntagged(QByteArrayView data); // "* " + data + CRLF, e.g. "3 EXISTS"
QByteArray imapContinuation(const QString& text); // "+ text\r\n"
QByteArray imapContinuationData(QByteArrayView base64); // "+ <base64>\r\n" (SASL)

// Response codes (RFC 3501 7.1, RFC 5530, RFC 4315, RFC 7162...), the text between [ ].
namespace ImapCode {
QByteArray alert();
QByteArray capability(const QList<QByteArray>& capabilities);
QByteArray tryCreate();
QByteArray tooBig();
QByteArray readOnly();
QByteArray readWrite();
QByteArray parse();
QByteArray appendUid(quint32 uidValidity, quint32 uid);
QByteArray appendUid(quint32 uidValidity, const std::vector<quint32>& uids);
QByteArray copyUid(quint32 uidValidity, const std::vector<quint32>& source, const std::vector<quint32>& destination);
QByteArray uidValidity(quint32 value);
QByteArray uidNext(quint32 value);
QByteArray unseen(quint32 sequenceNumber);
QByteArray permanentFlags(const QStringList& flags); // flags may include "\\*"
QByteArray highestModSeq(quint64 value);
QByteArray noModSeq();
QByteArray modified(const std::vector<std::pair<quint32, quint32>>& ranges);
QByteArray closed();
QByteArray badCharset(const QList<QByteArray>& supported);
QByteArray authenticationFailed();
QByteArray authorizationFailed();
QByteArray unavailable();
QByteArray limit();
QByteArray inUse();
QByteArray privacyRequired();
QByteArray overQuota();
QByteArray nonExistent();
QByteArray alreadyExists();
QByteArray cannot();
QByteArray noPerm();
QByteArray serverBug();
QByteArray expungeIssued();
QByteArray contactAdmin();
QByteArray clientBug();
} // namespace ImapCode

} // namespace tegami
