#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tegami {

// One POP3 command line: "RETR 1" is {"RETR", "1"}. The verb is upper-cased ASCII; args
// are the raw bytes after the first space (PASS keeps spaces inside a password).
struct Pop3Command {
    QByteArray verb;
    QByteArray args;
};

enum class Pop3ParseError {
    None,
    LineTooLong, // fatal: the session answers and closes; nothing after it is read
    EmptyLine, // the line is consumed; parsing goes on
    BadVerb, // not ASCII letters: binary garbage or a non-ASCII command; the line is consumed
};

// What Pop3Parser::next() found.
struct Pop3ParseItem {
    enum class Kind { NeedMore, Command, RawLine, Error };
    Kind kind = Kind::NeedMore;
    Pop3Command command; // Kind::Command
    QByteArray line; // the line without its line ending (all kinds but NeedMore and LineTooLong)
    Pop3ParseError error = Pop3ParseError::None; // Kind::Error
    QString errorText; // Kind::Error: what the log and the client are told
};

// The POP3 command reader: pure and incremental, so bytes can arrive in any split (the
// tests feed one byte at a time) and the result is the same.
//
// Lines end in CRLF or a bare LF. A line longer than the limit (without its line ending)
// is a LineTooLong error, reported as soon as the bytes seen prove it, not after
// buffering the rest: an unterminated line is kept only up to the limit, so memory is
// bounded whatever the peer sends. Complete lines are kept until next() takes them, so
// the caller bounds those by reading only as fast as it handles commands.
//
// Commands are taken one at a time, so the session can switch to raw-line mode for a
// SASL continuation between two lines of the same input.
class Pop3Parser {
public:
    explicit Pop3Parser(qsizetype maxLineBytes = 512);

    void setMaxLineBytes(qsizetype maxLineBytes) { m_maxLine = maxLineBytes; }
    qsizetype maxLineBytes() const { return m_maxLine; }

    void feed(QByteArrayView data);
    Pop3ParseItem next();

    // The next line (only) is returned as Kind::RawLine, up to `maxRawBytes`: a SASL
    // response may be longer than a command and is not a command.
    void expectRawLine(qsizetype maxRawBytes);
    bool expectingRawLine() const { return m_rawLimit > 0; }

    // Drops everything buffered (STLS: what the client sent before the handshake must
    // not be read as if it came over TLS). Returns how many bytes were dropped.
    qsizetype discardBuffered();
    qsizetype buffered() const { return m_buffer.size() - m_pos; }
    bool failed() const { return m_failed; }

private:
    Pop3ParseItem fail(Pop3ParseError error, QString text);
    Pop3ParseItem parseCommand(QByteArrayView line);
    qsizetype currentLimit() const { return m_rawLimit > 0 ? m_rawLimit : m_maxLine; }
    bool tailTooLong(qsizetype tailStart) const;

    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of the first line not yet returned
    qsizetype m_maxLine;
    qsizetype m_rawLimit = 0; // > 0: the next line is raw
    bool m_failed = false; // sticky after LineTooLong
};

} // namespace tegami
