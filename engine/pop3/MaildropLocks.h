#pragma once

#include <QHash>
#include <QString>

#include <memory>
#include <optional>

namespace tegami {

// Which maildrops POP3 sessions hold. RFC 1939 gives a session exclusive access to its
// maildrop from login to the end of the UPDATE state; a second session for the same
// mailbox is refused with [IN-USE]. One instance is shared by all sessions (the factory
// owns it); each lock is released by its destructor, so a session that ends in any way
// (QUIT, dropped connection, timeout, error, shutdown) frees its maildrop.
class MaildropLocks {
public:
    class Lock {
    public:
        Lock() = default;
        ~Lock();
        Lock(Lock&& other) noexcept;
        Lock& operator=(Lock&& other) noexcept;
        Lock(const Lock&) = delete;
        Lock& operator=(const Lock&) = delete;

        bool isHeld() const { return !m_owner.isEmpty(); }
        QString owner() const { return m_owner; }
        void release();

    private:
        friend class MaildropLocks;
        Lock(std::weak_ptr<QHash<QString, int>> held, QString owner);

        std::weak_ptr<QHash<QString, int>> m_held;
        QString m_owner;
    };

    MaildropLocks();

    // The lock on `owner`'s maildrop, or nothing when another session holds it.
    // Owners compare case-insensitively (addresses are normalised, but be safe).
    std::optional<Lock> tryLock(const QString& owner);
    bool isLocked(const QString& owner) const;
    // Sessions holding `owner`'s maildrop now (0 or 1: the lock is exclusive). The count
    // a per-user connection limit checks.
    int sessionsFor(const QString& owner) const;
    int lockedCount() const { return static_cast<int>(m_held->size()); }

private:
    static QString key(const QString& owner) { return owner.toCaseFolded(); }

    // Shared with the locks, so a lock outliving this object (it should not) stays harmless.
    std::shared_ptr<QHash<QString, int>> m_held;
};

} // namespace tegami
