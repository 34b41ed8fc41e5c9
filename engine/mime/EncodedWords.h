#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tegami {

// RFC 2047 encoded words ("=?charset*lang?B|Q?text?=") in an unstructured header value
// (Subject, a display name) to Unicode, for SEARCH and for display.
//
// - Line breaks of folded values are removed (unfolding keeps the whitespace after them).
// - Whitespace between two adjacent encoded words is dropped (RFC 2047 section 6.2); the
//   bytes of adjacent words in the same charset are joined before charset decoding, so a
//   multibyte character (or an ISO-2022-JP escape sequence) split across words survives.
// - Encoded words glued to other text are accepted, as most mail readers do.
// - Text outside encoded words that is not ASCII is taken as UTF-8 when valid, else Latin-1.
// - An unknown charset keeps the decoded bytes readable (UTF-8 or Latin-1), never fails.
QString decodeEncodedWords(QByteArrayView value);

// The B and Q transfer decodings of RFC 2047 (Q: "_" is a space). Lenient: junk in base64
// is skipped, a stray "=" in Q is kept.
QByteArray decodeBase64Lenient(QByteArrayView text);
QByteArray decodeQEncoding(QByteArrayView text);

// An RFC 2231 extended parameter value "charset'language'percent-encoded" to Unicode.
// A value without the two quotes is decoded from percent-encoding as US-ASCII/UTF-8.
QString decodeRfc2231Value(QByteArrayView value);

} // namespace tegami
