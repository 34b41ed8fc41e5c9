#pragma once

#include "mime/MessageEnvelope.h"
#include "mime/MimePart.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tegami {

// RFC 3501 syntax for what the MIME parser found, byte for byte as Dovecot 2.3 writes it
// (the reference the golden tests in tests/data/mime were taken from): header values
// keep their case, defaults are lower case ("text" "plain" ("charset" "us-ascii") ...
// "7bit"), sizes count CRLF line ends.

// An IMAP string: a quoted string when it can be one (no CR, LF, NUL or 8-bit byte and at
// most four characters to escape), else a literal "{n}\r\n...". NUL becomes 0x80, since
// IMAP strings cannot hold NUL.
void appendImapString(QByteArray& out, QByteArrayView value);
// appendImapString(), or NIL.
void appendImapNString(QByteArray& out, const std::optional<QByteArray>& value);
// A string meant for people (a subject, a display name): line breaks removed, runs of
// spaces and tabs made one space, leading and trailing ones dropped. Written as a quoted
// string when nothing had to change and nothing needs escaping, else as a literal.
void appendImapHumanString(QByteArray& out, QByteArrayView value);

// "(date subject (from) (sender) (reply-to) (to) (cc) (bcc) in-reply-to message-id)".
// Sender and Reply-To default to From when absent; an empty address list is NIL.
QByteArray imapEnvelope(const MessageEnvelope& envelope);
// The envelope of the message (or embedded message) whose header starts `part`.
QByteArray imapEnvelope(const QByteArray& message, const MimePart& part);

// BODYSTRUCTURE (extensible = true) or BODY (false) of `root` as parsed from `message`
// (RFC 3501 section 7.4.2), with the enclosing parentheses.
QByteArray imapBodyStructure(const QByteArray& message, const MimePart& root, bool extensible);

} // namespace tegami
