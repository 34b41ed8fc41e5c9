#pragma once

#include "core/Result.h"
#include "imap/ImapCommand.h"
#include "store/StoreTypes.h"

#include <QDate>
#include <QString>

#include <vector>

namespace tegami {

class MailStore;

// One message as SEARCH sees it.
struct ImapSearchMessage {
    quint32 sequence = 0;
    const MessageInfo* info = nullptr;
    bool recent = false;
    bool expunged = false; // its content is gone: only keys on flags, sizes and dates match
};

// SEARCH keys (RFC 3501 6.4.4, RFC 7162 MODSEQ) prepared for one mailbox: strings decoded
// from the command's charset (UTF-8 or US-ASCII), sequence sets resolved. Matching reads
// only what a key needs: nothing for flags, sizes and dates; the header for header keys;
// the whole message, transfer- and charset-decoded by engine/mime, for BODY and TEXT.
// Text keys are case-insensitive substrings of the decoded text.
class ImapSearch {
public:
    // Error (InvalidArgument) for a charset other than UTF-8 and US-ASCII: BADCHARSET.
    static Result<ImapSearch> compile(const ImapSearchArgs& args, quint32 messageCount, quint32 highestUid);

    bool matches(MailStore& store, qint64 folderId, const ImapSearchMessage& message) const;
    bool usesModSeq() const { return m_usesModSeq; }

private:
    struct Node {
        ImapSearchKey::Type type = ImapSearchKey::Type::All;
        QString text;
        QByteArray field;
        QDate date;
        quint64 number = 0;
        std::vector<std::pair<quint32, quint32>> ranges;
        std::vector<Node> children;
    };
    struct Context;

    static Node compileNode(const ImapSearchKey& key, quint32 messageCount, quint32 highestUid, bool* modSeq);
    static bool evaluate(const Node& node, Context& context);

    Node m_root;
    bool m_usesModSeq = false;
};

} // namespace tegami
