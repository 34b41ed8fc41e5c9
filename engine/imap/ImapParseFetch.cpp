// Argument parsers for message commands: FETCH (items, BODY[section]<partial>,
// CHANGEDSINCE), STORE (UNCHANGEDSINCE), COPY, MOVE, UID EXPUNGE.

#include "imap/ImapParseCommands.h"
#include "imap/ImapResponseWriter.h"

// TODO(tegami): not parsed (answered BAD): BINARY[...] / BINARY.SIZE (RFC 3516) and the
// QRESYNC VANISHED modifier.

namespace tegami::imapparse {

namespace {

using FT = ImapFetchItem::Type;

constexpr int kMaxSectionParts = 32;

bool isItemChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
}

bool isSectionWordChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

ImapFetchItem simple(FT type)
{
    ImapFetchItem item;
    item.type = type;
    return item;
}

// "[" section-spec "]" ["<" number "." nz-number ">"], after BODY or BODY.PEEK.
bool parseSection(ImapCursor& c, ImapFetchItem& item)
{
    ImapSection& s = item.section;
    if (!c.expect('[', "[ and a section"))
        return false;
    bool trailingDot = false;
    while (isDigit(c.peek())) {
        const std::optional<quint32> part = c.nzNumber("a part number");
        if (!part)
            return false;
        if (s.parts.size() == kMaxSectionParts)
            return c.fail(QStringLiteral("section part numbers are nested too deeply"));
        s.parts.append(*part);
        trailingDot = c.consume('.');
        if (!trailingDot)
            break;
    }
    const QByteArray word = c.takeWhile(isSectionWordChar).toByteArray().toUpper();
    if (!s.parts.isEmpty() && trailingDot == word.isEmpty())
        return c.expected("a section such as 1.2, HEADER, TEXT or 1.MIME");
    if (word.isEmpty()) {
        s.text = ImapSection::Text::Full;
    } else if (word == "HEADER") {
        s.text = ImapSection::Text::Header;
    } else if (word == "TEXT") {
        s.text = ImapSection::Text::Body;
    } else if (word == "MIME" && !s.parts.isEmpty()) {
        s.text = ImapSection::Text::Mime;
    } else if (word == "HEADER.FIELDS" || word == "HEADER.FIELDS.NOT") {
        s.text = word == "HEADER.FIELDS" ? ImapSection::Text::HeaderFields : ImapSection::Text::HeaderFieldsNot;
        if (!c.space("the header field list") || !c.expect('(', "( and header field names"))
            return false;
        do {
            std::optional<QByteArray> field = c.astring("a header field name");
            if (!field)
                return false;
            s.fields.append(std::move(*field));
        } while (c.consume(' '));
        if (!c.expect(')', ") after the header field names"))
            return false;
    } else {
        return c.fail(QStringLiteral("unknown section %1 (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, "
                                     "or MIME after part numbers)")
                          .arg(QString::fromLatin1(word.left(40))));
    }
    if (!c.expect(']', "] after the section"))
        return false;
    if (c.consume('<')) {
        const std::optional<quint32> offset = c.number("a partial offset");
        if (!offset || !c.expect('.', ". in <offset.length>"))
            return false;
        const std::optional<quint32> length = c.nzNumber("a partial length");
        if (!length || !c.expect('>', "> after <offset.length>"))
            return false;
        item.partialOffset = *offset;
        item.partialLength = *length;
    }
    return true;
}

bool parseFetchAtt(ImapCursor& c, QList<ImapFetchItem>& items, bool inList)
{
    const QByteArray name = c.takeWhile(isItemChar).toByteArray().toUpper();
    if (name.isEmpty())
        return c.expected("a fetch item such as FLAGS or BODY.PEEK[]");
    if (name == "ALL" || name == "FAST" || name == "FULL") {
        if (inList)
            return c.fail(QStringLiteral("ALL, FAST and FULL cannot be inside a list"));
        items << simple(FT::Flags) << simple(FT::InternalDate) << simple(FT::Rfc822Size);
        if (name != "FAST")
            items << simple(FT::Envelope);
        if (name == "FULL")
            items << simple(FT::Body);
        return true;
    }
    static const struct {
        const char* name;
        FT type;
    } kSimple[] = {
        { "FLAGS", FT::Flags },
        { "INTERNALDATE", FT::InternalDate },
        { "RFC822.SIZE", FT::Rfc822Size },
        { "ENVELOPE", FT::Envelope },
        { "BODYSTRUCTURE", FT::BodyStructure },
        { "UID", FT::Uid },
        { "MODSEQ", FT::ModSeq },
        { "RFC822", FT::Rfc822 },
        { "RFC822.HEADER", FT::Rfc822Header },
        { "RFC822.TEXT", FT::Rfc822Text },
    };
    for (const auto& s : kSimple) {
        if (name == s.name) {
            items << simple(s.type);
            return true;
        }
    }
    if (name == "BODY" && c.peek() != '[') {
        items << simple(FT::Body);
        return true;
    }
    if (name == "BODY" || name == "BODY.PEEK") {
        ImapFetchItem item;
        item.type = FT::BodySection;
        item.peek = name == "BODY.PEEK";
        if (!parseSection(c, item))
            return false;
        items << std::move(item);
        return true;
    }
    if (name.startsWith("BINARY"))
        return c.fail(QStringLiteral("BINARY fetch items are not supported"));
    return c.fail(QStringLiteral("unknown fetch item %1").arg(QString::fromLatin1(name.left(40))));
}

} // namespace

// FETCH SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")
//       [SP "(" "CHANGEDSINCE" SP mod-sequence-value ")"]   (RFC 4466, RFC 7162)
bool fetch(ImapCursor& c, ImapCommand& cmd)
{
    ImapFetchArgs args;
    if (!c.space("the sequence set"))
        return false;
    std::optional<ImapSequenceSet> set = c.sequenceSet(cmd.uid ? "a UID set" : "a sequence set");
    if (!set || !c.space("the fetch items"))
        return false;
    args.set = std::move(*set);
    if (c.consume('(')) {
        do {
            if (!parseFetchAtt(c, args.items, true))
                return false;
        } while (c.consume(' '));
        if (!c.expect(')', ") after the fetch items"))
            return false;
    } else if (!parseFetchAtt(c, args.items, false)) {
        return false;
    }
    if (c.consume(' ')) {
        if (!c.expect('(', "( and fetch modifiers such as (CHANGEDSINCE 1234)"))
            return false;
        do {
            if (c.consumeKeyword("CHANGEDSINCE")) {
                if (!c.space("the mod-sequence"))
                    return false;
                const std::optional<quint64> modseq = c.modSequence("a mod-sequence value", true);
                if (!modseq)
                    return false;
                args.changedSince = *modseq;
            } else if (c.consumeKeyword("VANISHED")) {
                return c.fail(QStringLiteral("VANISHED needs QRESYNC, which is not supported"));
            } else {
                return c.expected("a fetch modifier (CHANGEDSINCE)");
            }
        } while (c.consume(' '));
        if (!c.expect(')', ") after the fetch modifiers"))
            return false;
    }
    cmd.args = std::move(args);
    return true;
}

// STORE SP sequence-set [SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"] SP
//       ["+" / "-"] "FLAGS" [".SILENT"] SP (flag-list / (flag *(SP flag)))
bool store(ImapCursor& c, ImapCommand& cmd)
{
    ImapStoreArgs args;
    if (!c.space("the sequence set"))
        return false;
    std::optional<ImapSequenceSet> set = c.sequenceSet(cmd.uid ? "a UID set" : "a sequence set");
    if (!set || !c.space("FLAGS, +FLAGS or -FLAGS"))
        return false;
    args.set = std::move(*set);
    if (c.consume('(')) {
        if (!c.consumeKeyword("UNCHANGEDSINCE"))
            return c.expected("a store modifier (UNCHANGEDSINCE)");
        if (!c.space("the mod-sequence"))
            return false;
        const std::optional<quint64> modseq = c.modSequence("a mod-sequence value", true);
        if (!modseq || !c.expect(')', ") after the store modifier") || !c.space("FLAGS, +FLAGS or -FLAGS"))
            return false;
        args.unchangedSince = *modseq;
    }
    if (c.consume('+'))
        args.mode = ImapStoreMode::Add;
    else if (c.consume('-'))
        args.mode = ImapStoreMode::Remove;
    const QByteArray name = c.takeWhile(isSectionWordChar).toByteArray().toUpper();
    if (name != "FLAGS" && name != "FLAGS.SILENT")
        return c.expected("FLAGS, +FLAGS or -FLAGS (optionally .SILENT)");
    args.silent = name == "FLAGS.SILENT";
    if (!c.space("the flags"))
        return false;
    std::optional<QStringList> flags = c.flagList("a flag list", true);
    if (!flags)
        return false;
    args.flags = std::move(*flags);
    cmd.args = std::move(args);
    return true;
}

// COPY / MOVE SP sequence-set SP mailbox
bool copy(ImapCursor& c, ImapCommand& cmd)
{
    if (!c.space("the sequence set"))
        return false;
    std::optional<ImapSequenceSet> set = c.sequenceSet(cmd.uid ? "a UID set" : "a sequence set");
    if (!set || !c.space("the mailbox name"))
        return false;
    std::optional<QString> mailbox = c.mailbox("a mailbox name");
    if (!mailbox)
        return false;
    cmd.args = ImapCopyArgs { std::move(*set), std::move(*mailbox) };
    return true;
}

// UID EXPUNGE SP sequence-set   (RFC 4315)
bool uidExpunge(ImapCursor& c, ImapCommand& cmd)
{
    if (!c.space("the UID set"))
        return false;
    std::optional<ImapSequenceSet> set = c.sequenceSet("a UID set");
    if (!set)
        return false;
    cmd.args = ImapSequenceArgs { std::move(*set) };
    return true;
}

} // namespace tegami::imapparse

namespace tegami {

QByteArray ImapSection::toString() const
{
    QByteArray out;
    for (quint32 part : parts) {
        if (!out.isEmpty())
            out += '.';
        out += QByteArray::number(part);
    }
    const char* word = nullptr;
    switch (text) {
    case Text::Full:
        return out;
    case Text::Header:
        word = "HEADER";
        break;
    case Text::HeaderFields:
        word = "HEADER.FIELDS";
        break;
    case Text::HeaderFieldsNot:
        word = "HEADER.FIELDS.NOT";
        break;
    case Text::Body:
        word = "TEXT";
        break;
    case Text::Mime:
        word = "MIME";
        break;
    }
    if (!out.isEmpty())
        out += '.';
    out += word;
    if (text == Text::HeaderFields || text == Text::HeaderFieldsNot) {
        out += " (";
        for (qsizetype i = 0; i < fields.size(); ++i)
            out += (i > 0 ? " " : "") + imapAString(fields[i]);
        out += ')';
    }
    return out;
}

QByteArray ImapFetchItem::responseName() const
{
    switch (type) {
    case Type::Flags:
        return "FLAGS";
    case Type::InternalDate:
        return "INTERNALDATE";
    case Type::Rfc822Size:
        return "RFC822.SIZE";
    case Type::Envelope:
        return "ENVELOPE";
    case Type::Body:
        return "BODY";
    case Type::BodyStructure:
        return "BODYSTRUCTURE";
    case Type::Uid:
        return "UID";
    case Type::ModSeq:
        return "MODSEQ";
    case Type::Rfc822:
        return "RFC822";
    case Type::Rfc822Header:
        return "RFC822.HEADER";
    case Type::Rfc822Text:
        return "RFC822.TEXT";
    case Type::BodySection:
        break;
    }
    QByteArray out = "BODY[" + section.toString() + ']';
    if (partialOffset)
        out += '<' + QByteArray::number(*partialOffset) + '>';
    return out;
}

bool ImapFetchItem::setsSeen() const
{
    return type == Type::Rfc822 || type == Type::Rfc822Text || (type == Type::BodySection && !peek);
}

} // namespace tegami
