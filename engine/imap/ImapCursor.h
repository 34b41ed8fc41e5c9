#pragma once

#include "imap/ImapCommandReader.h"
#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace tegami {

// Walks the arguments of one complete command (ImapRawCommand) by the RFC 3501 grammar:
// each reader takes one production or records why not (the first error is kept; later
// reads after an error fail too) and returns nullopt. `what` names the expected thing in
// the error ("expected a mailbox name"), so the session can answer "TAG BAD <error>".
//
// A literal sits where its line ended, so a string can be a literal wherever the grammar
// allows one; literal8 only where binary() says so.
class ImapCursor {
public:
    explicit ImapCursor(const ImapRawCommand& command);

    // ----- position ----------------------------------------------------------------------
    bool atEnd() const; // every byte and literal taken
    bool atLiteral() const; // the current line is used up and a literal follows
    char peek() const; // the next byte of the current line; '\0' at the end of a line
    bool consume(char c); // takes `c` if it is next
    // Takes `word` (case-insensitive) if it is next and not followed by more atom bytes.
    bool consumeKeyword(QByteArrayView word);
    QByteArrayView takeWhile(bool (*predicate)(char));

    bool expect(char c, const char* what); // "expected <what>"
    bool space(const char* before); // one SP: "expected a space before <before>"
    bool end(); // nothing may follow: "unexpected text after the arguments"

    // ----- productions -------------------------------------------------------------------
    std::optional<QByteArray> atom(const char* what); // 1*ATOM-CHAR
    std::optional<QByteArray> quoted(const char* what);
    std::optional<QByteArray> string(const char* what); // quoted / literal
    std::optional<QByteArray> astring(const char* what); // 1*ASTRING-CHAR / string
    // NIL or a string; the outer nullopt is a syntax error.
    std::optional<std::optional<QByteArray>> nstring(const char* what);
    // A literal8 (~{n}) or an ordinary literal; `binary` says which.
    std::optional<QByteArray> literal(const char* what, bool* binary);
    std::optional<quint32> number(const char* what); // 0..4294967295
    std::optional<quint32> nzNumber(const char* what); // 1..4294967295
    std::optional<quint64> modSequence(const char* what, bool allowZero); // up to 2^63-1
    std::optional<ImapSequenceSet> sequenceSet(const char* what);
    std::optional<QString> mailbox(const char* what); // astring, modified UTF-7 decoded
    std::optional<QString> listMailbox(const char* what); // list-mailbox (wildcards kept)
    std::optional<QByteArray> flag(const char* what); // "\Seen", "$Forwarded"
    // "(" [flag *(SP flag)] ")"; with `parensOptional` also flag *(SP flag) (STORE).
    std::optional<QStringList> flagList(const char* what, bool parensOptional);
    std::optional<QDate> date(const char* what); // date-text, quoted or not
    std::optional<QDateTime> dateTime(const char* what); // quoted date-time

    // ----- errors ------------------------------------------------------------------------
    bool failed() const { return !m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool fail(const QString& message); // keeps the first error; returns false
    bool expected(const char* what); // fail("expected <what>")

    static bool isAtomChar(char c);
    static bool isAstringChar(char c); // ATOM-CHAR / "]" / 8-bit (user names sent raw)

private:
    const QByteArray& line() const { return m_command.lines[m_line]; }

    const ImapRawCommand& m_command;
    qsizetype m_line = 0;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace tegami
