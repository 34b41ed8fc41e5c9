#pragma once

#include <QByteArray>

namespace tegami {

// Stored messages use CRLF line endings, which is what IMAP and POP3 send, so a FETCH or
// RETR streams the file unchanged. Maildir and mbox on disk use LF.

// Bare LF becomes CRLF; existing CRLF and lone CR are kept. Returns `data` itself (shared,
// no copy) when there is nothing to change.
QByteArray toCrlf(const QByteArray& data);

// What the store keeps: toCrlf(), and a final CRLF when the last line lacks one. POP3 must
// end a message with CRLF before its terminating dot, so a message stored without one would
// be sent two octets longer than its size; IMAP then reports the same size POP3 sends.
QByteArray toStoredForm(const QByteArray& data);

// CRLF becomes LF; lone CR and bare LF are kept.
QByteArray toLf(const QByteArray& data);

// Whether `data` has an LF not preceded by CR. `previousWasCr` carries the state across
// chunks of one stream (set it to false before the first chunk).
bool hasBareLf(const char* data, qsizetype size, bool* previousWasCr);

} // namespace tegami
