#pragma once

#include "mime/MimePart.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tegami {

// Content-Transfer-Encoding undone: base64 and quoted-printable decoded (leniently: junk
// is skipped, a broken escape kept), anything else (7bit, 8bit, binary, unknown) as is.
QByteArray decodeTransferEncoding(QByteArrayView body, QByteArrayView encoding);
QByteArray decodeQuotedPrintable(QByteArrayView body);

// The text of one part, for SEARCH BODY: transfer encoding undone, then the charset
// parameter applied (unknown charsets keep the bytes readable). Empty for a container.
QString partText(const QByteArray& message, const MimePart& part);

// The text of every text/* part of the message (those of embedded messages included),
// joined by newlines: what SEARCH BODY looks in. Stops collecting after `maxChars`
// characters so a huge message costs bounded memory.
// TODO(tegami): text/html is searched with its tags and entities as written.
QString messageBodyText(const QByteArray& message, const MimePart& root, qsizetype maxChars = 16 * 1024 * 1024);

// A header with every value unfolded and RFC 2047-decoded, one "Name: value" per line:
// what SEARCH TEXT looks in besides the body, and SEARCH HEADER/SUBJECT/FROM per field.
QString decodedHeaderText(const Header& header);

} // namespace tegami
