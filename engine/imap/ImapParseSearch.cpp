// SEARCH [CHARSET x] keys (RFC 3501 6.4.4 with RFC 7162 MODSEQ) into an ImapSearchKey tree.
// Recursion (parentheses, NOT, OR) is bounded, so a 10,000-deep input is a BAD, not a
// stack overflow.

#include "imap/ImapParseCommands.h"

#include <span>

// TODO(tegami): ESEARCH (SEARCH RETURN (...), RFC 4731) and SEARCHRES ($, RFC 5182) are
// not parsed.

namespace tegami::imapparse {

namespace {

constexpr int kMaxSearchDepth = 64;

using T = ImapSearchKey::Type;

bool isKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
}

bool isSeqStart(char c)
{
    return (c >= '0' && c <= '9') || c == '*' || c == '$';
}

struct KeyName {
    const char* name;
    T type;
};

constexpr KeyName kFlagKeys[] = {
    { "ALL", T::All },
    { "ANSWERED", T::Answered },
    { "DELETED", T::Deleted },
    { "DRAFT", T::Draft },
    { "FLAGGED", T::Flagged },
    { "NEW", T::New },
    { "OLD", T::Old },
    { "RECENT", T::Recent },
    { "SEEN", T::Seen },
    { "UNANSWERED", T::Unanswered },
    { "UNDELETED", T::Undeleted },
    { "UNDRAFT", T::Undraft },
    { "UNFLAGGED", T::Unflagged },
    { "UNSEEN", T::Unseen },
};

constexpr KeyName kStringKeys[] = {
    { "BCC", T::Bcc },
    { "BODY", T::Body },
    { "CC", T::Cc },
    { "FROM", T::From },
    { "SUBJECT", T::Subject },
    { "TEXT", T::Text },
    { "TO", T::To },
};

constexpr KeyName kDateKeys[] = {
    { "BEFORE", T::Before },
    { "ON", T::On },
    { "SINCE", T::Since },
    { "SENTBEFORE", T::SentBefore },
    { "SENTON", T::SentOn },
    { "SENTSINCE", T::SentSince },
};

template <size_t N> std::optional<T> lookup(const KeyName (&table)[N], const QByteArray& name)
{
    for (const KeyName& k : table) {
        if (name == k.name)
            return k.type;
    }
    return std::nullopt;
}

std::optional<ImapSearchKey> parseKey(ImapCursor& c, int depth);

// key *(SP key) up to ")" (inside parentheses) or the end of the command.
bool parseKeyList(ImapCursor& c, int depth, bool inParens, ImapSearchKey& into)
{
    for (;;) {
        std::optional<ImapSearchKey> key = parseKey(c, depth);
        if (!key)
            return false;
        into.children.push_back(std::move(*key));
        if (inParens ? c.consume(')') : c.atEnd())
            return true;
        if (!c.space("the next search key"))
            return false;
    }
}

std::optional<ImapSearchKey> parseKey(ImapCursor& c, int depth)
{
    if (depth >= kMaxSearchDepth) {
        c.fail(QStringLiteral("search keys are nested too deeply (the limit is %1)").arg(kMaxSearchDepth));
        return std::nullopt;
    }
    ImapSearchKey key;
    if (c.consume('(')) {
        key.type = T::And;
        if (!parseKeyList(c, depth + 1, true, key))
            return std::nullopt;
        return key;
    }
    if (isSeqStart(c.peek())) {
        std::optional<ImapSequenceSet> set = c.sequenceSet("a sequence set");
        if (!set)
            return std::nullopt;
        key.type = T::SequenceSet;
        key.set = std::move(*set);
        return key;
    }
    const QByteArray name = c.takeWhile(isKeyChar).toByteArray().toUpper();
    if (name.isEmpty()) {
        c.expected("a search key");
        return std::nullopt;
    }
    if (const std::optional<T> t = lookup(kFlagKeys, name)) {
        key.type = *t;
        return key;
    }
    if (c.peek() != ' ') {
        c.fail(QStringLiteral("unknown search key %1").arg(QString::fromLatin1(name.left(40))));
        return std::nullopt;
    }
    c.consume(' ');
    if (const std::optional<T> t = lookup(kStringKeys, name)) {
        std::optional<QByteArray> text = c.astring("a search string");
        if (!text)
            return std::nullopt;
        key.type = *t;
        key.text = std::move(*text);
        return key;
    }
    if (const std::optional<T> t = lookup(kDateKeys, name)) {
        const std::optional<QDate> date = c.date("a date");
        if (!date)
            return std::nullopt;
        key.type = *t;
        key.date = *date;
        return key;
    }
    if (name == "NOT") {
        std::optional<ImapSearchKey> inner = parseKey(c, depth + 1);
        if (!inner)
            return std::nullopt;
        key.type = T::Not;
        key.children.push_back(std::move(*inner));
        return key;
    }
    if (name == "OR") {
        std::optional<ImapSearchKey> a = parseKey(c, depth + 1);
        if (!a || !c.space("the second key of OR"))
            return std::nullopt;
        std::optional<ImapSearchKey> b = parseKey(c, depth + 1);
        if (!b)
            return std::nullopt;
        key.type = T::Or;
        key.children.push_back(std::move(*a));
        key.children.push_back(std::move(*b));
        return key;
    }
    if (name == "HEADER") {
        std::optional<QByteArray> field = c.astring("a header field name");
        if (!field || !c.space("the header search string"))
            return std::nullopt;
        std::optional<QByteArray> text = c.astring("a search string");
        if (!text)
            return std::nullopt;
        key.type = T::Header;
        key.field = std::move(*field);
        key.text = std::move(*text);
        return key;
    }
    if (name == "KEYWORD" || name == "UNKEYWORD") {
        std::optional<QByteArray> keyword = c.atom("a flag keyword");
        if (!keyword)
            return std::nullopt;
        key.type = name == "KEYWORD" ? T::Keyword : T::Unkeyword;
        key.text = std::move(*keyword);
        return key;
    }
    if (name == "LARGER" || name == "SMALLER") {
        const std::optional<quint32> size = c.number("a size in bytes");
        if (!size)
            return std::nullopt;
        key.type = name == "LARGER" ? T::Larger : T::Smaller;
        key.number = *size;
        return key;
    }
    if (name == "UID") {
        std::optional<ImapSequenceSet> set = c.sequenceSet("a UID set");
        if (!set)
            return std::nullopt;
        key.type = T::Uid;
        key.set = std::move(*set);
        return key;
    }
    if (name == "MODSEQ") {
        // MODSEQ SP [entry-name SP entry-type-req SP] mod-sequence-valzer   (RFC 7162)
        if (c.peek() == '"') {
            std::optional<QByteArray> entry = c.quoted("a metadata item name");
            if (!entry || !c.space("the entry type"))
                return std::nullopt;
            std::optional<QByteArray> type = c.atom("priv, shared or all");
            if (!type)
                return std::nullopt;
            const QByteArray lower = type->toLower();
            if (lower != "priv" && lower != "shared" && lower != "all") {
                c.expected("priv, shared or all");
                return std::nullopt;
            }
            if (!c.space("the mod-sequence"))
                return std::nullopt;
            key.field = std::move(*entry);
            key.text = lower;
        }
        const std::optional<quint64> modseq = c.modSequence("a mod-sequence value", true);
        if (!modseq)
            return std::nullopt;
        key.type = T::ModSeq;
        key.number = *modseq;
        return key;
    }
    c.fail(QStringLiteral("unknown search key %1").arg(QString::fromLatin1(name.left(40))));
    return std::nullopt;
}

QByteArray quote(const QByteArray& s)
{
    QByteArray out = "\"";
    for (char ch : s) {
        if (ch == '"' || ch == '\\')
            out += '\\';
        out += ch;
    }
    return out + '"';
}

} // namespace

// SEARCH [SP "CHARSET" SP astring] 1*(SP search-key)
bool search(ImapCursor& c, ImapCommand& cmd)
{
    ImapSearchArgs args;
    args.key.type = T::And;
    if (!c.space("the search keys"))
        return false;
    if (c.consumeKeyword("CHARSET")) {
        if (!c.space("the charset name"))
            return false;
        std::optional<QByteArray> charset = c.astring("a charset name");
        if (!charset || !c.space("the search keys"))
            return false;
        args.charset = charset->toUpper();
    }
    if (!parseKeyList(c, 0, false, args.key))
        return false;
    cmd.args = std::move(args);
    return true;
}

} // namespace tegami::imapparse

namespace tegami {

QByteArray ImapSearchKey::debugString() const
{
    using namespace imapparse;
    auto name = [](T t) -> QByteArray {
        for (const auto& table : { std::span<const KeyName>(kFlagKeys), std::span<const KeyName>(kStringKeys),
                 std::span<const KeyName>(kDateKeys) }) {
            for (const KeyName& k : table) {
                if (k.type == t)
                    return k.name;
            }
        }
        switch (t) {
        case T::And:
            return "AND";
        case T::Or:
            return "OR";
        case T::Not:
            return "NOT";
        case T::Header:
            return "HEADER";
        case T::Keyword:
            return "KEYWORD";
        case T::Unkeyword:
            return "UNKEYWORD";
        case T::Larger:
            return "LARGER";
        case T::Smaller:
            return "SMALLER";
        case T::SequenceSet:
            return "SEQ";
        case T::Uid:
            return "UID";
        case T::ModSeq:
            return "MODSEQ";
        default:
            return "?";
        }
    };
    QByteArray out = name(type);
    switch (type) {
    case T::And:
    case T::Or:
    case T::Not:
        out = '(' + out;
        for (const ImapSearchKey& child : children)
            out += ' ' + child.debugString();
        return out + ')';
    case T::Bcc:
    case T::Body:
    case T::Cc:
    case T::From:
    case T::Subject:
    case T::Text:
    case T::To:
        return out + ' ' + quote(text);
    case T::Header:
        return out + ' ' + quote(field) + ' ' + quote(text);
    case T::Keyword:
    case T::Unkeyword:
        return out + ' ' + text;
    case T::Before:
    case T::On:
    case T::Since:
    case T::SentBefore:
    case T::SentOn:
    case T::SentSince:
        return out + ' ' + date.toString(Qt::ISODate).toLatin1();
    case T::Larger:
    case T::Smaller:
        return out + ' ' + QByteArray::number(number);
    case T::SequenceSet:
    case T::Uid:
        return out + ' ' + set.toString();
    case T::ModSeq:
        return out + (field.isEmpty() ? QByteArray() : ' ' + quote(field) + ' ' + text) + ' '
            + QByteArray::number(number);
    default:
        return out;
    }
}

} // namespace tegami
