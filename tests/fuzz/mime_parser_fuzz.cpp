// libFuzzer target for the MIME module: any bytes as a message through everything IMAP
// asks of it (structure, BODY and BODYSTRUCTURE, ENVELOPE, sections, text for SEARCH),
// checking that offsets nest inside the message, the nesting stays within its limit and
// the IMAP output is balanced. The same bytes also go through the address, encoded-word
// and parameter parsers on their own.
//
// Build and run: make fuzz (clang, -fsanitize=fuzzer,address).

#include "mime/Address.h"
#include "mime/EncodedWords.h"
#include "mime/Header.h"
#include "mime/ImapFormat.h"
#include "mime/MimePart.h"
#include "mime/PartText.h"
#include "mime/Section.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tegami;

namespace {

void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "mime fuzz: %s\n", what);
        std::abort();
    }
}

void checkPart(const MimePart& part, qsizetype begin, qsizetype end, int depth)
{
    check(part.depth == depth, "depth");
    check(depth < 100, "nesting beyond the limit");
    check(begin <= part.headerOffset && part.headerOffset <= part.bodyOffset, "header offset");
    check(part.bodyOffset <= part.bodyEnd && part.bodyEnd <= end, "body range");
    check(part.bodySize >= part.bodyLength() && part.bodySize <= 2 * part.bodyLength(), "body size");
    for (const MimePart& child : part.children)
        checkPart(child, part.bodyOffset, part.bodyEnd, depth + 1);
}

// Parentheses outside strings and literals must balance.
bool balanced(const QByteArray& s)
{
    int depth = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\')
                    ++i;
            }
        } else if (c == '{') {
            const qsizetype close = s.indexOf('}', i);
            if (close < 0)
                return false;
            bool ok = false;
            const qsizetype n = s.mid(i + 1, close - i - 1).toLongLong(&ok);
            if (!ok)
                return false;
            i = close + 2 + n; // "}\r\n" then n bytes; the loop's ++i steps past them
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth < 0) {
            return false;
        }
    }
    return depth == 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray message(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const MimePart root = parseMimeMessage(message);
    checkPart(root, 0, message.size(), 0);

    const QByteArray structure = imapBodyStructure(message, root, true);
    check(balanced(structure), "BODYSTRUCTURE is not balanced");
    check(balanced(imapBodyStructure(message, root, false)), "BODY is not balanced");
    check(balanced(imapEnvelope(message, root)), "ENVELOPE is not balanced");

    for (const char* spec : { "", "1", "1.MIME", "2.TEXT", "1.1.HEADER", "HEADER.FIELDS (From Subject)",
             "2.HEADER.FIELDS.NOT (To)", "1.2.3" }) {
        const std::optional<SectionSpec> parsed = parseSectionSpec(spec);
        check(parsed.has_value(), "section spec");
        if (const std::optional<ByteRange> range = sectionRange(root, *parsed))
            check(range->offset >= 0 && range->length >= 0 && range->offset + range->length <= message.size(),
                "section outside the message");
        (void)sectionContent(message, root, *parsed);
    }
    (void)messageBodyText(message, root, 1 << 20);
    (void)decodedHeaderText(Header::parse(message));

    // The value parsers on raw bytes.
    for (const ImapAddress& a : parseAddressList(message))
        check(a.isGroupStart() || a.isGroupEnd() || (a.mailbox && a.host), "address without mailbox or host");
    (void)decodeEncodedWords(message);
    (void)parseMimeParams(message);
    (void)parseSectionSpec(message);
    return 0;
}
