#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tegami {

// Modified UTF-7 (RFC 3501 5.1.3), the encoding of mailbox names on the wire: printable
// ASCII stands for itself except "&", which is "&-"; anything else is "&" + modified
// BASE64 (",", not "/") of UTF-16BE + "-". "&ZeVnLIqe-" is 日本語.
QByteArray encodeMailboxUtf7(const QString& name);

// Nullopt when `wire` is not valid modified UTF-7: 8-bit or control bytes, an unterminated
// or malformed "&...-" run, bits left over, broken surrogates, or a run that encodes
// printable ASCII (which must stand for itself, so each name has one spelling).
std::optional<QString> decodeMailboxUtf7(QByteArrayView wire);

// A mailbox argument as the store spells it: decoded, and "INBOX" in any case is "INBOX"
// (RFC 3501 5.1: INBOX is case-insensitive; other names are case-sensitive).
std::optional<QString> decodeMailboxName(QByteArrayView wire);

} // namespace tegami
