#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

#include "queue/MessageIntake.h"
#include "queue/QueueEntry.h"

namespace tegami {

// What recover() found and cleaned up after an unclean stop.
struct SpoolRecovery {
    int tmpFilesRemoved = 0; // half-received messages and half-written states: never acknowledged
    int orphanFilesRemoved = 0; // message files without an envelope: their commit never finished
    int damaged = 0; // entries moved to damaged/ (acknowledged mail that cannot be read: see the reasons)
    QStringList damagedReasons; // "<id>: <reason>"
    int unknownFiles = 0; // files the spool did not name; left alone

    QJsonObject toJson() const;
};

// The durable spool: one directory holding, per queued message, <id>.eml (the bytes, CRLF,
// not dot-stuffed) and <id>.json (envelope and per-recipient state, see QueueEntry).
//
//   <dir>/incoming/   messages being received (removed at start: never acknowledged)
//   <dir>/messages/   <id>.eml and <id>.json
//   <dir>/damaged/    entries recovery could not read, with <id>.reason.txt; kept for the admin
//
// A commit writes and fsyncs the message, renames it to <id>.eml and syncs the directory,
// then writes <id>.json the same way: the envelope file is the commit record. So at
// recovery an .eml without .json was never acknowledged and is removed, and a .json whose
// .eml is missing or has another size is damage and is moved aside, never dropped.
//
// Used from one thread. Writers may outlive the spool (they then fail to commit).
class Spool : public MessageIntake {
public:
    using CommitHandler = std::function<void(const QueueEntry&)>;

    Spool(QString dir, const Clock& clock);
    ~Spool() override;
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    QString directory() const { return m_dir; }
    QString messagesDir() const;
    QString damagedDir() const;
    QString messagePath(const QString& id) const; // <dir>/messages/<id>.eml
    QString statePath(const QString& id) const; // <dir>/messages/<id>.json

    // Creates the directories, removes what was never acknowledged, moves damaged entries
    // aside, and returns the complete entries in queue id order (oldest first).
    Result<std::vector<QueueEntry>> recover(SpoolRecovery* report);

    // Called after each successful commit of a received message (not for enqueue()).
    void setCommitHandler(CommitHandler handler) { m_onCommit = std::move(handler); }

    // MessageIntake: a writer to a file in incoming/.
    Result<std::unique_ptr<SpoolWriter>> begin() override;

    // Queues a message the server generates (a DSN) in one step; the commit handler is not
    // called (the caller takes the entry).
    Result<QueueEntry> enqueue(
        const QByteArray& message, const Envelope& envelope, const QString& origin, const QString& parentId);

    // Replaces <id>.json durably (temporary file, fsync, rename, directory sync).
    Result<void> saveState(const QueueEntry& entry);
    // Removes both files durably: the envelope first, so a crash leaves only an orphan.
    Result<void> remove(const QString& id);

    // A new queue id: UTC time to the millisecond, a counter and randomness, so ids sort by
    // arrival and are unique across restarts ("20260101T000000123-0001-9f3c").
    QString newId();

private:
    friend class SpoolFileWriter;
    Result<QueueEntry> commitStaged(const QString& stagedPath, qint64 size, const Envelope& envelope,
        const QString& origin, const QString& parentId);
    void committed(const QueueEntry& entry);
    QString newIncomingPath() const;
    void moveAside(const QString& id, const QString& reason, SpoolRecovery* report);

    const QString m_dir;
    const Clock& m_clock;
    CommitHandler m_onCommit;
    quint16 m_counter = 0;
    std::shared_ptr<Spool*> m_self; // writers hold a weak_ptr: a writer outliving the spool cannot commit
};

// Validates an envelope before it is queued: at least one recipient, each with an address.
Result<void> checkEnvelope(const Envelope& envelope);

} // namespace tegami
