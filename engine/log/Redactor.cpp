#include "log/Redactor.h"

#include <cctype>

namespace tegami {

namespace {

struct Word {
    qsizetype begin = 0;
    qsizetype end = 0;
    bool isEmpty() const { return begin == end; }
};

// CR and LF count as blanks so that a chunk holding several lines ("AUTH PLAIN\r\n<b64>")
// cannot glue a secret onto the mechanism name.
bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

Word wordAt(QByteArrayView s, qsizetype from)
{
    qsizetype begin = from;
    while (begin < s.size() && isBlank(s[begin]))
        ++begin;
    qsizetype end = begin;
    while (end < s.size() && !isBlank(s[end]))
        ++end;
    return {begin, end};
}

QByteArrayView textOf(QByteArrayView s, Word w)
{
    return s.sliced(w.begin, w.end - w.begin);
}

bool isKeyword(QByteArrayView s, Word w, QByteArrayView keyword)
{
    return textOf(s, w).compare(keyword, Qt::CaseInsensitive) == 0;
}

// Keeps s up to keepEnd and masks everything after it, if anything but blanks follows.
QByteArray keepThenMask(QByteArrayView s, qsizetype keepEnd)
{
    if (s.sliced(keepEnd).trimmed().isEmpty())
        return s.toByteArray();
    return s.first(keepEnd).toByteArray() + ' ' + Redactor::kMask;
}

// A client line inside a SASL exchange is a credential as a whole. "*" cancels the
// exchange and an empty line is an empty response: neither carries a secret.
QByteArray maskSaslLine(QByteArrayView body)
{
    const QByteArrayView trimmed = body.trimmed();
    if (trimmed.isEmpty() || trimmed == "*")
        return body.toByteArray();
    return Redactor::kMask;
}

// Where an IMAP astring that starts after `from` ends, or -1 when it is a literal or not
// well-formed (then nothing after the command name may be kept).
qsizetype imapAstringEnd(QByteArrayView s, qsizetype from)
{
    const Word word = wordAt(s, from);
    if (word.isEmpty() || s[word.begin] == '{')
        return -1;
    if (s[word.begin] != '"')
        return word.end;
    for (qsizetype i = word.begin + 1; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

bool startsWithCaseInsensitive(QByteArrayView s, QByteArrayView prefix)
{
    return s.size() >= prefix.size() && s.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

qsizetype withoutLineEnd(QByteArrayView line)
{
    qsizetype n = line.size();
    if (n > 0 && line[n - 1] == '\n')
        --n;
    if (n > 0 && line[n - 1] == '\r')
        --n;
    return n;
}

} // namespace

Redactor::Redactor(Protocol protocol) : m_protocol(protocol) {}

QByteArray Redactor::client(QByteArrayView line)
{
    const qsizetype bodySize = withoutLineEnd(line);
    const QByteArrayView body = line.first(bodySize);
    QByteArray out;
    switch (m_protocol) {
    case Protocol::Smtp:
    case Protocol::Submission: out = clientSmtp(body); break;
    case Protocol::Pop3: out = clientPop3(body); break;
    case Protocol::Imap: out = clientImap(body); break;
    }
    out += line.sliced(bodySize);
    return out;
}

QString Redactor::clientText(const QString& line)
{
    return QString::fromUtf8(client(QByteArrayView(line.toUtf8())));
}

void Redactor::server(QByteArrayView line)
{
    const QByteArrayView body = line.first(withoutLineEnd(line));
    switch (m_protocol) {
    case Protocol::Smtp:
    case Protocol::Submission: serverSmtp(body); break;
    case Protocol::Pop3: serverPop3(body); break;
    case Protocol::Imap: serverImap(body); break;
    }
}

void Redactor::serverText(const QString& line)
{
    server(QByteArrayView(line.toUtf8()));
}

QByteArray Redactor::clientSmtp(QByteArrayView body)
{
    if (m_state != State::Commands)
        return maskSaslLine(body);
    const Word verb = wordAt(body, 0);
    if (!isKeyword(body, verb, "AUTH"))
        return body.toByteArray();
    // AUTH <mechanism> [initial-response]: the initial response is a credential for every
    // mechanism (PLAIN carries the password, LOGIN the user name, XOAUTH2 a token).
    const Word mechanism = wordAt(body, verb.end);
    m_state = State::AuthPending;
    return keepThenMask(body, mechanism.isEmpty() ? verb.end : mechanism.end);
}

void Redactor::serverSmtp(QByteArrayView body)
{
    if (body.size() < 3 || !std::isdigit(static_cast<uchar>(body[0])) || !std::isdigit(static_cast<uchar>(body[1]))
        || !std::isdigit(static_cast<uchar>(body[2])))
        return;
    // 334 is only ever a SASL challenge, so it starts an exchange even when pipelined replies
    // to earlier commands already moved us out of AuthPending; any other reply ends it.
    m_state = body.startsWith("334") ? State::SaslExchange : State::Commands;
}

QByteArray Redactor::clientPop3(QByteArrayView body)
{
    if (m_state != State::Commands)
        return maskSaslLine(body);
    const Word verb = wordAt(body, 0);
    if (isKeyword(body, verb, "PASS"))
        return keepThenMask(body, verb.end); // the password may contain spaces: mask the whole rest
    if (isKeyword(body, verb, "APOP")) {
        const Word name = wordAt(body, verb.end);
        return keepThenMask(body, name.isEmpty() ? verb.end : name.end);
    }
    if (isKeyword(body, verb, "AUTH")) {
        const Word mechanism = wordAt(body, verb.end);
        if (mechanism.isEmpty())
            return body.toByteArray(); // bare AUTH lists the mechanisms
        m_state = State::AuthPending;
        return keepThenMask(body, mechanism.end);
    }
    return body.toByteArray();
}

void Redactor::serverPop3(QByteArrayView body)
{
    if (startsWithCaseInsensitive(body, "+OK") || startsWithCaseInsensitive(body, "-ERR"))
        m_state = State::Commands;
    else if (body == "+" || body.startsWith("+ "))
        // Also outside AuthPending: a pipelined CAPA's +OK may have ended AuthPending before
        // the challenge arrives. A "+ " line in a message body then masks one extra command.
        m_state = State::SaslExchange;
}

QByteArray Redactor::clientImap(QByteArrayView body)
{
    if (m_state == State::ImapLoginContinues) {
        // Literal data and the rest of the command: mask all of it, whatever its shape.
        return body.trimmed().isEmpty() ? body.toByteArray() : QByteArray(kMask);
    }
    if (m_state != State::Commands)
        return maskSaslLine(body);

    const Word tag = wordAt(body, 0);
    const Word command = wordAt(body, tag.end);
    if (isKeyword(body, command, "LOGIN")) {
        const qsizetype userEnd = imapAstringEnd(body, command.end);
        QByteArray out = keepThenMask(body, userEnd < 0 ? command.end : userEnd);
        if (body.trimmed().endsWith('}')) {
            m_state = State::ImapLoginContinues;
            m_imapTag = textOf(body, tag).toByteArray();
        }
        return out;
    }
    if (isKeyword(body, command, "AUTHENTICATE")) {
        const Word mechanism = wordAt(body, command.end);
        m_state = State::AuthPending;
        m_imapTag = textOf(body, tag).toByteArray();
        return keepThenMask(body, mechanism.isEmpty() ? command.end : mechanism.end);
    }
    return body.toByteArray();
}

void Redactor::serverImap(QByteArrayView body)
{
    if (m_state == State::Commands)
        return;
    // Continuation requests ("+ ...") and untagged data keep the exchange going; it ends
    // with the command's tagged reply, or when the server says goodbye.
    const Word first = wordAt(body, 0);
    const QByteArrayView firstText = textOf(body, first);
    if (firstText == m_imapTag || (firstText == "*" && isKeyword(body, wordAt(body, first.end), "BYE"))) {
        m_state = State::Commands;
        m_imapTag.clear();
    }
}

} // namespace tegami
