#include "imap/ImapCursor.h"

#include "imap/ImapDate.h"
#include "imap/ImapMailboxName.h"

#include <algorithm>

namespace tegami {

namespace {

bool isListChar(char c)
{
    return ImapCursor::isAtomChar(c) || c == '%' || c == '*' || c == ']';
}

bool isSequenceChar(char c)
{
    return (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

ImapCursor::ImapCursor(const ImapRawCommand& command)
    : m_command(command)
{ }

bool ImapCursor::isAtomChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

bool ImapCursor::isAstringChar(char c)
{
    return isAtomChar(c) || c == ']' || static_cast<unsigned char>(c) >= 0x80;
}

bool ImapCursor::atEnd() const
{
    return m_command.lines.isEmpty() || (m_line == m_command.lines.size() - 1 && m_pos >= line().size());
}

bool ImapCursor::atLiteral() const
{
    return !m_command.lines.isEmpty() && m_line < m_command.literals.size() && m_pos >= line().size();
}

char ImapCursor::peek() const
{
    if (m_command.lines.isEmpty() || m_pos >= line().size())
        return '\0';
    return line()[m_pos];
}

bool ImapCursor::consume(char c)
{
    if (failed() || peek() != c || c == '\0')
        return false;
    ++m_pos;
    return true;
}

bool ImapCursor::consumeKeyword(QByteArrayView word)
{
    if (failed() || m_command.lines.isEmpty())
        return false;
    const QByteArrayView rest = QByteArrayView(line()).sliced(m_pos);
    if (rest.size() < word.size() || qstrnicmp(rest.data(), word.data(), word.size()) != 0)
        return false;
    if (rest.size() > word.size() && isAtomChar(rest[word.size()]))
        return false;
    m_pos += word.size();
    return true;
}

QByteArrayView ImapCursor::takeWhile(bool (*predicate)(char))
{
    if (failed() || m_command.lines.isEmpty())
        return {};
    const qsizetype start = m_pos;
    while (m_pos < line().size() && predicate(line()[m_pos]))
        ++m_pos;
    return QByteArrayView(line()).sliced(start, m_pos - start);
}

bool ImapCursor::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool ImapCursor::expected(const char* what)
{
    return fail(QStringLiteral("expected ") + QLatin1String(what));
}

bool ImapCursor::expect(char c, const char* what)
{
    return consume(c) || expected(what);
}

bool ImapCursor::space(const char* before)
{
    if (consume(' '))
        return true;
    return fail(QStringLiteral("expected a space before ") + QLatin1String(before));
}

bool ImapCursor::end()
{
    if (failed())
        return false;
    if (!atEnd())
        return fail(QStringLiteral("unexpected text after the arguments"));
    return true;
}

std::optional<QByteArray> ImapCursor::atom(const char* what)
{
    const QByteArrayView a = takeWhile(isAtomChar);
    if (a.isEmpty()) {
        expected(what);
        return std::nullopt;
    }
    return a.toByteArray();
}

std::optional<QByteArray> ImapCursor::quoted(const char* what)
{
    if (!consume('"')) {
        expected(what);
        return std::nullopt;
    }
    QByteArray out;
    const QByteArray& l = line();
    while (m_pos < l.size()) {
        char c = l[m_pos++];
        if (c == '"')
            return out;
        if (c == '\\') {
            if (m_pos >= l.size())
                break;
            c = l[m_pos++];
            if (c != '"' && c != '\\') {
                fail(QStringLiteral("invalid escape in a quoted string (only \\\" and \\\\ are allowed)"));
                return std::nullopt;
            }
        }
        out += c;
    }
    fail(QStringLiteral("unterminated quoted string"));
    return std::nullopt;
}

std::optional<QByteArray> ImapCursor::literal(const char* what, bool* binary)
{
    if (failed() || !atLiteral()) {
        expected(what);
        return std::nullopt;
    }
    const ImapLiteral& l = m_command.literals[m_line];
    *binary = l.binary;
    ++m_line;
    m_pos = 0;
    return l.data;
}

std::optional<QByteArray> ImapCursor::string(const char* what)
{
    if (failed())
        return std::nullopt;
    if (peek() == '"')
        return quoted(what);
    if (atLiteral()) {
        bool binary = false;
        std::optional<QByteArray> data = literal(what, &binary);
        if (binary) {
            fail(QStringLiteral("a literal8 (~{n}) is allowed only for the message of APPEND"));
            return std::nullopt;
        }
        return data;
    }
    expected(what);
    return std::nullopt;
}

std::optional<QByteArray> ImapCursor::astring(const char* what)
{
    if (failed())
        return std::nullopt;
    if (peek() == '"' || atLiteral())
        return string(what);
    const QByteArrayView a = takeWhile(isAstringChar);
    if (a.isEmpty()) {
        expected(what);
        return std::nullopt;
    }
    return a.toByteArray();
}

std::optional<std::optional<QByteArray>> ImapCursor::nstring(const char* what)
{
    if (consumeKeyword("NIL"))
        return std::optional<QByteArray>();
    std::optional<QByteArray> s = string(what);
    if (!s)
        return std::nullopt;
    return s;
}

std::optional<quint32> ImapCursor::number(const char* what)
{
    const std::optional<quint64> n = modSequence(what, true);
    if (!n)
        return std::nullopt;
    if (*n > 0xffffffffu) {
        fail(QStringLiteral("number too big: ") + QLatin1String(what));
        return std::nullopt;
    }
    return quint32(*n);
}

std::optional<quint32> ImapCursor::nzNumber(const char* what)
{
    const std::optional<quint32> n = number(what);
    if (n && *n == 0) {
        fail(QStringLiteral("expected a number above 0: ") + QLatin1String(what));
        return std::nullopt;
    }
    return n;
}

std::optional<quint64> ImapCursor::modSequence(const char* what, bool allowZero)
{
    const QByteArrayView digits = takeWhile(isDigit);
    if (digits.isEmpty()) {
        expected(what);
        return std::nullopt;
    }
    quint64 value = 0;
    for (char c : digits) {
        value = value * 10 + quint64(c - '0');
        if (value > quint64(0x7fffffffffffffff)) {
            fail(QStringLiteral("number too big: ") + QLatin1String(what));
            return std::nullopt;
        }
    }
    if (!allowZero && value == 0) {
        fail(QStringLiteral("expected a number above 0: ") + QLatin1String(what));
        return std::nullopt;
    }
    return value;
}

std::optional<ImapSequenceSet> ImapCursor::sequenceSet(const char* what)
{
    const QByteArrayView text = takeWhile(isSequenceChar);
    if (failed())
        return std::nullopt;
    if (text.isEmpty()) {
        if (peek() == '$')
            fail(QStringLiteral("$ (SEARCHRES) is not supported"));
        else
            expected(what);
        return std::nullopt;
    }
    std::optional<ImapSequenceSet> set = ImapSequenceSet::parse(text);
    if (!set) {
        fail(QStringLiteral("invalid sequence set \"%1\" (numbers from 1 to 4294967295, \"*\", ranges a:b, "
                            "separated by commas)")
                 .arg(QString::fromLatin1(text.first(std::min<qsizetype>(text.size(), 64)))));
    }
    return set;
}

std::optional<QString> ImapCursor::mailbox(const char* what)
{
    const std::optional<QByteArray> wire = astring(what);
    if (!wire)
        return std::nullopt;
    std::optional<QString> name = decodeMailboxName(*wire);
    if (!name)
        fail(QStringLiteral("mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)"));
    return name;
}

std::optional<QString> ImapCursor::listMailbox(const char* what)
{
    if (failed())
        return std::nullopt;
    std::optional<QByteArray> wire;
    if (peek() == '"' || atLiteral()) {
        wire = string(what);
    } else {
        const QByteArrayView a = takeWhile(isListChar);
        if (a.isEmpty())
            expected(what);
        else
            wire = a.toByteArray();
    }
    if (!wire)
        return std::nullopt;
    std::optional<QString> name = decodeMailboxUtf7(*wire);
    if (!name)
        fail(QStringLiteral("mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)"));
    return name;
}

std::optional<QByteArray> ImapCursor::flag(const char* what)
{
    const bool system = consume('\\');
    const QByteArrayView name = takeWhile(isAtomChar);
    if (name.isEmpty()) {
        expected(what);
        return std::nullopt;
    }
    return system ? QByteArray("\\" + name.toByteArray()) : name.toByteArray();
}

std::optional<QStringList> ImapCursor::flagList(const char* what, bool parensOptional)
{
    QStringList flags;
    const bool parens = consume('(');
    if (!parens && !parensOptional) {
        expected(what);
        return std::nullopt;
    }
    if (parens && consume(')'))
        return flags;
    for (;;) {
        const std::optional<QByteArray> f = flag("a flag");
        if (!f)
            return std::nullopt;
        flags << QString::fromLatin1(*f);
        if (parens && consume(')'))
            return flags;
        if (!parens && peek() != ' ')
            return flags;
        if (!space("the next flag"))
            return std::nullopt;
    }
}

std::optional<QDate> ImapCursor::date(const char* what)
{
    std::optional<QByteArray> text;
    if (peek() == '"') {
        text = quoted(what);
    } else {
        const QByteArrayView a = takeWhile(isAtomChar);
        if (!a.isEmpty())
            text = a.toByteArray();
    }
    if (failed())
        return std::nullopt;
    const std::optional<QDate> d = text ? parseImapDate(*text) : std::nullopt;
    if (!d)
        fail(QStringLiteral("expected %1 such as 1-Feb-1994").arg(QLatin1String(what)));
    return d;
}

std::optional<QDateTime> ImapCursor::dateTime(const char* what)
{
    const std::optional<QByteArray> text = quoted(what);
    if (!text)
        return std::nullopt;
    const std::optional<QDateTime> d = parseImapDateTime(*text);
    if (!d)
        fail(QStringLiteral("expected %1 such as \"17-Jul-1996 02:44:25 -0700\"").arg(QLatin1String(what)));
    return d;
}

} // namespace tegami
