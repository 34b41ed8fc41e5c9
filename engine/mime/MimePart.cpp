// The MIME tree of a message (RFC 2045, 2046): one linear pass over the bytes with a stack
// of the active boundaries, as a streaming reader would do, so a boundary line of an outer
// multipart ends the inner parts it interrupts and time stays linear in the message size.
#include "mime/MimePart.h"

#include <cstring>

namespace tegami {

QByteArray MimePart::effectiveType() const
{
    if (type)
        return type->toLower();
    return defaultRfc822 ? QByteArray("message") : QByteArray("text");
}

QByteArray MimePart::effectiveSubtype() const
{
    if (type)
        return subtype ? subtype->toLower() : QByteArray();
    return defaultRfc822 ? QByteArray("rfc822") : QByteArray("plain");
}

bool MimePart::isMessage() const
{
    if (opaque || children.size() != 1 || effectiveType() != "message")
        return false;
    // message/global (RFC 6532) is left opaque, as Dovecot 2.3 does, so BODYSTRUCTURE
    // agrees with what clients have seen from it.
    return effectiveSubtype() == "rfc822";
}

QByteArray MimePart::charset() const
{
    if (std::optional<QByteArray> cs = params.value("charset"))
        return *cs;
    return isText() ? QByteArray("us-ascii") : QByteArray();
}

namespace {

class TreeParser {
public:
    TreeParser(const QByteArray& message, const MimeLimits& limits)
        : m_message(message)
        , m_data(message.constData())
        , m_size(message.size())
        , m_limits(limits)
    { }

    struct Hit {
        qsizetype line = 0; // start of the boundary line
        qsizetype next = 0; // start of the line after it
        size_t level = 0; // index into m_boundaries
        bool close = false; // "--boundary--"
    };

    // Parses the part starting at `start`; returns the boundary line that ended it (one of
    // an enclosing multipart), or nullopt at the end of the message.
    std::optional<Hit> parsePart(MimePart& part, qsizetype start, int depth, bool inDigest)
    {
        ++m_parts;
        part.depth = depth;
        part.headerOffset = start;
        const qsizetype headerLimit = headerEnd(start);
        const Header header = Header::parse(m_message, start, headerLimit);
        readContentFields(header, &part);
        part.defaultRfc822 = inDigest && !part.type;
        part.bodyOffset = header.bodyOffset();
        if (!header.hasEmptyLine() && headerLimit < m_size) {
            // The header ran into a boundary line: the line break before it is the
            // boundary's, and the body is empty.
            part.bodyOffset = std::max(start, lineBreakStart(headerLimit));
        }

        const QByteArray type = part.effectiveType();
        const QByteArray subtype = part.effectiveSubtype();
        const bool canNest = depth + 1 < m_limits.maxDepth && m_parts < m_limits.maxParts;
        if (type == "multipart") {
            const std::optional<QByteArray> boundary = part.params.value("boundary");
            if (canNest && boundary && !boundary->isEmpty() && boundary->size() <= m_limits.maxBoundary)
                return parseMultipart(part, *boundary, depth, subtype == "digest");
            if (!canNest)
                part.opaque = true;
            // A multipart without a usable boundary: no parts, the body is all preamble.
        } else if (type == "message" && subtype == "rfc822") {
            if (canNest) {
                MimePart embedded;
                const std::optional<Hit> hit = parsePart(embedded, part.bodyOffset, depth + 1, false);
                part.children.push_back(std::move(embedded));
                finishBody(part, hit);
                return hit;
            }
            part.opaque = true;
        }
        const std::optional<Hit> hit = findBoundary(part.bodyOffset);
        finishBody(part, hit);
        return hit;
    }

private:
    std::optional<Hit> parseMultipart(MimePart& part, const QByteArray& boundary, int depth, bool digest)
    {
        const size_t level = m_boundaries.size();
        m_boundaries.push_back(boundary);
        std::optional<Hit> hit = findBoundary(part.bodyOffset); // skips the preamble
        for (;;) {
            if (!hit || hit->level < level) {
                // The message ended, or an enclosing boundary came, before the close delimiter.
                m_boundaries.resize(level);
                finishBody(part, hit);
                return hit;
            }
            if (hit->close) {
                // The epilogue starts on the line after the close delimiter; the line
                // break before the next boundary is cut from it, but never the close
                // delimiter's own (Dovecot counts "--inner--\r\n--outer" that way too).
                m_boundaries.resize(level);
                const qsizetype epilogue = hit->next;
                hit = findBoundary(epilogue);
                finishBody(part, hit, epilogue);
                return hit;
            }
            if (m_parts >= m_limits.maxParts) {
                // Too many parts: the rest of this multipart stays unparsed.
                m_boundaries.resize(level);
                hit = findBoundary(hit->next);
                finishBody(part, hit);
                return hit;
            }
            MimePart child;
            hit = parsePart(child, hit->next, depth + 1, digest);
            part.children.push_back(std::move(child));
        }
    }

    // The next line at or after `pos` (a line start) that starts with "--" and one of the
    // active boundaries, the innermost first. A boundary matches as a prefix of the line,
    // so trailing junk after it is tolerated (RFC 2046 allows only whitespace there).
    std::optional<Hit> findBoundary(qsizetype pos) const
    {
        if (m_boundaries.empty())
            return std::nullopt;
        while (pos < m_size) {
            const qsizetype next = nextLine(m_message, pos, m_size);
            if (next - pos >= 2 && m_data[pos] == '-' && m_data[pos + 1] == '-') {
                if (std::optional<Hit> hit = matchBoundary(pos, next))
                    return hit;
            }
            pos = next;
        }
        return std::nullopt;
    }

    std::optional<Hit> matchBoundary(qsizetype line, qsizetype next) const
    {
        const qsizetype available = next - line - 2;
        for (size_t i = m_boundaries.size(); i-- > 0;) {
            const QByteArray& b = m_boundaries[i];
            if (b.size() <= available && std::memcmp(m_data + line + 2, b.constData(), size_t(b.size())) == 0) {
                const qsizetype after = line + 2 + b.size();
                const bool close = after + 1 < next && m_data[after] == '-' && m_data[after + 1] == '-';
                return Hit { line, next, i, close };
            }
        }
        return std::nullopt;
    }

    // Where the header starting at `start` ends: at its empty line, or at a boundary line
    // that comes first (a part whose header runs into the next boundary).
    qsizetype headerEnd(qsizetype start) const
    {
        qsizetype pos = start;
        while (pos < m_size) {
            const qsizetype next = nextLine(m_message, pos, m_size);
            if (m_data[pos] == '\n' || (m_data[pos] == '\r' && pos + 1 < m_size && m_data[pos + 1] == '\n'))
                return next;
            if (!m_boundaries.empty() && next - pos >= 2 && m_data[pos] == '-' && m_data[pos + 1] == '-'
                && matchBoundary(pos, next))
                return pos;
            pos = next;
        }
        return m_size;
    }

    // Ends `part`'s body before the line break that precedes the boundary line (that line
    // break belongs to the boundary), or at the end of the message.
    qsizetype lineBreakStart(qsizetype line) const
    {
        if (line > 0 && m_data[line - 1] == '\n') {
            --line;
            if (line > 0 && m_data[line - 1] == '\r')
                --line;
        }
        return line;
    }

    void finishBody(MimePart& part, const std::optional<Hit>& hit, qsizetype minEnd = 0) const
    {
        // A container never ends before its last part (whose epilogue may keep a line break).
        if (!part.children.empty())
            minEnd = std::max(minEnd, part.children.back().bodyEnd);
        const qsizetype end = hit ? std::max(lineBreakStart(hit->line), minEnd) : m_size;
        part.bodyEnd = std::max(end, part.bodyOffset);
        // Sizes as IMAP serves the body: with CRLF line ends (the store keeps CRLF; a
        // bare LF counts as two octets).
        qint64 lines = 0;
        qint64 bareLf = 0;
        const char* p = m_data + part.bodyOffset;
        const char* stop = m_data + part.bodyEnd;
        while (p < stop) {
            const void* lf = std::memchr(p, '\n', size_t(stop - p));
            if (lf == nullptr)
                break;
            const char* at = static_cast<const char*>(lf);
            ++lines;
            if (at == m_data || at[-1] != '\r')
                ++bareLf;
            p = at + 1;
        }
        part.bodyLines = lines;
        part.bodySize = part.bodyEnd - part.bodyOffset + bareLf;
    }

    const QByteArray& m_message;
    const char* m_data;
    qsizetype m_size;
    MimeLimits m_limits;
    std::vector<QByteArray> m_boundaries;
    int m_parts = 0;
};

} // namespace

MimePart parseMimeMessage(const QByteArray& message, const MimeLimits& limits)
{
    MimePart root;
    TreeParser parser(message, limits);
    parser.parsePart(root, 0, 0, false);
    return root;
}

} // namespace tegami
