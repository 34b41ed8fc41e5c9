// FETCH and UID FETCH (RFC 3501 6.4.5, 6.4.8) with RFC 7162 MODSEQ and CHANGEDSINCE. The
// responses are made and streamed by ImapFetchJob, with backpressure: while the client
// has not taken what was sent, the session reads no more commands.

#include "imap/ImapFetchJob.h"
#include "imap/ImapSession.h"
#include "log/LogSession.h"
#include "store/MailStore.h"

#include <QSet>

namespace tegami {

namespace {

constexpr qint64 kFetchChunk = 64 * 1024;

} // namespace

std::optional<std::vector<qsizetype>> ImapSession::resolveSet(const ImapCommand& command, const ImapSequenceSet& set)
{
    QString error;
    std::vector<qsizetype> indices = m_selected->resolve(set, command.uid, &error);
    if (!error.isEmpty()) {
        bad(command.tag, QString::fromLatin1(command.name()) + QStringLiteral(": ") + error);
        return std::nullopt;
    }
    return indices;
}

void ImapSession::cmdFetch(const ImapCommand& command)
{
    const auto& args = command.get<ImapFetchArgs>();
    const std::optional<std::vector<qsizetype>> indices = resolveSet(command, args.set);
    if (!indices)
        return;
    QList<ImapFetchItem> items = args.items;
    bool modSeqItem = false;
    bool setsSeen = false;
    for (const ImapFetchItem& item : items) {
        modSeqItem = modSeqItem || item.type == ImapFetchItem::Type::ModSeq;
        setsSeen = setsSeen || item.setsSeen();
    }
    if (args.changedSince && !modSeqItem) {
        ImapFetchItem modSeq;
        modSeq.type = ImapFetchItem::Type::ModSeq;
        items.append(modSeq);
        modSeqItem = true;
    }
    // RFC 7162 3.1: a FETCH with MODSEQ or CHANGEDSINCE enables CONDSTORE.
    if (modSeqItem)
        m_condstore = true;
    setsSeen = setsSeen && !m_selected->readOnly();

    // RFC 3501 6.4.5: BODY[...] (not PEEK), RFC822 and RFC822.TEXT set \Seen, and the
    // response then carries the new FLAGS.
    QSet<quint32> flagsChanged;
    if (setsSeen) {
        UidSet unseen;
        for (qsizetype i : *indices) {
            const ImapMessage& m = m_selected->messages()[i];
            if (!m.expunged && !m.info.flags.has(SystemFlag::Seen)
                && (!args.changedSince || m.info.modSeq > *args.changedSince))
                unseen.add(m.info.uid);
        }
        if (!unseen.isEmpty()) {
            Result<StoreFlagsResult> stored = m_deps.store.storeFlags(
                m_selected->folderId(), unseen, FlagMode::Add, { QStringLiteral("\\Seen") }, std::nullopt);
            if (stored) {
                for (const FlagUpdate& update : stored->updated) {
                    m_selected->updateMessage(update);
                    flagsChanged.insert(update.uid);
                }
            } else {
                m_log.note(QStringLiteral("FETCH could not set \\Seen: %1").arg(stored.error().toString()));
            }
        }
    }

    std::vector<ImapFetchTarget> targets;
    targets.reserve(indices->size());
    for (qsizetype i : *indices) {
        const ImapMessage& m = m_selected->messages()[i];
        // CHANGEDSINCE is compared before this FETCH's own \Seen changes.
        if (args.changedSince && m.info.modSeq <= *args.changedSince && !flagsChanged.contains(m.info.uid))
            continue;
        targets.push_back(
            ImapFetchTarget { quint32(i + 1), m.info, m.recent, m.expunged, flagsChanged.contains(m.info.uid) });
    }
    ImapFetchOptions options;
    options.uid = command.uid;
    options.modSeq = m_condstore;
    m_fetch = std::make_unique<ImapFetchJob>(
        m_deps.store, m_selected->folderId(), std::move(targets), std::move(items), options);
    m_fetchCommand = command;
    pumpFetch();
}

void ImapSession::pumpFetch()
{
    while (m_fetch && !m_closed && m_transport.canSend()) {
        Result<QByteArray> chunk = m_fetch->nextChunk(kFetchChunk);
        for (const QByteArray& line : m_fetch->takeLogLines())
            m_log.toClient("* " + line);
        if (!chunk) {
            // Part of a response is out and the rest cannot be read: the client cannot be
            // told in band, so the connection ends (as POP3 does for RETR).
            m_log.note(QStringLiteral("FETCH failed mid-response: %1").arg(chunk.error().toString()));
            finish(QStringLiteral("cannot read a message"));
            return;
        }
        if (!chunk->isEmpty())
            m_transport.send(*chunk);
        if (!m_fetch->atEnd())
            continue;
        const int skipped = m_fetch->skippedContent();
        const int unreadable = m_fetch->unreadable();
        m_fetch.reset();
        const ImapCommand command = std::exchange(m_fetchCommand, ImapCommand());
        if (unreadable > 0) {
            m_log.note(QStringLiteral("FETCH: %1 messages could not be read from the store").arg(unreadable));
            no(command, ImapCode::serverBug(),
                QStringLiteral("%1 messages could not be read; the administrator can find why in the log")
                    .arg(unreadable));
        } else if (skipped > 0) {
            no(command, ImapCode::expungeIssued(),
                QStringLiteral("Some messages were expunged by another session; their content is gone"));
        } else {
            ok(command, QStringLiteral("FETCH completed"));
        }
        resumeInput(m_transport);
        return;
    }
}

void ImapSession::resumeOutput()
{
    if (!m_fetch || m_closed)
        return;
    restartIdleTimer();
    pumpFetch();
}

} // namespace tegami
