#include "imap/ImapSearch.h"

#include "imap/ImapFetchJob.h"
#include "mime/EncodedWords.h"
#include "mime/Header.h"
#include "mime/MimePart.h"
#include "mime/PartText.h"
#include "store/MailStore.h"

#include <optional>

namespace tegami {

namespace {

using T = ImapSearchKey::Type;

bool inRanges(quint32 n, const std::vector<std::pair<quint32, quint32>>& ranges)
{
    for (const auto& [first, last] : ranges) {
        if (n >= first && n <= last)
            return true;
    }
    return false;
}

bool contains(const QString& haystack, const QString& needle)
{
    return needle.isEmpty() || haystack.contains(needle, Qt::CaseInsensitive);
}

} // namespace

// What has been read of the message being matched, read at most once.
struct ImapSearch::Context {
    MailStore& store;
    qint64 folderId;
    const ImapSearchMessage& message;
    std::optional<Header> header;
    std::optional<QByteArray> whole;
    std::optional<MimePart> root;
    std::optional<QString> body;
    bool unreadable = false;

    const Header* readHeader()
    {
        if (header)
            return &*header;
        if (unreadable || message.expunged)
            return nullptr;
        if (whole) {
            header = Header::parse(*whole);
            return &*header;
        }
        Result<std::unique_ptr<QIODevice>> device = store.openMessage(folderId, message.info->uid);
        if (!device) {
            unreadable = true;
            return nullptr;
        }
        Result<QByteArray> bytes = readMessageHeader(**device);
        if (!bytes) {
            unreadable = true;
            return nullptr;
        }
        header = Header::parse(*bytes);
        return &*header;
    }

    const QString* readBody()
    {
        if (body)
            return &*body;
        if (unreadable || message.expunged)
            return nullptr;
        Result<QByteArray> bytes = store.readMessage(folderId, message.info->uid);
        if (!bytes) {
            unreadable = true;
            return nullptr;
        }
        whole = std::move(*bytes);
        root = parseMimeMessage(*whole);
        body = messageBodyText(*whole, *root);
        return &*body;
    }

    // The decoded values of every `name` field, one per line.
    std::optional<QString> fieldText(QByteArrayView name)
    {
        const Header* h = readHeader();
        if (!h)
            return std::nullopt;
        QStringList values;
        for (const QByteArray& value : h->values(name))
            values << decodeEncodedWords(value);
        return values.join(QLatin1Char('\n'));
    }

    std::optional<QDate> sentDate()
    {
        const Header* h = readHeader();
        if (!h || !h->contains("Date"))
            return std::nullopt;
        QByteArray value = h->value("Date").simplified();
        // Qt wants no comment after the zone ("+0900 (JST)").
        if (const qsizetype paren = value.indexOf('('); paren > 0)
            value = value.first(paren).trimmed();
        const QDateTime date = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
        if (!date.isValid())
            return std::nullopt;
        // RFC 3501: the date as written, disregarding time and zone.
        return date.date();
    }
};

Result<ImapSearch> ImapSearch::compile(const ImapSearchArgs& args, quint32 messageCount, quint32 highestUid)
{
    if (!args.charset.isEmpty() && args.charset != "UTF-8" && args.charset != "US-ASCII")
        return Error::invalid(QStringLiteral("charset"),
            QStringLiteral("Charset %1 is not supported; use UTF-8").arg(QString::fromLatin1(args.charset)));
    ImapSearch search;
    search.m_root = compileNode(args.key, messageCount, highestUid, &search.m_usesModSeq);
    return search;
}

ImapSearch::Node ImapSearch::compileNode(
    const ImapSearchKey& key, quint32 messageCount, quint32 highestUid, bool* modSeq)
{
    Node node;
    node.type = key.type;
    // US-ASCII is a subset of UTF-8; 8-bit bytes under US-ASCII are taken as UTF-8 too.
    node.text = QString::fromUtf8(key.text);
    node.field = key.field;
    node.date = key.date;
    node.number = key.number;
    if (key.type == T::SequenceSet)
        node.ranges = key.set.resolve(messageCount);
    else if (key.type == T::Uid)
        node.ranges = key.set.resolve(highestUid);
    else if (key.type == T::ModSeq)
        *modSeq = true;
    for (const ImapSearchKey& child : key.children)
        node.children.push_back(compileNode(child, messageCount, highestUid, modSeq));
    return node;
}

bool ImapSearch::matches(MailStore& store, qint64 folderId, const ImapSearchMessage& message) const
{
    Context context { store, folderId, message, {}, {}, {}, {}, false };
    return evaluate(m_root, context);
}

bool ImapSearch::evaluate(const Node& node, Context& c)
{
    const MessageInfo& info = *c.message.info;
    const MessageFlags& flags = info.flags;
    auto textOf = [&](QByteArrayView field) {
        const std::optional<QString> text = c.fieldText(field);
        return text && contains(*text, node.text);
    };
    auto sent = [&](int compare) {
        const std::optional<QDate> date = c.sentDate();
        if (!date)
            return false;
        return compare < 0 ? *date < node.date : compare == 0 ? *date == node.date : *date >= node.date;
    };
    const QDate internal = info.internalDate.toLocalTime().date();
    switch (node.type) {
    case T::And:
        for (const Node& child : node.children) {
            if (!evaluate(child, c))
                return false;
        }
        return true;
    case T::Or:
        return evaluate(node.children.at(0), c) || evaluate(node.children.at(1), c);
    case T::Not:
        return !evaluate(node.children.at(0), c);
    case T::All:
        return true;
    case T::Answered:
        return flags.has(SystemFlag::Answered);
    case T::Deleted:
        return flags.has(SystemFlag::Deleted);
    case T::Draft:
        return flags.has(SystemFlag::Draft);
    case T::Flagged:
        return flags.has(SystemFlag::Flagged);
    case T::Seen:
        return flags.has(SystemFlag::Seen);
    case T::Unanswered:
        return !flags.has(SystemFlag::Answered);
    case T::Undeleted:
        return !flags.has(SystemFlag::Deleted);
    case T::Undraft:
        return !flags.has(SystemFlag::Draft);
    case T::Unflagged:
        return !flags.has(SystemFlag::Flagged);
    case T::Unseen:
        return !flags.has(SystemFlag::Seen);
    case T::New:
        return c.message.recent && !flags.has(SystemFlag::Seen);
    case T::Old:
        return !c.message.recent;
    case T::Recent:
        return c.message.recent;
    case T::Keyword:
        return flags.hasKeyword(node.text);
    case T::Unkeyword:
        return !flags.hasKeyword(node.text);
    case T::Bcc:
        return textOf("Bcc");
    case T::Cc:
        return textOf("Cc");
    case T::From:
        return textOf("From");
    case T::To:
        return textOf("To");
    case T::Subject:
        return textOf("Subject");
    case T::Header: {
        const Header* h = c.readHeader();
        if (!h || !h->contains(node.field))
            return false;
        return node.text.isEmpty() || textOf(node.field);
    }
    case T::Body: {
        const QString* body = c.readBody();
        return body && contains(*body, node.text);
    }
    case T::Text: {
        const Header* h = c.readHeader();
        if (h && contains(decodedHeaderText(*h), node.text))
            return true;
        const QString* body = c.readBody();
        return body && contains(*body, node.text);
    }
    case T::Before:
        return internal < node.date;
    case T::On:
        return internal == node.date;
    case T::Since:
        return internal >= node.date;
    case T::SentBefore:
        return sent(-1);
    case T::SentOn:
        return sent(0);
    case T::SentSince:
        return sent(1);
    case T::Larger:
        return quint64(info.size) > node.number;
    case T::Smaller:
        return quint64(info.size) < node.number;
    case T::SequenceSet:
        return inRanges(c.message.sequence, node.ranges);
    case T::Uid:
        return inRanges(info.uid, node.ranges);
    case T::ModSeq:
        return info.modSeq >= node.number;
    }
    return false;
}

} // namespace tegami
