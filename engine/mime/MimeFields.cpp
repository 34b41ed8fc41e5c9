// The Content-* fields of a MIME part (RFC 2045, 2183, 2231, 3282, 2557).
#include "mime/EncodedWords.h"
#include "mime/MimePart.h"

#include <cstring>
#include <map>

namespace tegami {

namespace {

bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80)
        return true; // raw 8-bit in parameter values: kept, as mailers write it
    if (u <= 0x20 || u == 0x7f)
        return false;
    return std::strchr("()<>@,;:\\\"/[]?=", c) == nullptr;
}

// RFC 2231 attribute-char: what may stand unencoded in an extended value.
bool isAttributeChar(char c)
{
    return isTokenChar(c) && c != '*' && c != '\'' && c != '%';
}

class MimeLexer {
public:
    MimeLexer(QByteArrayView text, qsizetype pos)
        : m_text(text)
        , m_pos(pos)
    { }

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void advance() { ++m_pos; }

    void skipCfws()
    {
        for (;;) {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n'))
                advance();
            if (peek() != '(')
                return;
            int depth = 0;
            while (!atEnd()) {
                const char c = peek();
                advance();
                if (c == '\\')
                    advance();
                else if (c == '(')
                    ++depth;
                else if (c == ')' && --depth == 0)
                    break;
            }
        }
    }

    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            advance();
        return m_text.sliced(start, m_pos - start).toByteArray();
    }

    // A quoted string's content; false if unterminated.
    bool quoted(QByteArray* out)
    {
        advance(); // the opening quote
        while (!atEnd()) {
            const char c = peek();
            advance();
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd()) {
                out->append(peek());
                advance();
            } else {
                out->append(c);
            }
        }
        return false;
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos;
};

// Joins RFC 2231 continuations (name*0, name*1*, ...). Plain and single extended
// parameters keep their order; joined ones follow, in order of first appearance.
MimeParams joinContinuations(const QList<MimeParam>& raw)
{
    struct Segment {
        QByteArray value;
        bool extended;
    };
    struct Joined {
        QByteArray base;
        std::map<int, Segment> segments;
    };
    MimeParams out;
    QList<Joined> joined;
    for (const MimeParam& p : raw) {
        const qsizetype star = p.name.indexOf('*');
        bool numbered = false;
        int index = -1;
        bool extended = false;
        if (star > 0 && star + 1 < p.name.size()) {
            QByteArray rest = p.name.mid(star + 1);
            extended = rest.endsWith('*');
            if (extended)
                rest.chop(1);
            bool ok = false;
            index = rest.toInt(&ok);
            numbered = ok && !rest.isEmpty() && index >= 0 && index < 10000 && rest.front() != '+';
        }
        if (!numbered) {
            out.items.append(p);
            continue;
        }
        const QByteArray base = p.name.left(star);
        auto it = std::find_if(joined.begin(), joined.end(),
            [&](const Joined& j) { return j.base.compare(base, Qt::CaseInsensitive) == 0; });
        if (it == joined.end()) {
            joined.append(Joined { base, {} });
            it = joined.end() - 1;
        }
        it->segments.emplace(index, Segment { p.value, extended });
    }
    for (const Joined& j : joined) {
        bool anyExtended = false;
        int expected = 0;
        for (const auto& [index, segment] : j.segments) {
            if (index != expected++)
                break;
            anyExtended = anyExtended || segment.extended;
        }
        QByteArray value;
        expected = 0;
        for (const auto& [index, segment] : j.segments) {
            if (index != expected++)
                break; // a gap: the rest is unreachable
            if (anyExtended && !segment.extended) {
                for (const char c : segment.value) {
                    if (isAttributeChar(c))
                        value.append(c);
                    else
                        value.append('%').append(QByteArray(1, c).toHex().toUpper());
                }
            } else {
                value.append(segment.value);
            }
        }
        out.items.append(MimeParam { anyExtended ? j.base + '*' : j.base, value });
    }
    return out;
}

std::optional<QByteArray> fieldValue(const Header& header, QByteArrayView name)
{
    const HeaderField* f = header.field(name);
    if (f == nullptr)
        return std::nullopt;
    return header.value(*f);
}

} // namespace

MimeParams parseMimeParams(QByteArrayView value, qsizetype pos)
{
    // Real headers have a handful; the cap bounds the work a hostile one can cause.
    constexpr qsizetype kMaxParams = 1000;
    QList<MimeParam> raw;
    MimeLexer lx(value, pos);
    while (raw.size() < kMaxParams) {
        lx.skipCfws();
        if (lx.peek() != ';')
            break;
        lx.advance();
        lx.skipCfws();
        QByteArray name = lx.token();
        if (name.isEmpty())
            break;
        lx.skipCfws();
        if (lx.peek() != '=')
            break;
        lx.advance();
        lx.skipCfws();
        QByteArray v;
        if (lx.peek() == '"') {
            const bool closed = lx.quoted(&v);
            raw.append(MimeParam { name, v });
            if (!closed)
                break;
        } else {
            v = lx.token();
            if (v.isEmpty())
                break;
            raw.append(MimeParam { name, v });
        }
    }
    return joinContinuations(raw);
}

std::optional<QByteArray> MimeParams::value(QByteArrayView name) const
{
    for (const MimeParam& p : items) {
        if (QByteArrayView(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return p.value;
    }
    return std::nullopt;
}

QString MimeParams::decoded(QByteArrayView name) const
{
    if (const std::optional<QByteArray> extended = value(name.toByteArray() + '*'))
        return decodeRfc2231Value(*extended);
    if (const std::optional<QByteArray> plain = value(name))
        return decodeEncodedWords(*plain);
    return QString();
}

void readContentFields(const Header& header, MimePart* part)
{
    if (const std::optional<QByteArray> ct = fieldValue(header, "Content-Type")) {
        MimeLexer lx(*ct, 0);
        lx.skipCfws();
        QByteArray type = lx.token();
        // An empty type is unusable: the RFC 2045 defaults apply (Dovecot reports "" "").
        if (!type.isEmpty()) {
            part->type = type;
            lx.skipCfws();
            if (lx.peek() == '/') {
                lx.advance();
                lx.skipCfws();
                part->subtype = lx.token();
                part->params = parseMimeParams(*ct, lx.pos());
            }
            // Without "/subtype" the field is broken; its parameters are not read.
        }
    }
    if (const std::optional<QByteArray> cte = fieldValue(header, "Content-Transfer-Encoding")) {
        MimeLexer lx(*cte, 0);
        lx.skipCfws();
        QByteArray token = lx.token();
        lx.skipCfws();
        if (!token.isEmpty() && lx.atEnd())
            part->encoding = token;
    }
    if (const std::optional<QByteArray> cd = fieldValue(header, "Content-Disposition")) {
        MimeLexer lx(*cd, 0);
        lx.skipCfws();
        // An empty disposition ("; filename=x") is kept with its parameters, as Dovecot does.
        part->disposition = lx.token();
        part->dispositionParams = parseMimeParams(*cd, lx.pos());
    }
    if (const std::optional<QByteArray> cl = fieldValue(header, "Content-Language")) {
        MimeLexer lx(*cl, 0);
        for (;;) {
            lx.skipCfws();
            QByteArray tag = lx.token();
            if (tag.isEmpty())
                break;
            part->language.append(tag);
            lx.skipCfws();
            if (lx.peek() != ',')
                break;
            lx.advance();
        }
    }
    part->id = fieldValue(header, "Content-ID");
    part->description = fieldValue(header, "Content-Description");
    part->md5 = fieldValue(header, "Content-MD5");
    part->location = fieldValue(header, "Content-Location");
}

} // namespace tegami
