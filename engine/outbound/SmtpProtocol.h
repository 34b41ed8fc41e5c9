#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include "outbound/SmtpReplyParser.h"
#include "queue/Envelope.h"

class QIODevice;

namespace tegami {

// What a server offers in its EHLO reply (RFC 5321 4.1.1.1; keywords are case-insensitive).
struct SmtpExtensions {
    bool esmtp = false; // the server accepted EHLO (false after a HELO fallback: no extensions)
    bool startTls = false; // RFC 3207
    bool eightBitMime = false; // RFC 6152
    bool smtpUtf8 = false; // RFC 6531
    bool dsn = false; // RFC 3461
    bool pipelining = false; // RFC 2920 (recorded; commands are sent one at a time)
    bool enhancedStatusCodes = false; // RFC 2034
    bool sizeAdvertised = false; // RFC 1870
    qint64 sizeLimit = 0; // SIZE's argument; 0: no fixed limit
    QStringList authMechanisms; // upper-case, as offered ("PLAIN", "LOGIN")

    bool offersAuth(const QString& mechanism) const { return authMechanisms.contains(mechanism); }

    // The first line of an EHLO reply is the server's name; each later line one keyword
    // and its parameters. "AUTH=LOGIN PLAIN" (pre-standard) counts as AUTH.
    static SmtpExtensions fromEhloReply(const SmtpReply& reply);
};

// RFC 3461 xtext: printable ASCII but "+" and "=" as is, everything else as "+HH".
QByteArray xtextEncode(QByteArrayView bytes);
// RFC 6533 utf-8-addr-xtext: printable ASCII but "+", "=" and "\" as is, everything else
// as "\x{HEX}" (for an ORCPT whose address is not ASCII).
QByteArray utf8AddrXtextEncode(const QString& address);

bool isAscii(QStringView text);

// The address as it goes on the wire: the domain in ACE form ("xn--...") when it is an
// internationalised name, so that only a non-ASCII local part needs SMTPUTF8. An address
// literal ("[192.0.2.1]") and a domain that cannot be converted stay as they are.
QString wireAddress(const QString& address);

// The parameters of one MAIL FROM command, decided from the envelope and the extensions.
struct MailFromParams {
    qint64 size = 0; // > 0: SIZE=<n>
    bool eightBitMime = false; // BODY=8BITMIME
    bool smtpUtf8 = false; // SMTPUTF8
    bool dsn = false; // RET and ENVID (when given)
    DsnRet ret = DsnRet::Default;
    QString envId;
};

// "MAIL FROM:<sender> SIZE=123 BODY=8BITMIME" (no line ending); an empty sender is "<>".
QByteArray mailFromCommand(const QString& sender, const MailFromParams& params);
// "RCPT TO:<rcpt> NOTIFY=FAILURE,DELAY ORCPT=rfc822;bob@example.net" (DSN parameters only
// when `dsn`).
QByteArray rcptToCommand(const EnvelopeRecipient& recipient, bool dsn);
// The ORCPT parameter's value for a decoded ORCPT ("rfc822;bob@example.net").
QByteArray orcptValue(const QString& decoded);

// Whether the header section of a message (up to the first empty line, at most
// `maxBytes`) holds bytes above 127: with SMTPUTF8 requested, such headers need a peer
// that supports it. The device is read from its current position and rewound after.
bool headerHasEightBit(QIODevice& device, qint64 maxBytes = 1024 * 1024);

// The DATA content encoder: message bytes in, wire bytes out, a chunk at a time so a 36 MB
// message never sits in memory whole. Lines starting with "." get a second "." (RFC 5321
// 4.5.2); every line ending becomes CRLF (a bare CR or LF in the spool, which should hold
// only CRLF, could otherwise end DATA early at a lenient server: SMTP smuggling); finish()
// adds CRLF when the message does not end with one, then ".\r\n".
class SmtpDataEncoder {
public:
    QByteArray encode(QByteArrayView chunk);
    QByteArray finish();
    qint64 bareLineEndings() const { return m_bareLineEndings; } // bare CR or LF turned into CRLF

private:
    bool m_atLineStart = true;
    bool m_pendingCr = false;
    qint64 m_bareLineEndings = 0;
};

} // namespace tegami
