#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace tegami {

// A literal in a command: "{n}" (synchronising: the client waits for "+"), "{n+}"
// (non-synchronising, RFC 7888 LITERAL+) or "~{n}" (literal8, RFC 3516 BINARY: may hold
// NUL bytes; only APPEND takes one).
struct ImapLiteral {
    QByteArray data;
    bool binary = false;
    bool synchronizing = true;
    bool operator==(const ImapLiteral&) const = default;
};

// One complete command as it came over the wire: its lines without line endings and
// without the literal markers, and the literals between them. Line i is followed by
// literal i, so there is one line more than literals:
//   a1 LOGIN {5}CRLF alice {6+}CRLF secret CRLF
// is lines {"a1 LOGIN ", " ", ""} and literals {"alice", "secret"}.
struct ImapRawCommand {
    QList<QByteArray> lines;
    QList<ImapLiteral> literals;

    // The bytes before the first space of the first line (not checked: the parser does).
    QByteArray tag() const;
    // The command for the protocol log: the lines with "{n}" in place of each literal, so
    // message bodies and passwords sent as literals stay out of it.
    QByteArray logText() const;
    bool operator==(const ImapRawCommand&) const = default;
};

enum class ImapReadError {
    None,
    CommandTooLong, // the rest of the command is skipped; parsing goes on
    NulByte, // NUL in a line or a (non-binary) literal; the rest of the command is skipped
    LiteralTooBig, // "{n}" over the limit: refused before the client sends it; parsing goes on
    NonSyncLiteralTooBig, // fatal: "{n+}" over the limit, the bytes are already on their way
    RawLineTooLong, // a raw line (SASL response) over the limit; the line is skipped
};

// What ImapCommandReader::next() found.
struct ImapReadItem {
    enum class Kind {
        NeedMore,
        // Send response() ("+ ...") so the client sends the literal, or refuse it with
        // refuseLiteral() and a tagged NO (APPEND into a missing mailbox or over quota).
        Continuation,
        Command,
        RawLine, // after expectRawLine(): the line without its line ending
        Error, // send response(); when `fatal`, then close the connection (with BYE)
    };
    Kind kind = Kind::NeedMore;
    // Kind::Command; Kind::Continuation: the command so far (its last line is the one
    // that announced the literal, without the marker), for an early look at APPEND.
    ImapRawCommand command;
    qint64 literalSize = 0; // Kind::Continuation: the size announced
    QByteArray line; // Kind::RawLine
    ImapReadError error = ImapReadError::None;
    QByteArray tag; // Kind::Error: the command's tag when one was read; empty: answer "*"
    QByteArray status; // Kind::Error: "BAD" or "NO"
    QByteArray code; // Kind::Error: response code without brackets ("TOOBIG"), or empty
    QString text; // Kind::Error: the human-readable part of the answer
    bool fatal = false;

    // The line to send for Continuation and Error: "+ Ready for literal data\r\n",
    // "a1 NO [TOOBIG] Literal ... \r\n", "* BAD Command ...\r\n".
    QByteArray response() const;
};

// The IMAP command reader: assembles complete commands from bytes split in any way (the
// tests feed one byte at a time and must get the same items), handling literals. It only
// finds where a command ends; ImapCommandParser gives it meaning.
//
// Bounds: the lines of one command (literal bodies not counted) hold at most
// maxCommandBytes (imap.maxCommandSize, 10,240 by default); the literals of one command at
// most maxLiteralBytes together (64 MiB by default: APPEND's message). Sessions should
// lower the literal limit before login. A line may end in CRLF or a bare LF.
//
// Refusals keep the stream in step with the client:
// - NUL bytes and over-long commands are answered BAD as soon as they are seen; the rest of
//   the command is then read and dropped: up to its line end, across any "{n+}" literals
//   (whose bytes follow anyway), and it ends at a "{n}" marker (the client waits for "+",
//   gets the BAD instead, and abandons the command).
// - "{n}" over the limit: "NO [TOOBIG]" instead of "+"; the client abandons the command.
// - "{n+}" over the limit: the client is sending n bytes we will not buffer; skipping
//   gigabytes helps nobody, so the answer is "BAD [TOOBIG]" and the connection is closed
//   (RFC 7888 leaves the server that choice; Dovecot does the same). Advertise LITERAL+
//   only with a literal limit that fits every message, or LITERAL- (4096).
// - "{4294967295}" and numbers that overflow are over any limit.
// Empty lines between commands are ignored.
//
// TODO(tegami): literal bodies are held in memory (up to the literal limit); APPEND of
// large messages should stream the literal to a spool file instead.
//
// Items are taken one at a time, so the session can switch to raw-line mode (SASL
// responses, IDLE's DONE) between two lines of the same input. Input is kept until next()
// consumes it: call next() until NeedMore after each feed().
class ImapCommandReader {
public:
    static constexpr qsizetype defaultMaxCommandBytes = 10240;
    static constexpr qint64 defaultMaxLiteralBytes = qint64(64) * 1024 * 1024;

    explicit ImapCommandReader(
        qsizetype maxCommandBytes = defaultMaxCommandBytes, qint64 maxLiteralBytes = defaultMaxLiteralBytes);

    void setMaxCommandBytes(qsizetype bytes) { m_maxCommand = bytes; }
    void setMaxLiteralBytes(qint64 bytes) { m_maxLiteral = bytes; }
    qsizetype maxCommandBytes() const { return m_maxCommand; }
    qint64 maxLiteralBytes() const { return m_maxLiteral; }

    void feed(QByteArrayView data);
    ImapReadItem next();

    // Right after a Continuation item: do not take the literal. The command is dropped and
    // reading goes on with the next one; the session answers the tag with NO instead of
    // "+", so the client abandons the command (RFC 3501 7.5).
    void refuseLiteral();

    // The next line (only) is returned as Kind::RawLine, up to maxCommandBytes.
    void expectRawLine();
    bool expectingRawLine() const { return m_phase == Phase::RawLine; }

    // Drops everything fed but not yet consumed, and any partial command (STARTTLS: what
    // the client sent before the handshake must not be read as if it came over TLS).
    // Returns how many unconsumed bytes were dropped.
    qsizetype discardBuffered();
    qsizetype buffered() const { return m_input.size() - m_inputPos; }
    // Bytes held for the command being read (lines and literals), for tests and the fuzzer.
    qint64 heldBytes() const;
    bool failed() const { return m_failed; }
    // Between commands: nothing of a next command has been read.
    bool atCommandBoundary() const;

private:
    enum class Phase { Line, Literal, RawLine };

    // Each returns true when `item` is ready.
    bool ordinaryByte(char c, ImapReadItem& item);
    bool endOfLine(ImapReadItem& item);
    bool takeLiteralBytes(ImapReadItem& item);
    ImapReadItem error(ImapReadError error, QByteArray status, QByteArray code, QString text);
    void startDiscarding();
    void resetCommand();

    QByteArray m_input;
    qsizetype m_inputPos = 0;
    qsizetype m_maxCommand;
    qint64 m_maxLiteral;

    Phase m_phase = Phase::Line;
    QList<QByteArray> m_lines;
    QList<ImapLiteral> m_literals;
    QByteArray m_line; // the current line; only its tail while discarding
    QByteArray m_tag; // set once the first line's first space is seen (if the tag is valid)
    bool m_tagSeen = false;
    qsizetype m_commandBytes = 0; // line bytes of the command so far
    qint64 m_literalBytes = 0; // literal bytes of the command so far
    qint64 m_literalLeft = 0; // Phase::Literal: bytes still to come
    bool m_inQuote = false;
    bool m_escape = false;
    bool m_pendingCr = false;
    bool m_discarding = false; // answered already: drop the rest of the command
    bool m_failed = false; // sticky after a fatal error
};

} // namespace tegami
