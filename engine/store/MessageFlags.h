#pragma once

#include "core/Result.h"

#include <QFlags>
#include <QStringList>

namespace tegami {

// The IMAP system flags a message keeps in the index. \Recent is not stored: it is a
// per-session notion (and gone in IMAP4rev2); the IMAP session derives it.
enum class SystemFlag : quint8 {
    Seen = 0x01,
    Answered = 0x02,
    Flagged = 0x04,
    Deleted = 0x08,
    Draft = 0x10,
};
Q_DECLARE_FLAGS(SystemFlags, SystemFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(SystemFlags)

inline constexpr SystemFlag allSystemFlags[]
    = { SystemFlag::Seen, SystemFlag::Answered, SystemFlag::Flagged, SystemFlag::Deleted, SystemFlag::Draft };

QString systemFlagName(SystemFlag flag); // "\\Seen", "\\Answered", ...

// How storeFlags() combines the given flags with a message's current ones (IMAP STORE
// FLAGS, +FLAGS, -FLAGS).
enum class FlagMode { Add, Remove, Replace };

// System flags plus keywords ($Forwarded, Junk, ...). Keywords compare case-insensitively,
// as IMAP flag names do; the spelling first seen is kept.
struct MessageFlags {
    SystemFlags system;
    QStringList keywords;

    static constexpr int maxKeywordLength = 128;
    static constexpr int maxKeywords = 64; // per message

    bool has(SystemFlag flag) const { return system.testFlag(flag); }
    bool hasKeyword(const QString& keyword) const;
    bool isEmpty() const { return !system && keywords.isEmpty(); }

    // System flags in a fixed order, then keywords: the IMAP FLAGS list.
    QStringList toStringList() const;

    // Parses IMAP flag names. Unknown system flags (\Recent, \Foo) and keywords that are
    // not IMAP atoms are refused with a message naming the bad flag.
    static Result<MessageFlags> parse(const QStringList& names);

    // The flags after applying `change` in `mode`; fails when the result would carry more
    // than maxKeywords keywords.
    Result<MessageFlags> applied(FlagMode mode, const MessageFlags& change) const;

    // The index stores keywords as one space-separated text column (atoms have no spaces).
    QString keywordsText() const { return keywords.join(QLatin1Char(' ')); }
    static QStringList keywordsFromText(const QString& text);
};

bool operator==(const MessageFlags& a, const MessageFlags& b);
inline bool operator!=(const MessageFlags& a, const MessageFlags& b)
{
    return !(a == b);
}

} // namespace tegami
