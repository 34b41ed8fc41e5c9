// Argument parsers for mailbox commands: SELECT, EXAMINE, CREATE, DELETE, RENAME,
// SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT, LIST (with LIST-EXTENDED options), LSUB, STATUS,
// APPEND.

#include "imap/ImapParseCommands.h"

// TODO(tegami): not parsed (answered BAD): SELECT (QRESYNC ...), CREATE (USE (...)) of
// CREATE-SPECIAL-USE, LIST RETURN (STATUS ...) of LIST-STATUS, MULTIAPPEND and CATENATE.

namespace tegami::imapparse {

namespace {

bool isOptionChar(char c)
{
    return ImapCursor::isAtomChar(c);
}

// "(" word *(SP word) ")" with each word upper-cased and handed to `take`, which returns
// false (after recording why) for words it does not know. `allowEmpty`: "()" is fine.
template <typename Take> bool wordList(ImapCursor& c, const char* what, bool allowEmpty, Take take)
{
    if (!c.expect('(', what))
        return false;
    if (c.consume(')')) {
        if (!allowEmpty)
            return c.expected(what);
        return true;
    }
    for (;;) {
        const QByteArrayView word = c.takeWhile(isOptionChar);
        if (word.isEmpty())
            return c.expected(what);
        if (!take(word.toByteArray().toUpper()))
            return false;
        if (c.consume(')'))
            return true;
        if (!c.space("the next option"))
            return false;
    }
}

} // namespace

// CREATE / DELETE / SUBSCRIBE / UNSUBSCRIBE / GETQUOTAROOT SP mailbox
bool mailbox(ImapCursor& c, ImapCommand& cmd)
{
    if (!c.space("the mailbox name"))
        return false;
    std::optional<QString> name = c.mailbox("a mailbox name");
    if (!name)
        return false;
    if (cmd.id == ImapCommandId::Create && c.peek() == ' ')
        return c.fail(QStringLiteral("CREATE parameters are not supported"));
    cmd.args = ImapMailboxArgs { std::move(*name) };
    return true;
}

// SELECT / EXAMINE SP mailbox [SP "(" select-param *(SP select-param) ")"]   (RFC 4466)
bool select(ImapCursor& c, ImapCommand& cmd)
{
    ImapSelectArgs args;
    if (!c.space("the mailbox name"))
        return false;
    std::optional<QString> name = c.mailbox("a mailbox name");
    if (!name)
        return false;
    args.mailbox = std::move(*name);
    if (c.consume(' ')) {
        const bool ok = wordList(c, "a parameter list such as (CONDSTORE)", false, [&](const QByteArray& word) {
            if (word == "CONDSTORE") {
                args.condstore = true;
                return true;
            }
            return c.fail(QStringLiteral("unknown parameter %1 (only CONDSTORE is supported)")
                              .arg(QString::fromLatin1(word.left(40))));
        });
        if (!ok)
            return false;
    }
    cmd.args = std::move(args);
    return true;
}

// RENAME SP mailbox SP mailbox
bool rename(ImapCursor& c, ImapCommand& cmd)
{
    if (!c.space("the mailbox name"))
        return false;
    std::optional<QString> from = c.mailbox("the mailbox to rename");
    if (!from || !c.space("the new name"))
        return false;
    std::optional<QString> to = c.mailbox("the new mailbox name");
    if (!to)
        return false;
    cmd.args = ImapRenameArgs { std::move(*from), std::move(*to) };
    return true;
}

// LIST [SP "(" selection-options ")"] SP mailbox SP mbox-or-pat [SP "RETURN" SP "(" return-options ")"]
// mbox-or-pat = list-mailbox / "(" list-mailbox *(SP list-mailbox) ")"   (RFC 5258)
bool list(ImapCursor& c, ImapCommand& cmd)
{
    ImapListArgs args;
    if (!c.space("the reference name"))
        return false;
    if (c.peek() == '(') {
        args.extended = true;
        const bool ok = wordList(c, "LIST selection options", true, [&](const QByteArray& word) {
            if (word == "SUBSCRIBED")
                args.selectSubscribed = true;
            else if (word == "SPECIAL-USE")
                args.selectSpecialUse = true;
            else if (word == "RECURSIVEMATCH")
                args.recursiveMatch = true;
            else if (word != "REMOTE") // no remote mailboxes: REMOTE changes nothing
                return c.fail(
                    QStringLiteral("unknown LIST selection option %1").arg(QString::fromLatin1(word.left(40))));
            return true;
        });
        if (!ok || !c.space("the reference name"))
            return false;
        if (args.recursiveMatch && !args.selectSubscribed)
            return c.fail(QStringLiteral("RECURSIVEMATCH needs another selection option (RFC 5258)"));
    }
    std::optional<QString> reference = c.listMailbox("a reference name");
    if (!reference || !c.space("the mailbox pattern"))
        return false;
    args.reference = std::move(*reference);
    if (c.consume('(')) {
        args.extended = true;
        do {
            std::optional<QString> pattern = c.listMailbox("a mailbox pattern");
            if (!pattern)
                return false;
            args.patterns << std::move(*pattern);
        } while (c.consume(' '));
        if (!c.expect(')', ") after the mailbox patterns"))
            return false;
    } else {
        std::optional<QString> pattern = c.listMailbox("a mailbox pattern");
        if (!pattern)
            return false;
        args.patterns << std::move(*pattern);
    }
    if (c.consume(' ')) {
        if (!c.consumeKeyword("RETURN"))
            return c.expected("RETURN and LIST return options");
        if (!c.space("the return options"))
            return false;
        args.extended = true;
        const bool ok = wordList(c, "LIST return options", true, [&](const QByteArray& word) {
            if (word == "SUBSCRIBED")
                args.returnSubscribed = true;
            else if (word == "CHILDREN")
                args.returnChildren = true;
            else if (word == "SPECIAL-USE")
                args.returnSpecialUse = true;
            else
                return c.fail(QStringLiteral("unknown LIST return option %1").arg(QString::fromLatin1(word.left(40))));
            return true;
        });
        if (!ok)
            return false;
    }
    cmd.args = std::move(args);
    return true;
}

// LSUB SP mailbox SP list-mailbox
bool lsub(ImapCursor& c, ImapCommand& cmd)
{
    ImapListArgs args;
    if (!c.space("the reference name"))
        return false;
    std::optional<QString> reference = c.listMailbox("a reference name");
    if (!reference || !c.space("the mailbox pattern"))
        return false;
    std::optional<QString> pattern = c.listMailbox("a mailbox pattern");
    if (!pattern)
        return false;
    args.reference = std::move(*reference);
    args.patterns << std::move(*pattern);
    cmd.args = std::move(args);
    return true;
}

// STATUS SP mailbox SP "(" status-att *(SP status-att) ")"
bool status(ImapCursor& c, ImapCommand& cmd)
{
    ImapStatusArgs args;
    if (!c.space("the mailbox name"))
        return false;
    std::optional<QString> name = c.mailbox("a mailbox name");
    if (!name || !c.space("the status items"))
        return false;
    args.mailbox = std::move(*name);
    const bool ok = wordList(c, "a list of status items such as (MESSAGES UNSEEN)", false, [&](const QByteArray& w) {
        ImapStatusItem item;
        if (w == "MESSAGES")
            item = ImapStatusItem::Messages;
        else if (w == "RECENT")
            item = ImapStatusItem::Recent;
        else if (w == "UIDNEXT")
            item = ImapStatusItem::UidNext;
        else if (w == "UIDVALIDITY")
            item = ImapStatusItem::UidValidity;
        else if (w == "UNSEEN")
            item = ImapStatusItem::Unseen;
        else if (w == "HIGHESTMODSEQ")
            item = ImapStatusItem::HighestModSeq;
        else if (w == "SIZE")
            item = ImapStatusItem::Size;
        else if (w == "DELETED")
            item = ImapStatusItem::Deleted;
        else
            return c.fail(QStringLiteral("unknown status item %1").arg(QString::fromLatin1(w.left(40))));
        if (!args.items.contains(item))
            args.items.append(item);
        return true;
    });
    if (!ok)
        return false;
    cmd.args = std::move(args);
    return true;
}

// APPEND SP mailbox [SP flag-list] [SP date-time] SP literal   (literal8 with BINARY)
bool append(ImapCursor& c, ImapCommand& cmd)
{
    ImapAppendArgs args;
    if (!c.space("the mailbox name"))
        return false;
    std::optional<QString> name = c.mailbox("a mailbox name");
    if (!name || !c.space("the message"))
        return false;
    args.mailbox = std::move(*name);
    if (c.peek() == '(') {
        std::optional<QStringList> flags = c.flagList("a flag list", false);
        if (!flags || !c.space("the message"))
            return false;
        args.flags = std::move(*flags);
    }
    if (c.peek() == '"') {
        std::optional<QDateTime> date = c.dateTime("a date-time");
        if (!date || !c.space("the message"))
            return false;
        args.internalDate = std::move(*date);
    }
    if (!c.atLiteral())
        return c.expected("the message as a literal ({size} and the message)");
    std::optional<QByteArray> message = c.literal("the message as a literal", &args.binary);
    if (!message)
        return false;
    args.message = std::move(*message);
    if (!c.atEnd())
        return c.fail(QStringLiteral("one message per APPEND (MULTIAPPEND and CATENATE are not supported)"));
    cmd.args = std::move(args);
    return true;
}

} // namespace tegami::imapparse
