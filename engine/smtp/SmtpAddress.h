#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "queue/Envelope.h"

namespace tegami {

// A reply as the session sends it: "<code> <status> <text>". Pure functions return one to
// say what is wrong; the session adds the counting, logging and tarpit.
struct SmtpReply {
    int code = 250;
    QByteArray status; // RFC 3463 enhanced status code, "5.1.3"
    QByteArray text;

    bool isError() const { return code >= 400; }
    QByteArray line() const { return QByteArray::number(code) + ' ' + status + ' ' + text; }
    bool operator==(const SmtpReply&) const = default;
};

// "FROM:<path> params" (MAIL) or "TO:<path> params" (RCPT), split. RFC 5321 wants no space
// after the colon; common clients send one, so spaces there are accepted.
struct SmtpPathArgument {
    QByteArray path; // between the angle brackets, as sent; empty for "<>"
    QByteArray parameters; // the rest, after the closing '>'
    std::optional<SmtpReply> error;
};
// `keyword` is "FROM" or "TO"; `errorStatus` is 5.1.7 (sender) or 5.1.3 (recipient).
SmtpPathArgument splitPathArgument(QByteArrayView args, QByteArrayView keyword, QByteArrayView errorStatus);

// The relay tricks an address may hide (RFC 5321 source routes, the percent hack, bang
// paths, quoted local parts, a second '@', address literals), named for the reply and the
// log, or nullopt when the address uses none. parseAddress() refuses all of them too; this
// says which one it was, so a relay attempt is recognisable in the log.
std::optional<QString> relayTrick(QStringView path);

// True when the text needs SMTPUTF8 to travel (any byte outside ASCII).
bool needsSmtpUtf8(QByteArrayView path);

// One "KEYWORD[=value]" of MAIL or RCPT.
struct SmtpParameter {
    QByteArray keyword; // upper case
    QByteArray value;
    bool hasValue = false;
};
struct SmtpParameterList {
    QList<SmtpParameter> parameters;
    std::optional<SmtpReply> error;
};
// Splits and checks the syntax (RFC 5321 esmtp-param); a keyword given twice is an error.
SmtpParameterList splitParameters(QByteArrayView text);

// MAIL FROM parameters this server honours: SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8
// (RFC 6531), RET and ENVID (RFC 3461), AUTH (RFC 4954; accepted and ignored).
struct MailParameters {
    std::optional<qint64> size;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    DsnRet ret = DsnRet::Default;
    QString envId;
    std::optional<SmtpReply> error;
};
MailParameters parseMailParameters(QByteArrayView text);

// RCPT TO parameters: NOTIFY and ORCPT (RFC 3461).
struct RcptParameters {
    int notify = 0; // DsnNotifyBits; 0 = not given
    QString orcpt; // "rfc822;bob@example.net", decoded; empty when not given
    std::optional<SmtpReply> error;
};
RcptParameters parseRcptParameters(QByteArrayView text);

// RFC 3461 xtext: "+XX" (upper-case hex) stands for a byte; other characters are printable
// ASCII except '+' and '='. Nullopt when malformed.
std::optional<QByteArray> decodeXtext(QByteArrayView text);

// Whether `address` ("192.0.2.7", "::ffff:192.0.2.7", "2001:db8::1") lies in one of the
// networks ("192.0.2.0/24"). An IPv4-mapped IPv6 address matches IPv4 networks.
bool addressInNetworks(const QString& address, const QStringList& networks);

// The form both POP-before-SMTP and the trust check use: an IPv4-mapped IPv6 address as
// plain IPv4, everything else as QHostAddress writes it.
QString canonicalRemoteAddress(const QString& address);

} // namespace tegami
