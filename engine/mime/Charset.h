#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tegami {

// Text in a named charset (a MIME charset parameter, an RFC 2047 word's charset) to Unicode.
//
// Qt 6.4's QStringDecoder knows only UTF-8/16/32 and Latin-1, and mail in Japan is still
// mostly ISO-2022-JP, Shift_JIS and EUC-JP, so legacy charsets go through iconv: glibc's
// on Linux (always present, no new dependency, and it covers every charset seen in mail,
// including the Microsoft variants CP932 / EUC-JP-MS that Japanese mailers really send).
// TODO(tegami): a Windows build needs GNU libiconv behind the same interface.
//
// Bytes that are invalid in the charset become U+FFFD; decoding never fails half-way.
// Returns nullopt only when the charset is unknown (the caller decides the fallback).
std::optional<QString> decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// decodeCharset(), and for an unknown or empty charset the bytes as UTF-8 when they are
// valid UTF-8, else as Latin-1 (so no byte is lost and nothing fails).
QString decodeCharsetOrRaw(QByteArrayView bytes, QByteArrayView charset);

// Undeclared 8-bit text (raw header bytes, a part without a charset): UTF-8 when valid,
// else Latin-1.
QString decodeUndeclared(QByteArrayView bytes);

// Whether decodeCharset() knows `charset`.
bool isKnownCharset(QByteArrayView charset);

} // namespace tegami
