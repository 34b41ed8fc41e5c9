#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace tegami {

// What the client sent as one message's text, counted while it streams through.
struct SmtpContentReport {
    qint64 bytes = 0; // content bytes produced: dot-unstuffed and, when normalising, with CRLF line endings
    qint64 wireBytes = 0; // bytes read for the message, including dot-stuffing and the end-of-data line
    qint64 bareLf = 0; // LF not preceded by CR
    qint64 bareCr = 0; // CR not followed by LF
    qint64 longLines = 0; // lines longer than the limit (without their line ending)
    qint64 longestLine = 0;

    bool hasBareLineEndings() const { return bareLf > 0 || bareCr > 0; }
    bool operator==(const SmtpContentReport&) const = default;
};

struct SmtpContentOptions {
    qint64 maxLineBytes = 10000; // longer lines are counted in longLines (the text stays as it is)
    bool normalizeBareLineEndings = false; // bare CR and bare LF become CRLF in the output
};

// The byte-level reader of message text (DATA and BDAT), pure and incremental: feed any
// split of the input and the output and report are the same.
//
// DATA (dotStuffed): a line start is the start of the text or the position right after
// CRLF — never after a bare CR or LF. Only "." CRLF at a line start ends the text, so
// `\n.\n`, `\r\n.\n`, `\n.\r\n` and `\r.\r\n` are message text, not an end (SMTP smuggling,
// CVE-2023-51764). Any other "." at a line start is a stuffing dot and removed (RFC 5321
// 4.5.2). The CRLF before the final "." belongs to the text.
//
// BDAT (not dotStuffed): no dots, no end marker; the caller counts the bytes.
//
// Both count bare CR and LF (which the session refuses, or normalises to CRLF) and lines
// over the limit. A CR at the end of the input is held back until the next byte says
// whether it starts a CRLF; finish() settles it at the end of a BDAT message.
class SmtpContentScanner {
public:
    void reset(const SmtpContentOptions& options, bool dotStuffed);

    // Reads from `in` until it is used up or the end of DATA was read (then *ended is set
    // and the bytes after the end-of-data line are not consumed). Appends the message text
    // to `out`; returns how many bytes of `in` were consumed.
    qsizetype scan(QByteArrayView in, QByteArray& out, bool* ended);
    // BDAT LAST: a CR held back is a bare CR.
    void finish(QByteArray& out);

    const SmtpContentReport& report() const { return m_report; }

private:
    enum class State {
        LineStart, // after CRLF (DATA: a '.' here is special)
        Dot, // DATA: a '.' at a line start
        DotCr, // DATA: ".\r" at a line start: LF ends the text
        Text, // inside a line
        Cr, // a CR whose LF may follow
    };

    void emit(QByteArray& out, QByteArrayView bytes);
    void lineEnd(QByteArray& out, bool bareCr, bool bareLf);
    void textByte(char c, QByteArray& out);
    void addLineBytes(qint64 n);

    SmtpContentOptions m_options;
    bool m_dotStuffed = true;
    State m_state = State::LineStart;
    qint64 m_lineBytes = 0;
    SmtpContentReport m_report;
};

} // namespace tegami
