#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace tegami {

// One header field as it stands in the message: offsets, so nothing is copied and the
// raw bytes (folding, line endings) can be served as they are.
struct HeaderField {
    QByteArray name; // as written, without trailing whitespace
    qsizetype offset = 0; // first byte of the field name, within the message
    qsizetype valueOffset = 0; // first byte after the colon
    qsizetype end = 0; // just after the field's last line break (or the header's end)
};

// The header section of a message or MIME part: RFC 5322 fields up to the first empty
// line. Tolerant: lines without a colon are skipped, bare LF ends lines as CRLF does, a
// header with no empty line ends where the part ends. Linear in its size (a header of
// 100,000 lines parses in one pass); lookups are case-insensitive and linear.
class Header {
public:
    Header() = default;

    // The header starting at `start` in `message`, ending at the first empty line or at
    // `end` (-1: the end of the message), whichever comes first.
    static Header parse(const QByteArray& message, qsizetype start = 0, qsizetype end = -1);

    const QByteArray& message() const { return m_message; }
    qsizetype start() const { return m_start; }
    // Where the body starts: after the empty line that ends the header (which is part of
    // the header, as IMAP's BODY[HEADER] and BODY[n.MIME] include it).
    qsizetype bodyOffset() const { return m_bodyOffset; }
    // Whether an empty line ended the header (false: the part ended inside the header).
    bool hasEmptyLine() const { return m_emptyLine; }
    const QList<HeaderField>& fields() const { return m_fields; }

    // The first field called `name` (case-insensitive), or null.
    const HeaderField* field(QByteArrayView name) const;
    bool contains(QByteArrayView name) const { return field(name) != nullptr; }

    // A field's value as IMAP and MIME parsing see it: line breaks removed (unfolded, the
    // whitespace after them kept), whitespace right after the colon skipped, NUL bytes
    // replaced by U+FFFD. Empty when
    // the field is absent (field() tells absent from empty).
    QByteArray value(QByteArrayView name) const;
    QByteArray value(const HeaderField& field) const;
    // Every value of `name`, in order.
    QList<QByteArray> values(QByteArrayView name) const;
    // The field's bytes exactly as in the message, name and line breaks included.
    QByteArrayView raw(const HeaderField& field) const;

private:
    QByteArray m_message;
    qsizetype m_start = 0;
    qsizetype m_bodyOffset = 0;
    bool m_emptyLine = false;
    QList<HeaderField> m_fields;
};

// The byte offset of the next line start at or after `pos` (just after a LF), or `end`.
qsizetype nextLine(QByteArrayView data, qsizetype pos, qsizetype end);

} // namespace tegami
