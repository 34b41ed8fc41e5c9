#pragma once

#include "imap/ImapSequenceSet.h"

#include <QByteArray>
#include <QDate>

#include <vector>

namespace tegami {

// One SEARCH key (RFC 3501 6.4.4, RFC 7162 MODSEQ) as a tree: the command's keys are the
// children of an And root; a parenthesised list is an And; OR has two children and NOT one.
//
// String arguments are kept as the client's bytes: their charset is the command's CHARSET
// (ImapSearchArgs::charset), which the session decodes (US-ASCII and UTF-8 at least;
// others are answered NO [BADCHARSET]).
struct ImapSearchKey {
    enum class Type {
        // Tree
        And,
        Or,
        Not,
        // No argument
        All,
        Answered,
        Deleted,
        Draft,
        Flagged,
        New, // \Recent and not \Seen
        Old, // not \Recent
        Recent,
        Seen,
        Unanswered,
        Undeleted,
        Undraft,
        Unflagged,
        Unseen,
        // `text`: the header or body must contain it (case-insensitive substring)
        Bcc,
        Body,
        Cc,
        From,
        Subject,
        Text,
        To,
        Header, // `field` contains `text`; an empty `text` matches any message with the field
        // `text` is a flag keyword
        Keyword,
        Unkeyword,
        // `date` (the internal date's day, in the server's zone; sent* use the Date: header)
        Before,
        On,
        Since,
        SentBefore,
        SentOn,
        SentSince,
        // `number` is a size in bytes
        Larger,
        Smaller,
        // `set`
        SequenceSet, // message sequence numbers
        Uid,
        // `number` is a mod-sequence value: messages with a modseq >= it (RFC 7162); the
        // optional entry name and type (`field`, `text`) are parsed and ignored by servers
        // without per-flag modseqs
        ModSeq,
    };

    Type type = Type::All;
    QByteArray text;
    QByteArray field;
    QDate date;
    quint64 number = 0;
    ImapSequenceSet set;
    std::vector<ImapSearchKey> children;

    bool operator==(const ImapSearchKey&) const = default;

    // A canonical text form for tests and the protocol log: "(AND SEEN (NOT FROM "x"))".
    QByteArray debugString() const;
};

} // namespace tegami
