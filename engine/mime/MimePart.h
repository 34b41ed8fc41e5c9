#pragma once

#include "mime/Header.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <vector>

namespace tegami {

// A MIME parameter (Content-Type, Content-Disposition) as IMAP reports it: RFC 2231
// continuations are joined ("filename*0*", "filename*1*" -> "filename*" with the joined
// "charset'lang'%xx" value), quoting removed, the name's case kept as written.
struct MimeParam {
    QByteArray name;
    QByteArray value;
    bool operator==(const MimeParam&) const = default;
};

// A parameter list with case-insensitive lookup.
struct MimeParams {
    QList<MimeParam> items;

    // The value of `name` (case-insensitive), or nullopt.
    std::optional<QByteArray> value(QByteArrayView name) const;
    // The parameter as text: RFC 2231 ("name*", charset and percent-encoding) when present,
    // else the plain value with any RFC 2047 encoded words decoded (what many mailers write
    // in attachment names despite the RFC). Null when absent.
    QString decoded(QByteArrayView name) const;
};

// Limits that keep parsing bounded on hostile input.
struct MimeLimits {
    int maxDepth = 100; // parts nested deeper are kept whole, as opaque bodies
    int maxParts = 10000; // after this many parts, containers are kept whole
    qsizetype maxBoundary = 256; // a longer boundary parameter is ignored (RFC 2046: 70)
};

// One node of a message's MIME tree. Offsets are into the whole message, so IMAP serves
// BODY[1.2], BODY[1.2.MIME], BODY[1.2.HEADER] and BODY[1.2.TEXT] by slicing.
//
// The root is the message itself. A multipart's children are its body parts; a
// message/rfc822 part has exactly one child: the embedded message (whose header is the
// embedded header, and whose children are its own parts). Header values are raw (IMAP
// sends them as they are); a header that is absent is nullopt.
struct MimePart {
    // Content-Type as written; nullopt when there is none or it is unusable (the defaults
    // apply: text/plain, or message/rfc822 inside multipart/digest).
    std::optional<QByteArray> type;
    std::optional<QByteArray> subtype; // nullopt when Content-Type had no "/subtype"
    MimeParams params;
    std::optional<QByteArray> id; // Content-ID
    std::optional<QByteArray> description; // Content-Description
    std::optional<QByteArray> encoding; // Content-Transfer-Encoding token
    std::optional<QByteArray> md5; // Content-MD5
    std::optional<QByteArray> disposition; // Content-Disposition token
    MimeParams dispositionParams;
    QList<QByteArray> language; // Content-Language tags
    std::optional<QByteArray> location; // Content-Location

    qsizetype headerOffset = 0; // where this part's header starts
    qsizetype bodyOffset = 0; // where its body starts (after the header's empty line)
    qsizetype bodyEnd = 0; // where its body ends (before the CRLF of the next boundary)
    qint64 bodySize = 0; // octets of the body as served with CRLF line ends
    qint64 bodyLines = 0; // lines of the body

    int depth = 0; // the root is 0
    bool defaultRfc822 = false; // a part of multipart/digest without Content-Type
    bool opaque = false; // a container not parsed (depth or part limit): a plain body
    std::vector<MimePart> children;

    // The content type in lower case, defaults applied ("text", "plain", ...).
    QByteArray effectiveType() const;
    QByteArray effectiveSubtype() const;
    bool isMultipart() const { return !opaque && effectiveType() == "multipart"; }
    // message/rfc822 with its embedded message parsed.
    bool isMessage() const;
    bool isText() const { return effectiveType() == "text"; }
    // The charset parameter, or us-ascii for text without one.
    QByteArray charset() const;

    qsizetype bodyLength() const { return bodyEnd - bodyOffset; }
};

// Parses the MIME structure of a whole message. Never fails: broken MIME gives the
// structure a tolerant reader would see (a missing boundary or one never used makes a
// multipart without parts, a missing close delimiter ends parts at the end of the
// message, boundaries match as prefixes of lines as Dovecot does).
MimePart parseMimeMessage(const QByteArray& message, const MimeLimits& limits = {});

// The content fields of `part` from `header` (Content-Type and the others). Exposed for
// tests; parseMimeMessage() calls it for every part.
void readContentFields(const Header& header, MimePart* part);

// A Content-Type / Content-Disposition style parameter list starting at `pos` in `value`
// (after the type). Continuations are joined as IMAP reports them.
MimeParams parseMimeParams(QByteArrayView value, qsizetype pos = 0);

} // namespace tegami
