// libFuzzer target for the IMAP input path: the command reader (any split of the input
// must give the same items; memory stays bounded), the command parser on every command it
// yields, and round trips through the writer: a string the writer produces must read back
// as the same bytes, a mailbox name must decode and encode to the same spelling, a parsed
// sequence set must print as it was written.
//
// Build and run: make fuzz FUZZERS=imap_parser_fuzz (clang, -fsanitize=fuzzer,address).

#include "imap/ImapCommandParser.h"
#include "imap/ImapCommandReader.h"
#include "imap/ImapDate.h"
#include "imap/ImapMailboxName.h"
#include "imap/ImapResponseWriter.h"
#include "imap/ImapSequenceSet.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tegami;

namespace {

void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "imap fuzz: %s\n", what);
        std::abort();
    }
}

struct Item {
    int kind;
    int error;
    bool fatal;
    QByteArray response;
    ImapRawCommand command;
    QByteArray line;
    bool operator==(const Item&) const = default;
};

int depth(const ImapSearchKey& key)
{
    int d = 0;
    for (const ImapSearchKey& child : key.children)
        d = std::max(d, depth(child));
    return d + 1;
}

void checkCommand(const ImapRawCommand& raw, qsizetype maxCommand)
{
    qsizetype lineBytes = 0;
    for (const QByteArray& line : raw.lines)
        lineBytes += line.size();
    check(lineBytes <= maxCommand, "a command longer than the limit was returned");
    check(raw.lines.size() == raw.literals.size() + 1, "lines and literals do not alternate");
    const ImapParseResult result = parseImapCommand(raw);
    if (!result.ok()) {
        check(result.badResponse().endsWith("\r\n"), "BAD response without CRLF");
        check(result.badResponse().count('\n') == 1, "BAD response spans lines");
        return;
    }
    check(result.command.spec != nullptr, "parsed command without a spec");
    if (const auto* search = std::get_if<ImapSearchArgs>(&result.command.args))
        check(depth(search->key) <= 70, "search tree deeper than the limit");
    if (const auto* fetch = std::get_if<ImapFetchArgs>(&result.command.args)) {
        check(!fetch->items.isEmpty(), "FETCH without items");
        check(ImapSequenceSet::parse(fetch->set.toString()) == fetch->set, "sequence set does not round-trip");
    }
    if (const auto* select = std::get_if<ImapSelectArgs>(&result.command.args))
        check(decodeMailboxName(encodeMailboxUtf7(select->mailbox)) == select->mailbox, "mailbox does not round-trip");
}

QList<Item> read(QByteArrayView input, quint32 seed, qsizetype maxCommand, qint64 maxLiteral)
{
    ImapCommandReader reader(maxCommand, maxLiteral);
    QList<Item> items;
    quint32 state = seed | 1u;
    qsizetype pos = 0;
    bool done = false;
    while (!done) {
        if (pos < input.size()) {
            state = state * 1103515245u + 12345u;
            const qsizetype n = std::min<qsizetype>(1 + (state >> 16) % 97, input.size() - pos);
            reader.feed(input.sliced(pos, n));
            pos += n;
        }
        for (;;) {
            const ImapReadItem item = reader.next();
            if (item.kind == ImapReadItem::Kind::NeedMore)
                break;
            items.append(
                Item { int(item.kind), int(item.error), item.fatal, item.response(), item.command, item.line });
            // A session refuses some literals after a look at the command (APPEND over quota).
            if (item.kind == ImapReadItem::Kind::Continuation && item.literalSize % 7 == 3)
                reader.refuseLiteral();
            if (item.kind == ImapReadItem::Kind::Command) {
                const QByteArray first = item.command.lines.front().toUpper();
                if (first.contains(" IDLE") || first.contains(" AUTHENTICATE"))
                    reader.expectRawLine();
            }
            if (item.fatal) {
                done = true;
                break;
            }
        }
        check(reader.buffered() == 0 || done, "input left over after NeedMore");
        check(reader.heldBytes() <= maxCommand + maxLiteral + 64, "the reader held more than its limits");
        if (pos >= input.size())
            done = true;
    }
    return items;
}

void roundTrips(QByteArrayView data)
{
    // A string as the writer sends it reads back as the same bytes.
    QByteArray expected = data.toByteArray();
    std::replace(expected.begin(), expected.end(), '\0', '\x80');
    ImapCommandReader reader(1 << 20, 1 << 20);
    reader.feed("t LOGIN " + imapAString(data) + ' ' + imapString(data) + "\r\n");
    ImapReadItem item = reader.next();
    while (item.kind == ImapReadItem::Kind::Continuation)
        item = reader.next();
    check(item.kind == ImapReadItem::Kind::Command, "a written string did not read back as one command");
    const ImapParseResult login = parseImapCommand(item.command);
    check(login.ok(), "a written string did not parse");
    check(login.command.get<ImapLoginArgs>().user == expected, "astring did not round-trip");
    check(login.command.get<ImapLoginArgs>().password == expected, "string did not round-trip");

    // Modified UTF-7 has one spelling per name.
    if (const std::optional<QString> name = decodeMailboxUtf7(data))
        check(encodeMailboxUtf7(*name) == data, "modified UTF-7 decoded to a name with another spelling");
    const QString text = QString::fromUtf8(data);
    check(decodeMailboxUtf7(encodeMailboxUtf7(text)) == text, "modified UTF-7 did not round-trip");

    if (const std::optional<ImapSequenceSet> set = ImapSequenceSet::parse(data)) {
        check(ImapSequenceSet::parse(set->toString()) == set, "sequence set did not round-trip");
        const auto ranges = set->resolve(1000);
        for (size_t i = 0; i < ranges.size(); ++i) {
            check(ranges[i].first >= 1 && ranges[i].first <= ranges[i].second, "bad resolved range");
            check(i == 0 || quint64(ranges[i - 1].second) + 1 < ranges[i].first, "resolved ranges overlap");
        }
    }
    if (const std::optional<QDateTime> dt = parseImapDateTime(data))
        check(parseImapDateTime(formatImapDateTime(*dt)) == dt, "date-time did not round-trip");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const qsizetype maxCommand = 40 + (size > 0 ? data[0] % 200 : 0);
    const qint64 maxLiteral = size > 1 ? data[1] % 128 : 64;
    const QList<Item> whole = read(input, 0xffffffffu, maxCommand, maxLiteral);
    check(read(input, quint32(size), maxCommand, maxLiteral) == whole, "a different split gave different items");
    check(read(input, 7, maxCommand, maxLiteral) == whole, "a different split gave different items");
    for (const Item& item : whole) {
        if (item.kind == int(ImapReadItem::Kind::Command))
            checkCommand(item.command, maxCommand);
    }
    roundTrips(input.first(std::min<qsizetype>(input.size(), 2048)));
    return 0;
}
