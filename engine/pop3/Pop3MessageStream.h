#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QIODevice>

#include <memory>
#include <optional>

namespace tegami {

// The multi-line body of a RETR or TOP reply, made from a stored message a chunk at a
// time so a 30 MB message never sits in memory whole: lines starting with "." get a
// second "." (RFC 1939 byte-stuffing), a last line without a line ending gets CRLF, and
// ".\r\n" ends it. For TOP only the headers, the blank line and the first `bodyLines`
// lines of the body are sent (a message without a body is sent whole).
class Pop3MessageStream {
public:
    // bodyLines: nullopt for RETR (everything), n >= 0 for TOP.
    Pop3MessageStream(std::unique_ptr<QIODevice> device, std::optional<qint64> bodyLines);

    // The next piece of the reply, at most about `maxMessageBytes` of the message (plus
    // stuffing); empty once atEnd(). An Error when the device cannot be read: the reply is
    // then cut short and the caller must close the connection (the client sees no end).
    Result<QByteArray> nextChunk(qint64 maxMessageBytes);
    bool atEnd() const { return m_finished; }
    // The reply held every line of the message: always for RETR; for a TOP whose line count
    // reached past the end (fetchmail downloads with `TOP n 99999999`).
    bool sentWholeMessage() const { return m_finished && !m_truncated; }

    // The whole reply body at once, for small messages and tests.
    static Result<QByteArray> render(const QByteArray& message, std::optional<qint64> bodyLines);

private:
    void take(const char* data, qint64 size, QByteArray& out);
    void finish(QByteArray& out);

    std::unique_ptr<QIODevice> m_device;
    std::optional<qint64> m_bodyLinesLeft;
    bool m_inBody = false;
    bool m_atLineStart = true;
    qint64 m_lineLength = 0; // bytes of the current line other than CR
    bool m_limitReached = false;
    bool m_truncated = false; // TOP stopped before the end of the message
    bool m_finished = false;
};

} // namespace tegami
