#pragma once

#include <QObject>

namespace tegami {

// Tells other sessions (IMAP IDLE, a POP3 maildrop, the console) that a folder changed.
// Signals are emitted after the index transaction committed, on the store's thread, so a
// slot that reads the store sees the change. Connect with Qt::QueuedConnection to react
// outside the store call that caused the change.
class StoreNotifier : public QObject {
    Q_OBJECT
public:
    enum class Change { Appended, FlagsChanged, Expunged };
    Q_ENUM(Change)

    explicit StoreNotifier(QObject* parent = nullptr)
        : QObject(parent)
    { }

Q_SIGNALS:
    // `modSeq` is the folder's HIGHESTMODSEQ after the change.
    void folderChanged(qint64 folderId, quint64 modSeq, tegami::StoreNotifier::Change change);
    // Folders of `owner` were created, deleted, renamed or (un)subscribed.
    void foldersChanged(const QString& owner);
};

} // namespace tegami
