#include "imap/ImapCommandParser.h"

#include "imap/ImapCursor.h"
#include "imap/ImapParseCommands.h"

#include <algorithm>
#include <array>

namespace tegami {

namespace {

using S = ImapState;
using F = ImapCommandFlag;
using namespace imapparse;

constexpr ImapStates kAny = ImapStates(S::NotAuthenticated) | S::Authenticated | S::Selected;
constexpr ImapStates kNotAuth = ImapStates(S::NotAuthenticated);
constexpr ImapStates kAuth = ImapStates(S::Authenticated) | S::Selected;
constexpr ImapStates kAuthOnly = ImapStates(S::Authenticated);
constexpr ImapStates kSelected = ImapStates(S::Selected);
constexpr ImapCommandFlags kNone = {};
constexpr ImapCommandFlags kExclusive = ImapCommandFlags(F::Exclusive);
constexpr ImapCommandFlags kBreaks = ImapCommandFlags(F::BreaksSequenceNumbers);
constexpr ImapCommandFlags kSeqUid = ImapCommandFlags(F::UsesSequenceNumbers) | F::HasUidForm;
constexpr ImapCommandFlags kUid = ImapCommandFlags(F::HasUidForm);

// Like Dovecot's command table: what each command is, where it may run, and its parser.
const std::array kCommands = {
    ImapCommandSpec { "CAPABILITY", ImapCommandId::Capability, false, kAny, kNone, noArgs },
    ImapCommandSpec { "NOOP", ImapCommandId::Noop, false, kAny, kNone, noArgs },
    ImapCommandSpec { "LOGOUT", ImapCommandId::Logout, false, kAny, kExclusive, noArgs },
    ImapCommandSpec { "ID", ImapCommandId::Id, false, kAny, kNone, id },
    ImapCommandSpec { "STARTTLS", ImapCommandId::StartTls, false, kNotAuth, kExclusive, noArgs },
    ImapCommandSpec { "AUTHENTICATE", ImapCommandId::Authenticate, false, kNotAuth, kExclusive, authenticate },
    ImapCommandSpec { "LOGIN", ImapCommandId::Login, false, kNotAuth, kExclusive, login },
    ImapCommandSpec { "ENABLE", ImapCommandId::Enable, false, kAuthOnly, kExclusive, enable },
    ImapCommandSpec { "SELECT", ImapCommandId::Select, false, kAuth, kExclusive, select },
    ImapCommandSpec { "EXAMINE", ImapCommandId::Examine, false, kAuth, kExclusive, select },
    ImapCommandSpec { "CREATE", ImapCommandId::Create, false, kAuth, kNone, mailbox },
    ImapCommandSpec { "DELETE", ImapCommandId::Delete, false, kAuth, kNone, mailbox },
    ImapCommandSpec { "RENAME", ImapCommandId::Rename, false, kAuth, kNone, rename },
    ImapCommandSpec { "SUBSCRIBE", ImapCommandId::Subscribe, false, kAuth, kNone, mailbox },
    ImapCommandSpec { "UNSUBSCRIBE", ImapCommandId::Unsubscribe, false, kAuth, kNone, mailbox },
    ImapCommandSpec { "LIST", ImapCommandId::List, false, kAuth, kNone, list },
    ImapCommandSpec { "LSUB", ImapCommandId::Lsub, false, kAuth, kNone, lsub },
    ImapCommandSpec { "STATUS", ImapCommandId::Status, false, kAuth, kNone, status },
    ImapCommandSpec { "APPEND", ImapCommandId::Append, false, kAuth, kNone, append },
    ImapCommandSpec { "NAMESPACE", ImapCommandId::Namespace, false, kAuth, kNone, noArgs },
    ImapCommandSpec { "GETQUOTA", ImapCommandId::GetQuota, false, kAuth, kNone, getQuota },
    ImapCommandSpec { "GETQUOTAROOT", ImapCommandId::GetQuotaRoot, false, kAuth, kNone, mailbox },
    ImapCommandSpec { "IDLE", ImapCommandId::Idle, false, kAuth, kExclusive, noArgs },
    ImapCommandSpec { "CHECK", ImapCommandId::Check, false, kSelected, kNone, noArgs },
    ImapCommandSpec { "CLOSE", ImapCommandId::Close, false, kSelected, kExclusive, noArgs },
    ImapCommandSpec { "UNSELECT", ImapCommandId::Unselect, false, kSelected, kExclusive, noArgs },
    ImapCommandSpec { "EXPUNGE", ImapCommandId::Expunge, false, kSelected, kBreaks | F::HasUidForm, noArgs },
    ImapCommandSpec { "SEARCH", ImapCommandId::Search, false, kSelected, kSeqUid, search },
    ImapCommandSpec { "FETCH", ImapCommandId::Fetch, false, kSelected, kSeqUid, fetch },
    ImapCommandSpec { "STORE", ImapCommandId::Store, false, kSelected, kSeqUid, store },
    ImapCommandSpec { "COPY", ImapCommandId::Copy, false, kSelected, kSeqUid, copy },
    ImapCommandSpec { "MOVE", ImapCommandId::Move, false, kSelected, kSeqUid | F::BreaksSequenceNumbers, copy },
    ImapCommandSpec { "UID EXPUNGE", ImapCommandId::Expunge, true, kSelected, kBreaks | F::HasUidForm, uidExpunge },
    ImapCommandSpec { "UID SEARCH", ImapCommandId::Search, true, kSelected, kUid, search },
    ImapCommandSpec { "UID FETCH", ImapCommandId::Fetch, true, kSelected, kUid, fetch },
    ImapCommandSpec { "UID STORE", ImapCommandId::Store, true, kSelected, kUid, store },
    ImapCommandSpec { "UID COPY", ImapCommandId::Copy, true, kSelected, kUid, copy },
    ImapCommandSpec { "UID MOVE", ImapCommandId::Move, true, kSelected, kUid | F::BreaksSequenceNumbers, copy },
};

bool isTagChar(char c)
{
    return ImapCursor::isAstringChar(c) && static_cast<unsigned char>(c) < 0x80 && c != '+';
}

bool isLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

} // namespace

std::span<const ImapCommandSpec> imapCommandTable()
{
    return kCommands;
}

const ImapCommandSpec* findImapCommand(QByteArrayView name, bool uid)
{
    for (const ImapCommandSpec& spec : kCommands) {
        if (spec.uid != uid)
            continue;
        const QByteArrayView specName = uid ? QByteArrayView(spec.name).sliced(4) : QByteArrayView(spec.name);
        if (specName.size() == name.size() && qstrnicmp(specName.data(), name.data(), name.size()) == 0)
            return &spec;
    }
    return nullptr;
}

QByteArray ImapCommand::name() const
{
    return spec ? QByteArray(spec->name) : QByteArray();
}

QByteArray ImapParseResult::badResponse() const
{
    return (command.tag.isEmpty() ? QByteArray("*") : command.tag) + " BAD " + error.toUtf8() + "\r\n";
}

ImapParseResult parseImapCommand(const ImapRawCommand& raw)
{
    ImapParseResult result;
    ImapCursor c(raw);
    const QByteArrayView tag = c.takeWhile(isTagChar);
    if (tag.isEmpty() || (c.peek() != ' ' && !c.atEnd())) {
        result.error = QStringLiteral("Invalid tag (a tag is letters, digits and punctuation other than "
                                      "( ) { % * \" \\ +, then a space)");
        return result;
    }
    result.command.tag = tag.toByteArray();
    if (!c.consume(' ')) {
        result.error = QStringLiteral("Missing command after the tag");
        return result;
    }
    QByteArrayView name = c.takeWhile(isLetter);
    bool uid = false;
    if (name.compare("UID", Qt::CaseInsensitive) == 0 && c.consume(' ')) {
        uid = true;
        name = c.takeWhile(isLetter);
    }
    const QString uidHelp = QStringLiteral("UID must be followed by FETCH, STORE, COPY, MOVE, SEARCH or EXPUNGE");
    if (name.isEmpty()) {
        result.error = uid ? uidHelp : QStringLiteral("Missing command after the tag");
        return result;
    }
    if (c.peek() != ' ' && !c.atEnd()) {
        result.error = uid ? uidHelp : QStringLiteral("Unknown command");
        return result;
    }
    const ImapCommandSpec* spec = findImapCommand(name, uid);
    if (!spec) {
        result.error = uid ? uidHelp : QStringLiteral("Unknown command");
        return result;
    }
    result.command.spec = spec;
    result.command.id = spec->id;
    result.command.uid = uid;
    if (!spec->parse(c, result.command) || !c.end()) {
        if (!c.failed())
            c.fail(QStringLiteral("invalid arguments"));
        result.error = QString::fromLatin1(spec->name) + QStringLiteral(": ") + c.error();
    }
    return result;
}

bool isImapIdleDone(QByteArrayView line)
{
    return line.compare("DONE", Qt::CaseInsensitive) == 0;
}

} // namespace tegami
