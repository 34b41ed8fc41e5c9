#include "mime/Section.h"

namespace tegami {

namespace {

// The header and body of the message a part path ends in, for HEADER/TEXT: the root, or
// the embedded message of a message/rfc822 part.
const MimePart* messageOf(const MimePart& root, const QList<int>& path)
{
    if (path.isEmpty())
        return &root;
    const MimePart* part = findPart(root, path);
    if (part == nullptr || !part->isMessage())
        return nullptr;
    return &part->children.front();
}

} // namespace

std::optional<SectionSpec> parseSectionSpec(QByteArrayView text)
{
    SectionSpec spec;
    qsizetype pos = 0;
    // part numbers: digits separated by dots
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        qsizetype end = pos;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9')
            ++end;
        bool ok = false;
        const int n = text.sliced(pos, end - pos).toInt(&ok);
        if (!ok || n <= 0 || end - pos > 9)
            return std::nullopt;
        spec.part.append(n);
        pos = end;
        if (pos == text.size())
            return spec;
        if (text[pos] != '.')
            return std::nullopt;
        ++pos;
        if (pos == text.size())
            return std::nullopt;
    }
    const QByteArrayView rest = text.sliced(pos);
    if (rest.isEmpty())
        return spec;
    auto is = [&](QByteArrayView word) { return rest.compare(word, Qt::CaseInsensitive) == 0; };
    if (is("HEADER")) {
        spec.kind = SectionSpec::Kind::Header;
        return spec;
    }
    if (is("TEXT")) {
        spec.kind = SectionSpec::Kind::Text;
        return spec;
    }
    if (is("MIME")) {
        if (spec.part.isEmpty())
            return std::nullopt; // MIME needs a part number
        spec.kind = SectionSpec::Kind::Mime;
        return spec;
    }
    auto startsWith = [&](QByteArrayView word) {
        return rest.size() >= word.size() && rest.first(word.size()).compare(word, Qt::CaseInsensitive) == 0;
    };
    QByteArrayView list;
    if (startsWith("HEADER.FIELDS.NOT ")) {
        spec.kind = SectionSpec::Kind::HeaderFieldsNot;
        list = rest.sliced(18);
    } else if (startsWith("HEADER.FIELDS ")) {
        spec.kind = SectionSpec::Kind::HeaderFields;
        list = rest.sliced(14);
    } else {
        return std::nullopt;
    }
    list = list.trimmed();
    if (list.size() < 2 || list.front() != '(' || list.back() != ')')
        return std::nullopt;
    list = list.sliced(1, list.size() - 2);
    qsizetype i = 0;
    while (i < list.size()) {
        if (list[i] == ' ') {
            ++i;
            continue;
        }
        QByteArray name;
        if (list[i] == '"') {
            ++i;
            while (i < list.size() && list[i] != '"') {
                if (list[i] == '\\' && i + 1 < list.size())
                    ++i;
                name.append(list[i++]);
            }
            if (i >= list.size())
                return std::nullopt;
            ++i;
        } else {
            while (i < list.size() && list[i] != ' ' && list[i] != '(' && list[i] != ')' && list[i] != '"')
                name.append(list[i++]);
            if (i < list.size() && list[i] != ' ')
                return std::nullopt;
        }
        if (name.isEmpty())
            return std::nullopt;
        spec.fields.append(name);
    }
    if (spec.fields.isEmpty())
        return std::nullopt;
    return spec;
}

const MimePart* findPart(const MimePart& root, const QList<int>& path)
{
    const MimePart* message = &root; // the message whose parts the next number counts
    const MimePart* current = nullptr;
    for (const int n : path) {
        if (message == nullptr)
            return nullptr; // a leaf has no parts
        if (message->isMultipart()) {
            if (n < 1 || static_cast<size_t>(n) > message->children.size())
                return nullptr;
            current = &message->children[size_t(n) - 1];
        } else {
            if (n != 1)
                return nullptr;
            current = message;
        }
        // What the next number counts in.
        if (current->isMessage()) {
            message = &current->children.front();
        } else if (current->isMultipart() && current != message) {
            message = current;
        } else {
            message = nullptr;
        }
    }
    return current;
}

std::optional<ByteRange> sectionRange(const MimePart& root, const SectionSpec& spec)
{
    switch (spec.kind) {
    case SectionSpec::Kind::Whole:
        if (spec.part.isEmpty())
            return ByteRange { root.headerOffset, root.bodyEnd - root.headerOffset };
        if (const MimePart* part = findPart(root, spec.part))
            return ByteRange { part->bodyOffset, part->bodyLength() };
        return std::nullopt;
    case SectionSpec::Kind::Mime:
        if (const MimePart* part = findPart(root, spec.part))
            return ByteRange { part->headerOffset, part->bodyOffset - part->headerOffset };
        return std::nullopt;
    case SectionSpec::Kind::Header:
    case SectionSpec::Kind::HeaderFields:
    case SectionSpec::Kind::HeaderFieldsNot:
        if (const MimePart* message = messageOf(root, spec.part))
            return ByteRange { message->headerOffset, message->bodyOffset - message->headerOffset };
        return std::nullopt;
    case SectionSpec::Kind::Text:
        if (const MimePart* message = messageOf(root, spec.part))
            return ByteRange { message->bodyOffset, message->bodyLength() };
        return std::nullopt;
    }
    return std::nullopt;
}

QByteArray sectionContent(const QByteArray& message, const MimePart& root, const SectionSpec& spec)
{
    const std::optional<ByteRange> range = sectionRange(root, spec);
    if (!range)
        return QByteArray();
    if (spec.kind != SectionSpec::Kind::HeaderFields && spec.kind != SectionSpec::Kind::HeaderFieldsNot)
        return message.mid(range->offset, range->length);
    const Header header = Header::parse(message, range->offset, range->offset + range->length);
    const bool wanted = spec.kind == SectionSpec::Kind::HeaderFields;
    QByteArray out;
    for (const HeaderField& f : header.fields()) {
        bool listed = false;
        for (const QByteArray& name : spec.fields) {
            if (name.compare(f.name, Qt::CaseInsensitive) == 0) {
                listed = true;
                break;
            }
        }
        if (listed != wanted)
            continue;
        out.append(header.raw(f));
        if (!out.endsWith('\n'))
            out.append("\r\n"); // the last field of a header without an empty line
    }
    out.append("\r\n");
    return out;
}

} // namespace tegami
