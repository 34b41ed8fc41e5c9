#pragma once

#include "smtp/SmtpContentScanner.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tegami {

// One SMTP command line: "MAIL FROM:<a@b> SIZE=10" is {"MAIL", "FROM:<a@b> SIZE=10"}. The
// verb is upper-cased ASCII; args are the raw bytes after the first space.
struct SmtpCommand {
    QByteArray verb;
    QByteArray args;
};

enum class SmtpParseError {
    None,
    LineTooLong, // the line is skipped up to its line end; parsing goes on
    EmptyLine,
    BadVerb, // not ASCII letters: binary garbage or a non-ASCII command
};

// What SmtpParser::next() found.
struct SmtpParseItem {
    enum class Kind {
        NeedMore,
        Command,
        RawLine, // a SASL response (after expectRawLine)
        Error,
        Content, // message text (DATA or a BDAT chunk), dot-unstuffed
        ChunkEnd, // a BDAT chunk that is not the last one was read completely
        ContentEnd, // DATA ended with CRLF.CRLF, or the last BDAT chunk was read
    };
    Kind kind = Kind::NeedMore;
    SmtpCommand command; // Command
    QByteArray line; // Command, RawLine, Error other than LineTooLong: the line without its line ending
    bool bareLf = false; // Command, RawLine: the line ended in LF without CR
    SmtpParseError error = SmtpParseError::None; // Error
    QString errorText; // Error: what the log and the client are told
    QByteArray content; // Content
    SmtpContentReport report; // ChunkEnd (so far), ContentEnd (the whole message)
};

// The SMTP input reader: pure and incremental, so bytes can arrive in any split (the tests
// feed one byte at a time) and the items are the same. Three modes:
//
// - Commands: lines ending in CRLF (a bare LF is accepted and reported). A line longer
//   than the limit is reported as soon as the bytes prove it and then skipped up to its
//   line end, so the session stays in step; an unterminated line is never kept beyond the
//   limit. Commands are taken one at a time, so the session can switch mode between two
//   lines of the same input (a SASL response, DATA, BDAT).
// - DATA (beginData, after the 354 reply): message text streams out as Content items, as
//   much as has arrived, never buffered whole; only CRLF.CRLF ends it (see
//   SmtpContentScanner); then ContentEnd and back to commands.
// - BDAT (beginChunk): exactly `size` bytes of message text, no dots; ChunkEnd after each
//   chunk, ContentEnd after the last.
class SmtpParser {
public:
    enum class Mode { Commands, Data, Chunk };

    explicit SmtpParser(qsizetype maxLineBytes = 2048);

    void setMaxLineBytes(qsizetype maxLineBytes) { m_maxLine = maxLineBytes; }
    qsizetype maxLineBytes() const { return m_maxLine; }

    void feed(QByteArrayView data);
    SmtpParseItem next();

    // The next line (only) is returned as Kind::RawLine, up to `maxRawBytes`.
    void expectRawLine(qsizetype maxRawBytes);
    bool expectingRawLine() const { return m_rawLimit > 0; }

    void beginData(const SmtpContentOptions& options);
    // The first chunk of a BDAT message resets the counts; later chunks continue them (a
    // CR at the end of one chunk and an LF at the start of the next are one CRLF).
    void beginChunk(qint64 size, bool last, bool firstOfMessage, const SmtpContentOptions& options);

    Mode mode() const { return m_mode; }
    // Drops everything buffered (STARTTLS: what the client sent before the handshake must
    // not be read as if it came over TLS). Returns how many bytes were dropped.
    qsizetype discardBuffered();
    qsizetype buffered() const { return m_buffer.size() - m_pos; }

private:
    SmtpParseItem nextCommand();
    SmtpParseItem nextContent();
    SmtpParseItem fail(SmtpParseError error, QString text);
    SmtpParseItem parseCommand(QByteArrayView line);
    qsizetype currentLimit() const { return m_rawLimit > 0 ? m_rawLimit : m_maxLine; }
    void consume(qsizetype n);

    QByteArray m_buffer;
    qsizetype m_pos = 0; // first byte not yet taken
    qsizetype m_maxLine;
    qsizetype m_rawLimit = 0; // > 0: the next line is raw
    bool m_skipping = false; // the rest of an over-long line is dropped up to its LF
    Mode m_mode = Mode::Commands;
    SmtpContentScanner m_scanner;
    qint64 m_chunkLeft = 0;
    bool m_chunkLast = false;
    bool m_endPending = false; // the text ended; its last Content item went out, the end item is next
};

} // namespace tegami
