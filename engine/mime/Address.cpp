#include "mime/Address.h"

#include <cstring>

namespace tegami {

namespace {

bool isAtext(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80)
        return true; // raw 8-bit (UTF-8 addresses, undeclared charsets)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr;
}

// A cursor over one header value with the RFC 5322 lexical pieces.
class Lexer {
public:
    explicit Lexer(QByteArrayView text)
        : m_text(text)
    { }

    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype pos) { m_pos = pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void advance() { ++m_pos; }
    const QByteArray& lastComment() const { return m_lastComment; }
    void clearComment() { m_lastComment.clear(); }

    // Skips whitespace and (nested) comments; the last comment's text is kept. Returns
    // false if a comment never closes (the rest of the input was consumed).
    bool skipCfws()
    {
        for (;;) {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n'))
                advance();
            if (peek() != '(')
                return true;
            advance();
            int depth = 1;
            QByteArray comment;
            while (!atEnd() && depth > 0) {
                const char c = peek();
                advance();
                if (c == '\\' && !atEnd()) {
                    comment.append(peek());
                    advance();
                } else if (c == '(') {
                    ++depth;
                    comment.append(c);
                } else if (c == ')') {
                    if (--depth > 0)
                        comment.append(c);
                } else {
                    comment.append(c);
                }
            }
            if (depth > 0)
                return false;
            m_lastComment = comment;
        }
    }

    // An atom (no CFWS around it is consumed). False if none is here.
    bool atom(QByteArray* out)
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isAtext(peek()))
            advance();
        out->append(m_text.sliced(start, m_pos - start));
        return m_pos > start;
    }

    // A quoted string's content without the quotes and escapes. False if the quote never
    // closes (the rest of the input was consumed) or there is no quote here.
    bool quotedString(QByteArray* out)
    {
        if (peek() != '"')
            return false;
        advance();
        while (!atEnd()) {
            const char c = peek();
            advance();
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd()) {
                out->append(peek());
                advance();
            } else if (c != '\r' && c != '\n') {
                out->append(c);
            }
        }
        return false;
    }

    // A dot-atom, tolerating the obsolete forms (CFWS around the dots, empty labels).
    bool dotAtom(QByteArray* out)
    {
        if (!atom(out))
            return false;
        for (;;) {
            const qsizetype save = m_pos;
            skipCfws();
            if (peek() != '.') {
                m_pos = save;
                return true;
            }
            advance();
            out->append('.');
            skipCfws();
            atom(out);
        }
    }

    // A phrase (display name): words (atoms, quoted strings, obsolete dots) joined by one
    // space. Returns false for an unterminated quoted string.
    bool phrase(QByteArray* out, bool* any)
    {
        *any = false;
        for (;;) {
            skipCfws();
            QByteArray word;
            bool ok = true;
            if (peek() == '"') {
                ok = quotedString(&word);
            } else if (isAtext(peek()) || peek() == '.') {
                while (!atEnd() && (isAtext(peek()) || peek() == '.')) {
                    word.append(peek());
                    advance();
                }
            } else {
                return true;
            }
            if (*any)
                out->append(' ');
            out->append(word);
            *any = true;
            if (!ok)
                return false;
        }
    }

    // A domain: a dot-atom or a domain literal "[...]".
    bool domain(QByteArray* out)
    {
        skipCfws();
        if (peek() == '[') {
            const qsizetype start = m_pos;
            while (!atEnd() && peek() != ']')
                advance();
            if (atEnd())
                return false;
            advance();
            out->append(m_text.sliced(start, m_pos - start));
            return true;
        }
        return dotAtom(out);
    }

    bool localPart(QByteArray* out)
    {
        skipCfws();
        if (peek() == '"') {
            if (!quotedString(out))
                return false;
            // obs-local-part: "a".b
            const qsizetype save = m_pos;
            skipCfws();
            if (peek() != '.') {
                m_pos = save;
                return true;
            }
            advance();
            out->append('.');
            QByteArray rest;
            localPart(&rest);
            out->append(rest);
            return true;
        }
        return dotAtom(out);
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QByteArray m_lastComment;
};

// "<" [route ":"] local-part ["@" domain] ">" after the "<". False when broken.
bool angleAddr(Lexer& lx, ImapAddress* addr)
{
    lx.skipCfws();
    if (lx.peek() == '@') {
        QByteArray route;
        while (lx.peek() == '@') {
            if (!route.isEmpty())
                route.append(',');
            route.append('@');
            lx.advance();
            if (!lx.domain(&route))
                return false;
            lx.skipCfws();
            while (lx.peek() == ',') {
                lx.advance();
                lx.skipCfws();
            }
        }
        if (lx.peek() != ':')
            return false;
        lx.advance();
        addr->adl = route;
    }
    QByteArray local;
    if (!lx.localPart(&local))
        return false;
    addr->mailbox = local;
    lx.skipCfws();
    if (lx.peek() == '@') {
        lx.advance();
        QByteArray domain;
        if (!lx.domain(&domain))
            return false;
        addr->host = domain;
        lx.skipCfws();
    }
    if (lx.peek() != '>')
        return false;
    lx.advance();
    return true;
}

void fillMissing(ImapAddress* addr)
{
    if (!addr->mailbox)
        addr->mailbox = QByteArray(kMissingMailbox);
    if (!addr->host)
        addr->host = QByteArray(kMissingDomain);
}

// name-addr / addr-spec. Returns false when parsing cannot go on after it.
bool mailbox(Lexer& lx, QList<ImapAddress>* out)
{
    ImapAddress addr;
    const qsizetype start = lx.pos();
    QByteArray name;
    bool anyWord = false;
    const bool phraseOk = lx.phrase(&name, &anyWord);
    lx.skipCfws();
    if (phraseOk && lx.peek() == '<') {
        lx.advance();
        lx.skipCfws();
        if (lx.peek() == '>') {
            // "<>": the null address (a bounce's sender)
            lx.advance();
        } else if (!angleAddr(lx, &addr)) {
            addr.host = QByteArray(kSyntaxError);
            if (!addr.mailbox)
                addr.mailbox = QByteArray(kMissingMailbox);
        }
        if (anyWord && !name.isEmpty())
            addr.name = name;
        fillMissing(&addr);
        out->append(addr);
        return lx.skipCfws();
    }
    // addr-spec, with a trailing comment as the name
    lx.setPos(start);
    lx.clearComment();
    QByteArray local;
    bool ok = lx.localPart(&local);
    if (ok)
        addr.mailbox = local;
    lx.skipCfws();
    if (lx.peek() == '@') {
        lx.advance();
        QByteArray domain;
        if (lx.domain(&domain))
            addr.host = domain;
        else
            ok = false;
    }
    const bool cfwsOk = lx.skipCfws();
    if (!lx.lastComment().isEmpty())
        addr.name = lx.lastComment().trimmed();
    fillMissing(&addr);
    out->append(addr);
    return ok && cfwsOk;
}

// group: phrase ":" [mailbox-list] ";". Returns nullopt when this is not a group.
std::optional<bool> group(Lexer& lx, QList<ImapAddress>* out)
{
    const qsizetype start = lx.pos();
    QByteArray name;
    bool anyWord = false;
    if (!lx.phrase(&name, &anyWord) || !anyWord || (lx.skipCfws(), lx.peek() != ':')) {
        lx.setPos(start);
        return std::nullopt;
    }
    lx.advance();
    ImapAddress begin;
    begin.mailbox = name;
    out->append(begin);
    bool ok = lx.skipCfws();
    while (ok && !lx.atEnd() && lx.peek() != ';') {
        if (lx.peek() == ',') {
            lx.advance();
            ok = lx.skipCfws();
            continue;
        }
        const qsizetype before = lx.pos();
        ok = mailbox(lx, out);
        if (lx.pos() == before)
            ok = false; // no progress: junk
        if (ok && lx.peek() != ',' && lx.peek() != ';')
            ok = false;
    }
    if (ok && lx.peek() == ';') {
        lx.advance();
        ok = lx.skipCfws();
    } else {
        ok = false;
    }
    out->append(ImapAddress {});
    return ok;
}

} // namespace

QList<ImapAddress> parseAddressList(QByteArrayView value)
{
    QList<ImapAddress> out;
    Lexer lx(value);
    if (!lx.skipCfws() || lx.atEnd())
        return out;
    // After a broken address, parsing goes on at the next comma; anything else ends it.
    for (;;) {
        if (!group(lx, &out))
            mailbox(lx, &out);
        if (lx.atEnd() || lx.peek() != ',')
            break;
        lx.advance();
        if (!lx.skipCfws() || lx.atEnd())
            break;
    }
    return out;
}

} // namespace tegami
