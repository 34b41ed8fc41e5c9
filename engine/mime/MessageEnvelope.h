#pragma once

#include "mime/Address.h"
#include "mime/Header.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace tegami {

// The fields of an IMAP ENVELOPE (RFC 3501 section 7.4.2) read from a message header.
// Strings are the unfolded raw values (no encoded-word decoding, as IMAP requires).
struct MessageEnvelope {
    std::optional<QByteArray> date;
    std::optional<QByteArray> subject;
    QList<ImapAddress> from;
    QList<ImapAddress> sender; // as written; imapEnvelope() falls back to From
    QList<ImapAddress> replyTo; // as written; imapEnvelope() falls back to From
    QList<ImapAddress> to;
    QList<ImapAddress> cc;
    QList<ImapAddress> bcc;
    std::optional<QByteArray> inReplyTo;
    std::optional<QByteArray> messageId;
};

// When a field occurs more than once, as in Dovecot: the last Date, Subject, In-Reply-To
// and Message-ID count, and the addresses of every From (To, Cc...) field are joined.
MessageEnvelope readEnvelope(const Header& header);

} // namespace tegami
