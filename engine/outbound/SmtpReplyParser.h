#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

// One complete SMTP reply (RFC 5321 4.2): "250-first\r\n250 last\r\n" is code 250 with
// lines {"first", "last"}. When the server uses enhanced status codes (RFC 2034/3463) and
// every line carries the same one, it is split off: "550 5.1.1 no such user" is code 550,
// enhancedCode "5.1.1", lines {"no such user"}.
struct SmtpReply {
    int code = 0;
    QString enhancedCode; // "5.1.1"; empty when the server gave none
    QStringList lines; // the text of each line (without code, separator and enhanced code)

    int codeClass() const { return code / 100; } // 2, 3, 4 or 5
    bool isPositive() const { return codeClass() == 2; }
    bool isIntermediate() const { return codeClass() == 3; }
    bool isTransient() const { return codeClass() == 4; }
    bool isPermanent() const { return codeClass() == 5; }
    QString text() const { return lines.join(QLatin1Char(' ')); } // the lines as one sentence
    // "550 5.1.1 no such user": what the log and the bounce show.
    QString summary() const;
};

enum class SmtpReplyError {
    None,
    LineTooLong, // a reply line longer than the limit
    TooManyLines, // a multi-line reply with more lines than the limit
    Malformed, // not "ddd", "ddd text" or "ddd-text", or a continuation line with another code
};

// What SmtpReplyParser::next() found.
struct SmtpReplyItem {
    enum class Kind { NeedMore, Reply, Error };
    Kind kind = Kind::NeedMore;
    SmtpReply reply; // Kind::Reply
    QList<QByteArray> rawLines; // Kind::Reply and Error: the wire lines without line endings, for the log
    SmtpReplyError error = SmtpReplyError::None; // Kind::Error
    QString errorText; // Kind::Error: what the log and the delivery result say
};

// The SMTP client's reply reader: pure and incremental, so bytes may arrive in any split
// (the tests feed one byte at a time) with the same result. Lines end in CRLF or a bare LF.
//
// Memory is bounded whatever the server sends: a line is buffered only up to the limit
// (beyond it the outcome, LineTooLong, is certain), and a reply only up to maxLines lines.
// Errors are sticky: after one, the connection cannot be trusted and nothing more is read.
class SmtpReplyParser {
public:
    // RFC 5321 4.5.3.1.5 allows reply lines of 512 octets; real servers send longer ones.
    static constexpr qsizetype kDefaultMaxLineBytes = 4096;
    static constexpr int kDefaultMaxLines = 256;

    explicit SmtpReplyParser(qsizetype maxLineBytes = kDefaultMaxLineBytes, int maxLines = kDefaultMaxLines);

    void feed(QByteArrayView data);
    SmtpReplyItem next();

    // Drops everything buffered, including a partly received reply (after STARTTLS: what
    // the server sent before the handshake must not be read as if it came over TLS).
    qsizetype discardBuffered();
    qsizetype buffered() const { return m_buffer.size(); }
    bool failed() const { return m_failed; }

    // Parses the lines of one reply at once (tests, and callers holding whole lines).
    static SmtpReplyItem parseLines(const QList<QByteArray>& lines);

private:
    SmtpReplyItem fail(SmtpReplyError error, QString text);
    // Takes one complete line; returns a finished reply or error, or NeedMore.
    SmtpReplyItem takeLine(QByteArrayView line);

    QByteArray m_buffer; // the current, unterminated line
    QList<QByteArray> m_pendingLines; // complete lines not yet taken by next()
    QList<QByteArray> m_replyLines; // lines of the reply being assembled
    qsizetype m_maxLine;
    int m_maxLines;
    bool m_failed = false;
    bool m_overlong = false; // the current line is already too long
};

} // namespace tegami
