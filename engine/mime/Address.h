#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace tegami {

// One element of an IMAP ENVELOPE address list (RFC 3501 section 7.4.2): a mailbox
// (name, source route, local part, domain), or a group marker. A group is written as a
// start marker (mailbox = the group's name, host = NIL), its members, and an end marker
// (all four NIL). An absent value is NIL; the strings are raw header text (encoded words
// are not decoded: IMAP clients decode them).
struct ImapAddress {
    std::optional<QByteArray> name;
    std::optional<QByteArray> adl; // "@relay1,@relay2" for an obsolete source route
    std::optional<QByteArray> mailbox;
    std::optional<QByteArray> host;

    bool isGroupStart() const { return mailbox.has_value() && !host.has_value(); }
    bool isGroupEnd() const { return !name && !adl && !mailbox && !host; }
    bool operator==(const ImapAddress&) const = default;
};

// Values that stand in for the parts of a broken address, as Dovecot writes them (so a
// client sees something, and the address is visibly broken rather than silently dropped).
inline constexpr char kMissingMailbox[] = "MISSING_MAILBOX";
inline constexpr char kMissingDomain[] = "MISSING_DOMAIN";
inline constexpr char kSyntaxError[] = "SYNTAX_ERROR";

// An RFC 5322 address-list (a From, To, Cc... value, already unfolded) to IMAP address
// structures. Tolerant of junk: obsolete routes, comments (a comment after a bare address
// becomes its name), "<>", a missing "@" or domain (filled in with the placeholders above),
// unterminated quotes and angle brackets. After a broken address parsing goes on at the
// next comma; other junk ends it, keeping what came before. Linear; never fails.
QList<ImapAddress> parseAddressList(QByteArrayView value);

} // namespace tegami
