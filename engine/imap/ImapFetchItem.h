#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace tegami {

// A BODY[...] section (RFC 3501 6.4.5): part numbers ("1.2"), then what of that part.
struct ImapSection {
    enum class Text {
        Full, // BODY[] or BODY[1.2]: the whole message or part
        Header, // BODY[HEADER], BODY[1.2.HEADER] (of an embedded message/rfc822)
        HeaderFields, // BODY[HEADER.FIELDS (From To)]
        HeaderFieldsNot, // BODY[HEADER.FIELDS.NOT (Received)]
        Body, // BODY[TEXT]
        Mime, // BODY[1.MIME]: the part's MIME header (only after part numbers)
    };
    QList<quint32> parts; // empty: the message itself
    Text text = Text::Full;
    QList<QByteArray> fields; // HeaderFields, HeaderFieldsNot: as the client spelt them

    bool operator==(const ImapSection&) const = default;
    QByteArray toString() const; // "1.2.HEADER.FIELDS (From To)": what goes between [ and ]
};

// One FETCH data item (RFC 3501 6.4.5, RFC 7162 MODSEQ). The macros ALL, FAST and FULL are
// expanded by the parser.
struct ImapFetchItem {
    enum class Type {
        Flags,
        InternalDate,
        Rfc822Size,
        Envelope,
        Body, // BODY without a section: the BODYSTRUCTURE without extension data
        BodyStructure,
        Uid,
        ModSeq,
        Rfc822, // = BODY[] but answered as RFC822; sets \Seen
        Rfc822Header, // = BODY.PEEK[HEADER], answered as RFC822.HEADER
        Rfc822Text, // = BODY[TEXT], answered as RFC822.TEXT; sets \Seen
        BodySection, // BODY[section]<partial> and BODY.PEEK[...]
    };
    Type type = Type::Flags;
    ImapSection section; // BodySection
    bool peek = false; // BODY.PEEK: do not set \Seen
    std::optional<quint32> partialOffset; // BodySection: <offset.length>
    quint32 partialLength = 0;

    bool operator==(const ImapFetchItem&) const = default;

    // The item's name in the FETCH response: "FLAGS", "BODY[HEADER.FIELDS (From To)]<0>"
    // (no PEEK, only the offset of a partial, RFC 3501 7.4.2).
    QByteArray responseName() const;
    // Whether fetching it sets \Seen (on a mailbox opened read-write).
    bool setsSeen() const;
};

} // namespace tegami
