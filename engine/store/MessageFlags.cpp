#include "store/MessageFlags.h"

namespace tegami {

namespace {

// IMAP atom characters (RFC 3501 ATOM-CHAR) minus '\', which only starts system flags.
bool isKeywordChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (u) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

bool containsKeyword(const QStringList& keywords, const QString& keyword)
{
    for (const QString& k : keywords) {
        if (k.compare(keyword, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QString systemFlagName(SystemFlag flag)
{
    switch (flag) {
    case SystemFlag::Seen:
        return QStringLiteral("\\Seen");
    case SystemFlag::Answered:
        return QStringLiteral("\\Answered");
    case SystemFlag::Flagged:
        return QStringLiteral("\\Flagged");
    case SystemFlag::Deleted:
        return QStringLiteral("\\Deleted");
    case SystemFlag::Draft:
        return QStringLiteral("\\Draft");
    }
    return {};
}

bool MessageFlags::hasKeyword(const QString& keyword) const
{
    return containsKeyword(keywords, keyword);
}

QStringList MessageFlags::toStringList() const
{
    QStringList out;
    out.reserve(keywords.size() + 5);
    for (SystemFlag f : allSystemFlags) {
        if (system.testFlag(f))
            out << systemFlagName(f);
    }
    out << keywords;
    return out;
}

Result<MessageFlags> MessageFlags::parse(const QStringList& names)
{
    MessageFlags flags;
    for (const QString& name : names) {
        if (name.startsWith(QLatin1Char('\\'))) {
            bool known = false;
            for (SystemFlag f : allSystemFlags) {
                if (name.compare(systemFlagName(f), Qt::CaseInsensitive) == 0) {
                    flags.system |= f;
                    known = true;
                    break;
                }
            }
            if (!known) {
                return Error::invalid(QStringLiteral("flags"),
                    QStringLiteral("unknown system flag %1; use \\Seen, \\Answered, \\Flagged, "
                                   "\\Deleted, \\Draft or a keyword without a backslash")
                        .arg(name));
            }
            continue;
        }
        if (name.isEmpty() || name.size() > maxKeywordLength) {
            return Error::invalid(QStringLiteral("flags"),
                QStringLiteral("keyword \"%1\" must be 1 to %2 characters long")
                    .arg(name.left(40))
                    .arg(maxKeywordLength));
        }
        for (QChar c : name) {
            if (!isKeywordChar(c)) {
                return Error::invalid(QStringLiteral("flags"),
                    QStringLiteral("keyword \"%1\" contains a character IMAP does not allow in "
                                   "keywords (spaces, controls, non-ASCII, ( ) { % * \" \\ ]); "
                                   "use letters, digits and $_-.")
                        .arg(name.left(40)));
            }
        }
        if (!containsKeyword(flags.keywords, name))
            flags.keywords << name;
    }
    if (flags.keywords.size() > maxKeywords) {
        return Error::invalid(QStringLiteral("flags"),
            QStringLiteral("%1 keywords given; a message can carry at most %2")
                .arg(flags.keywords.size())
                .arg(maxKeywords));
    }
    return flags;
}

Result<MessageFlags> MessageFlags::applied(FlagMode mode, const MessageFlags& change) const
{
    MessageFlags out;
    switch (mode) {
    case FlagMode::Replace:
        out = change;
        break;
    case FlagMode::Add:
        out = *this;
        out.system |= change.system;
        for (const QString& k : change.keywords) {
            if (!containsKeyword(out.keywords, k))
                out.keywords << k;
        }
        break;
    case FlagMode::Remove:
        out.system = system & ~change.system;
        for (const QString& k : keywords) {
            if (!containsKeyword(change.keywords, k))
                out.keywords << k;
        }
        break;
    }
    if (out.keywords.size() > maxKeywords) {
        return Error::invalid(QStringLiteral("flags"),
            QStringLiteral("a message can carry at most %1 keywords; remove some first").arg(maxKeywords));
    }
    return out;
}

QStringList MessageFlags::keywordsFromText(const QString& text)
{
    if (text.isEmpty())
        return {};
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool operator==(const MessageFlags& a, const MessageFlags& b)
{
    if (a.system != b.system || a.keywords.size() != b.keywords.size())
        return false;
    for (const QString& k : a.keywords) {
        if (!b.hasKeyword(k))
            return false;
    }
    return true;
}

} // namespace tegami
