#include "imap/ImapFetchJob.h"

#include "imap/ImapResponseWriter.h"
#include "mime/ImapFormat.h"
#include "mime/MimePart.h"
#include "mime/Section.h"
#include "store/MailStore.h"

#include <algorithm>
#include <optional>

namespace tegami {

namespace {

using FT = ImapFetchItem::Type;

// Whether the item needs the MIME structure (the whole message in memory).
bool needsStructure(const ImapFetchItem& item)
{
    if (item.type == FT::Body || item.type == FT::BodyStructure)
        return true;
    return item.type == FT::BodySection && !item.section.parts.isEmpty();
}

// BODY[], BODY[TEXT], RFC822, RFC822.TEXT: one contiguous range, which a large message
// serves straight from its file.
bool isStreamable(const ImapFetchItem& item)
{
    if (item.type == FT::Rfc822 || item.type == FT::Rfc822Text)
        return true;
    return item.type == FT::BodySection && item.section.parts.isEmpty()
        && (item.section.text == ImapSection::Text::Full || item.section.text == ImapSection::Text::Body);
}

bool needsHeader(const ImapFetchItem& item)
{
    return item.type == FT::Envelope || item.type == FT::Rfc822Header
        || (item.type == FT::BodySection && item.section.parts.isEmpty() && item.section.text != ImapSection::Text::Full
            && item.section.text != ImapSection::Text::Body);
}

bool needsContent(const ImapFetchItem& item)
{
    return needsStructure(item) || isStreamable(item) || needsHeader(item);
}

SectionSpec toSectionSpec(const ImapFetchItem& item)
{
    SectionSpec spec;
    switch (item.type) {
    case FT::Rfc822:
        return spec;
    case FT::Rfc822Header:
        spec.kind = SectionSpec::Kind::Header;
        return spec;
    case FT::Rfc822Text:
        spec.kind = SectionSpec::Kind::Text;
        return spec;
    default:
        break;
    }
    for (quint32 part : item.section.parts)
        spec.part << int(part);
    switch (item.section.text) {
    case ImapSection::Text::Full:
        spec.kind = SectionSpec::Kind::Whole;
        break;
    case ImapSection::Text::Header:
        spec.kind = SectionSpec::Kind::Header;
        break;
    case ImapSection::Text::HeaderFields:
        spec.kind = SectionSpec::Kind::HeaderFields;
        break;
    case ImapSection::Text::HeaderFieldsNot:
        spec.kind = SectionSpec::Kind::HeaderFieldsNot;
        break;
    case ImapSection::Text::Body:
        spec.kind = SectionSpec::Kind::Text;
        break;
    case ImapSection::Text::Mime:
        spec.kind = SectionSpec::Kind::Mime;
        break;
    }
    spec.fields = item.section.fields;
    return spec;
}

// <offset.length> applied to a range of `size` bytes: what remains of [0, size).
std::pair<qint64, qint64> partialRange(const ImapFetchItem& item, qint64 size)
{
    if (!item.partialOffset)
        return { 0, size };
    const qint64 offset = std::min<qint64>(*item.partialOffset, size);
    return { offset, std::min<qint64>(item.partialLength, size - offset) };
}

} // namespace

Result<QByteArray> readMessageHeader(QIODevice& device, qint64 maxBytes)
{
    QByteArray header;
    qsizetype searchFrom = 0;
    while (header.size() < maxBytes) {
        const QByteArray chunk = device.read(std::min<qint64>(16 * 1024, maxBytes - header.size()));
        if (chunk.isEmpty())
            break;
        header += chunk;
        // The empty line: CRLF CRLF (the store keeps CRLF), or a bare LF LF, or an empty
        // first line.
        if (header.startsWith("\r\n"))
            return header.first(2);
        if (header.startsWith('\n'))
            return header.first(1);
        for (qsizetype i = std::max<qsizetype>(searchFrom, 1); i < header.size(); ++i) {
            if (header[i] != '\n')
                continue;
            qsizetype next = i + 1;
            if (next < header.size() && header[next] == '\r')
                ++next;
            if (next < header.size() && header[next] == '\n')
                return header.first(next + 1);
        }
        searchFrom = std::max<qsizetype>(1, header.size() - 3);
    }
    if (device.bytesAvailable() < 0)
        return Error::io(QStringLiteral("cannot read the message: %1").arg(device.errorString()));
    return header;
}

// What was read of one message.
struct ImapFetchJob::Loaded {
    QByteArray bytes; // the whole message, or only its header
    bool whole = false;
    MimePart root;
    qint64 headerEnd = 0; // where the body starts
};

ImapFetchJob::ImapFetchJob(MailStore& store, qint64 folderId, std::vector<ImapFetchTarget> targets,
    QList<ImapFetchItem> items, ImapFetchOptions options)
    : m_store(store)
    , m_folderId(folderId)
    , m_targets(std::move(targets))
    , m_items(std::move(items))
    , m_options(options)
{ }

ImapFetchJob::~ImapFetchJob() = default;

bool ImapFetchJob::atEnd() const
{
    return m_next >= m_targets.size() && m_segment >= m_segments.size();
}

Result<QByteArray> ImapFetchJob::nextChunk(qint64 maxBytes)
{
    QByteArray out;
    while (out.size() < maxBytes) {
        if (m_segment >= m_segments.size()) {
            if (m_next >= m_targets.size())
                break;
            if (Result<void> built = buildNext(); !built) {
                // Nothing of this message's response was sent yet: leave it out.
                ++m_unreadable;
                m_segments.clear();
            }
            continue;
        }
        Segment& s = m_segments[m_segment];
        const qint64 room = maxBytes - out.size();
        if (s.fileOffset < 0) {
            const qint64 n = std::min<qint64>(s.bytes.size() - m_segmentPos, std::max<qint64>(room, 1));
            out += QByteArrayView(s.bytes).sliced(m_segmentPos, n);
            m_segmentPos += n;
            if (m_segmentPos >= s.bytes.size()) {
                ++m_segment;
                m_segmentPos = 0;
            }
            continue;
        }
        if (!m_file) {
            Result<std::unique_ptr<QIODevice>> opened = m_store.openMessage(m_folderId, m_targets[m_next - 1].info.uid);
            if (!opened)
                return opened.error();
            m_file = std::move(*opened);
        }
        if (!m_file->seek(s.fileOffset + m_segmentPos))
            return Error::io(QStringLiteral("cannot seek in a message file: %1").arg(m_file->errorString()));
        const qint64 want = std::min<qint64>(s.fileLength - m_segmentPos, std::max<qint64>(room, 1));
        const QByteArray data = m_file->read(want);
        if (data.size() != want)
            return Error::io(
                QStringLiteral("a message file ended early or cannot be read: %1").arg(m_file->errorString()));
        out += data;
        m_segmentPos += want;
        if (m_segmentPos >= s.fileLength) {
            ++m_segment;
            m_segmentPos = 0;
        }
    }
    return out;
}

Result<void> ImapFetchJob::buildNext()
{
    m_segments.clear();
    m_segment = 0;
    m_segmentPos = 0;
    m_file.reset();
    const ImapFetchTarget& target = m_targets[m_next++];
    QByteArray log = QByteArray::number(target.sequence) + " FETCH (";
    QByteArray wire = "* " + log;
    const qsizetype emptyLog = log.size();
    if (Result<void> r = appendItems(target, wire, log); !r)
        return r;
    if (log.size() == emptyLog && m_segments.empty())
        return {}; // nothing left to say (the content of an expunged message)
    wire += ")\r\n";
    log += ')';
    m_segments.push_back(Segment { std::move(wire), -1, 0 });
    m_logLines << log;
    return {};
}

Result<void> ImapFetchJob::appendItems(const ImapFetchTarget& target, QByteArray& wire, QByteArray& log)
{
    const MessageInfo& info = target.info;
    bool content = false;
    bool structure = false;
    bool streamable = false;
    bool hasUid = false;
    bool hasFlags = false;
    bool hasModSeq = false;
    for (const ImapFetchItem& item : m_items) {
        content = content || needsContent(item);
        structure = structure || needsStructure(item);
        streamable = streamable || isStreamable(item);
        hasUid = hasUid || item.type == FT::Uid;
        hasFlags = hasFlags || item.type == FT::Flags;
        hasModSeq = hasModSeq || item.type == FT::ModSeq;
    }
    const bool large = info.size > kStreamThreshold;
    const bool skipContent = content && target.expunged;
    if (skipContent)
        ++m_skipped;

    Loaded loaded;
    if (content && !skipContent) {
        if (structure || (streamable && !large)) {
            Result<QByteArray> bytes = m_store.readMessage(m_folderId, info.uid);
            if (!bytes)
                return bytes.error();
            loaded.bytes = std::move(*bytes);
            loaded.whole = true;
        } else {
            Result<std::unique_ptr<QIODevice>> device = m_store.openMessage(m_folderId, info.uid);
            if (!device)
                return device.error();
            Result<QByteArray> header = readMessageHeader(**device);
            if (!header)
                return header.error();
            loaded.bytes = std::move(*header);
            m_file = std::move(*device);
        }
        loaded.root = parseMimeMessage(loaded.bytes);
        loaded.headerEnd = loaded.whole ? loaded.root.bodyOffset : loaded.bytes.size();
    }

    bool first = true;
    auto add = [&](const QByteArray& text) {
        if (!first) {
            wire += ' ';
            log += ' ';
        }
        first = false;
        wire += text;
        log += text;
    };
    // A string value: a literal, from memory or (for a large message) from the file.
    auto addLiteral = [&](const QByteArray& name, const QByteArray& bytes, qint64 fileOffset, qint64 fileLength) {
        const qint64 size = fileOffset >= 0 ? fileLength : bytes.size();
        add(name + ' ');
        wire += imapLiteralHeader(size);
        log += '{' + QByteArray::number(size) + '}';
        if (fileOffset < 0) {
            wire += bytes;
            return;
        }
        m_segments.push_back(Segment { std::exchange(wire, QByteArray()), -1, 0 });
        m_segments.push_back(Segment { {}, fileOffset, fileLength });
    };
    auto flagList = [&] {
        QStringList flags = info.flags.toStringList();
        if (target.recent)
            flags.prepend(QStringLiteral("\\Recent"));
        return "FLAGS " + imapFlagList(flags);
    };

    if (m_options.uid && !hasUid)
        add("UID " + QByteArray::number(info.uid));
    if (target.addFlags && !hasFlags)
        add(flagList());
    for (const ImapFetchItem& item : m_items) {
        switch (item.type) {
        case FT::Flags:
            add(flagList());
            continue;
        case FT::InternalDate:
            add("INTERNALDATE " + imapDateTime(info.internalDate));
            continue;
        case FT::Rfc822Size:
            add("RFC822.SIZE " + QByteArray::number(info.size));
            continue;
        case FT::Uid:
            add("UID " + QByteArray::number(info.uid));
            continue;
        case FT::ModSeq:
            add("MODSEQ (" + QByteArray::number(info.modSeq) + ')');
            continue;
        default:
            break;
        }
        if (skipContent)
            continue;
        switch (item.type) {
        case FT::Envelope:
            add("ENVELOPE " + imapEnvelope(loaded.bytes, loaded.root));
            break;
        case FT::Body:
            add("BODY " + imapBodyStructure(loaded.bytes, loaded.root, false));
            break;
        case FT::BodyStructure:
            add("BODYSTRUCTURE " + imapBodyStructure(loaded.bytes, loaded.root, true));
            break;
        default: {
            const QByteArray name = item.responseName();
            if (isStreamable(item) && (large || !loaded.whole)) {
                const bool text = item.type == FT::Rfc822Text || item.section.text == ImapSection::Text::Body;
                const qint64 start = text ? loaded.headerEnd : 0;
                const auto [offset, length] = partialRange(item, info.size - start);
                addLiteral(name, {}, start + offset, length);
                break;
            }
            const QByteArray bytes = sectionContent(loaded.bytes, loaded.root, toSectionSpec(item));
            const auto [offset, length] = partialRange(item, bytes.size());
            addLiteral(name, bytes.mid(offset, length), -1, 0);
            break;
        }
        }
    }
    if ((m_options.modSeq && !hasModSeq && (hasFlags || target.addFlags)))
        add("MODSEQ (" + QByteArray::number(info.modSeq) + ')');
    return {};
}

} // namespace tegami
