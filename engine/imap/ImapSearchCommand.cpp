// SEARCH and UID SEARCH (RFC 3501 6.4.4, 6.4.8; RFC 7162 MODSEQ). The matching is
// ImapSearch's.

#include "imap/ImapSearch.h"
#include "imap/ImapSession.h"
#include "log/LogSession.h"

#include <algorithm>

namespace tegami {

void ImapSession::cmdSearch(const ImapCommand& command)
{
    const auto& args = command.get<ImapSearchArgs>();
    Result<ImapSearch> search = ImapSearch::compile(args, m_selected->count(), m_selected->highestUid());
    if (!search) {
        no(command, ImapCode::badCharset({ "UTF-8", "US-ASCII" }), search.error().message);
        return;
    }
    if (search->usesModSeq())
        m_condstore = true;
    QByteArray line = "SEARCH";
    quint64 highestModSeq = 0;
    const std::vector<ImapMessage>& messages = m_selected->messages();
    for (size_t i = 0; i < messages.size(); ++i) {
        const ImapMessage& m = messages[i];
        const ImapSearchMessage message { quint32(i + 1), &m.info, m.recent, m.expunged };
        if (!search->matches(m_deps.store, m_selected->folderId(), message))
            continue;
        line += ' ' + QByteArray::number(command.uid ? m.info.uid : quint32(i + 1));
        highestModSeq = std::max(highestModSeq, m.info.modSeq);
    }
    // RFC 7162 3.1.5: with MODSEQ in the keys, the highest mod-sequence of the matches.
    if (search->usesModSeq() && highestModSeq > 0)
        line += " (MODSEQ " + QByteArray::number(highestModSeq) + ')';
    sendUntagged(line);
    ok(command, QStringLiteral("SEARCH completed"));
}

} // namespace tegami
