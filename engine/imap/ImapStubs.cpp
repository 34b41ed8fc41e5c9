#include "imap/ImapFetchJob.h"
#include "imap/ImapSession.h"

namespace tegami {

ImapFetchJob::~ImapFetchJob() = default;
void ImapSession::cmdFetch(const ImapCommand& c)
{
    no(c, {}, QStringLiteral("not yet"));
}
void ImapSession::pumpFetch() { }
void ImapSession::resumeOutput() { }
void ImapSession::cmdSearch(const ImapCommand& c)
{
    no(c, {}, QStringLiteral("not yet"));
}
void ImapSession::cmdStore(const ImapCommand& c)
{
    no(c, {}, QStringLiteral("not yet"));
}
void ImapSession::cmdCopy(const ImapCommand& c)
{
    no(c, {}, QStringLiteral("not yet"));
}
void ImapSession::cmdExpunge(const ImapCommand& c)
{
    no(c, {}, QStringLiteral("not yet"));
}
Result<void> ImapSession::expungeDeleted(const std::optional<UidSet>&)
{
    return {};
}

} // namespace tegami
