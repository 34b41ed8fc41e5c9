#pragma once

// The argument parsers of the dispatch table, one per command shape, in files by group.
// Internal to the imap module.

#include "imap/ImapCommand.h"
#include "imap/ImapCursor.h"

namespace tegami::imapparse {

// ImapParseSession.cpp: connection, authentication and extension commands
bool noArgs(ImapCursor& c, ImapCommand& cmd);
bool authenticate(ImapCursor& c, ImapCommand& cmd);
bool login(ImapCursor& c, ImapCommand& cmd);
bool id(ImapCursor& c, ImapCommand& cmd);
bool enable(ImapCursor& c, ImapCommand& cmd);
bool getQuota(ImapCursor& c, ImapCommand& cmd);

// ImapParseMailbox.cpp: mailbox commands
bool mailbox(ImapCursor& c, ImapCommand& cmd); // CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT
bool select(ImapCursor& c, ImapCommand& cmd); // SELECT, EXAMINE
bool rename(ImapCursor& c, ImapCommand& cmd);
bool list(ImapCursor& c, ImapCommand& cmd);
bool lsub(ImapCursor& c, ImapCommand& cmd);
bool status(ImapCursor& c, ImapCommand& cmd);
bool append(ImapCursor& c, ImapCommand& cmd);

// ImapParseSearch.cpp
bool search(ImapCursor& c, ImapCommand& cmd);

// ImapParseFetch.cpp: message commands
bool fetch(ImapCursor& c, ImapCommand& cmd);
bool store(ImapCursor& c, ImapCommand& cmd);
bool copy(ImapCursor& c, ImapCommand& cmd); // COPY, MOVE
bool uidExpunge(ImapCursor& c, ImapCommand& cmd);

} // namespace tegami::imapparse
