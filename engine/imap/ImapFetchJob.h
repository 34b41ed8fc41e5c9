#pragma once

#include "core/Result.h"
#include "imap/ImapFetchItem.h"
#include "store/StoreTypes.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>

#include <memory>
#include <vector>

namespace tegami {

class MailStore;

// The header section of a message (up to and including the empty line), read from its
// file without reading the body. At most `maxBytes`; a header without an empty line ends
// there or at the end of the message.
Result<QByteArray> readMessageHeader(QIODevice& device, qint64 maxBytes = 1024 * 1024);

// One message of a FETCH: its sequence number and what the session knows of it.
struct ImapFetchTarget {
    quint32 sequence = 0;
    MessageInfo info;
    bool recent = false;
    bool expunged = false; // expunged by another session, EXPUNGE not sent yet
    bool addFlags = false; // FETCH set \Seen: report FLAGS even if not asked (RFC 3501 6.4.5)
};

struct ImapFetchOptions {
    bool uid = false; // UID FETCH: UID is in every response
    bool modSeq = false; // CONDSTORE: MODSEQ in every response
};

// The responses of one FETCH, made a message at a time and handed out in chunks, so a
// FETCH of a 30 MB message (or of 10,000 messages) never sits in memory whole: BODY[],
// RFC822 and BODY[TEXT] of a large message come from the message file in pieces, and
// only what a message needs is read (its header for ENVELOPE and header fields, the whole
// message for BODYSTRUCTURE and part numbers).
//
// TODO(tegami): BODYSTRUCTURE, BODY and part sections (BODY[1.2]) still read the whole
// message into memory, because engine/mime parses from a QByteArray; only the sending is
// chunked for those.
//
// Messages expunged by another session get what the session still knows (FLAGS, UID,
// sizes); their content is skipped and counted in skippedContent() (the command then ends
// NO [EXPUNGEISSUED], RFC 2180 4.1.2).
class ImapFetchJob {
public:
    ImapFetchJob(MailStore& store, qint64 folderId, std::vector<ImapFetchTarget> targets, QList<ImapFetchItem> items,
        ImapFetchOptions options);
    ~ImapFetchJob();

    // The next bytes to send (at most about `maxBytes` of message content), empty once
    // atEnd(). An Error when a message file cannot be read in the middle of a response:
    // the response is then cut and the caller must close the connection.
    Result<QByteArray> nextChunk(qint64 maxBytes);
    bool atEnd() const;
    // The protocol log's view of the responses sent so far ("* 1 FETCH (UID 5 BODY[] {1234})"),
    // taken by the caller after each chunk.
    QList<QByteArray> takeLogLines() { return std::exchange(m_logLines, {}); }
    int skippedContent() const { return m_skipped; }
    int unreadable() const { return m_unreadable; }

    // Bytes of message content above which BODY[] and BODY[TEXT] are streamed from the file.
    static constexpr qint64 kStreamThreshold = 1024 * 1024;

private:
    struct Segment {
        QByteArray bytes; // or a range of the message file:
        qint64 fileOffset = -1;
        qint64 fileLength = 0;
    };
    struct Loaded; // what was read of a message (ImapFetchJob.cpp)

    Result<void> buildNext(); // the segments of the next message's response
    Result<void> appendItems(const ImapFetchTarget& target, QByteArray& wire, QByteArray& log);

    MailStore& m_store;
    qint64 m_folderId;
    std::vector<ImapFetchTarget> m_targets;
    QList<ImapFetchItem> m_items;
    ImapFetchOptions m_options;
    size_t m_next = 0;

    std::vector<Segment> m_segments; // of the current message
    size_t m_segment = 0;
    qint64 m_segmentPos = 0;
    std::unique_ptr<QIODevice> m_file; // of the current message, for file segments
    QList<QByteArray> m_logLines;
    int m_skipped = 0;
    int m_unreadable = 0;
};

} // namespace tegami
