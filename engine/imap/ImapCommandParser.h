#pragma once

#include "imap/ImapCommand.h"
#include "imap/ImapCommandReader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <span>

namespace tegami {

class ImapCursor;

// One row of the dispatch table: the command's name, where it may be used, how it relates
// to sequence numbers, and its argument parser (called with the cursor just after the
// name; it reads its own leading space).
struct ImapCommandSpec {
    const char* name; // "FETCH", "UID FETCH"
    ImapCommandId id;
    bool uid;
    ImapStates states;
    ImapCommandFlags flags;
    bool (*parse)(ImapCursor& cursor, ImapCommand& command);

    bool allowedIn(ImapState state) const { return states.testFlag(state); }
    bool has(ImapCommandFlag flag) const { return flags.testFlag(flag); }
};

// The whole table, for capability lists and tests.
std::span<const ImapCommandSpec> imapCommandTable();
// `name` case-insensitive, without "UID"; nullptr when unknown.
const ImapCommandSpec* findImapCommand(QByteArrayView name, bool uid);

// A command with its arguments, or why it was refused. On error `command` still carries
// what was read (tag; spec and id once the name was known), so the session can log it.
struct ImapParseResult {
    ImapCommand command;
    QString error; // empty on success

    bool ok() const { return error.isEmpty(); }
    // "a1 BAD <error>\r\n", or "* BAD <error>\r\n" when no valid tag was read.
    QByteArray badResponse() const;
};

// Parses one complete command from ImapCommandReader. Error texts are complete sentences
// for "TAG BAD <text>": "Unknown command", "FETCH: expected a sequence set", ...
// Whether the command is allowed in the session's state is for the session to check
// (ImapCommandSpec::allowedIn) — the parser knows no state.
ImapParseResult parseImapCommand(const ImapRawCommand& raw);

// While idling (RFC 2177) the only thing a client may send is "DONE" (any case).
bool isImapIdleDone(QByteArrayView line);

} // namespace tegami
