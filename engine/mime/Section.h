#pragma once

#include "mime/MimePart.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace tegami {

// An IMAP section-spec (RFC 3501 section 6.4.5): "", "1.2", "1.2.MIME", "HEADER",
// "1.2.TEXT", "HEADER.FIELDS (From To)", "3.HEADER.FIELDS.NOT (Received)".
struct SectionSpec {
    enum class Kind { Whole, Header, HeaderFields, HeaderFieldsNot, Text, Mime };
    QList<int> part; // empty: the message itself
    Kind kind = Kind::Whole;
    QList<QByteArray> fields; // for HeaderFields / HeaderFieldsNot
};

// Parses what stands between the brackets of BODY[...]. Case-insensitive; field names
// are atoms or strings. nullopt for a malformed spec (the caller answers BAD).
std::optional<SectionSpec> parseSectionSpec(QByteArrayView text);

struct ByteRange {
    qsizetype offset = 0;
    qsizetype length = 0;
    bool operator==(const ByteRange&) const = default;
};

// The node a part path names, with Dovecot's (and RFC 3501's) numbering: the parts of a
// multipart are 1..n; a message/rfc822 part's numbers apply to the embedded message's
// parts; a message that is not multipart has one part, 1, its body (so BODY[1] of a
// single-part message is its text, and BODY[1.MIME] its header). Null when there is no
// such part (the answer is then an empty string).
const MimePart* findPart(const MimePart& root, const QList<int>& path);

// The bytes `spec` names in `message` for every kind but HEADER.FIELDS(.NOT): a
// contiguous range. nullopt when the part does not exist, or HEADER/TEXT is asked of a
// part that is not a message/rfc822 (an empty string for IMAP).
std::optional<ByteRange> sectionRange(const MimePart& root, const SectionSpec& spec);

// The content of BODY[spec]: the range above, or for HEADER.FIELDS(.NOT) the matching
// (or not matching) header fields exactly as in the message, in their order, followed by
// the empty line. Empty when the section does not exist.
QByteArray sectionContent(const QByteArray& message, const MimePart& root, const SectionSpec& spec);

} // namespace tegami
