#include "pop3/MaildropLocks.h"

#include <utility>

namespace tegami {

MaildropLocks::Lock::Lock(std::weak_ptr<QHash<QString, int>> held, QString owner)
    : m_held(std::move(held))
    , m_owner(std::move(owner))
{ }

MaildropLocks::Lock::~Lock()
{
    release();
}

MaildropLocks::Lock::Lock(Lock&& other) noexcept
    : m_held(std::move(other.m_held))
    , m_owner(std::exchange(other.m_owner, QString()))
{ }

MaildropLocks::Lock& MaildropLocks::Lock::operator=(Lock&& other) noexcept
{
    if (this != &other) {
        release();
        m_held = std::move(other.m_held);
        m_owner = std::exchange(other.m_owner, QString());
    }
    return *this;
}

void MaildropLocks::Lock::release()
{
    if (m_owner.isEmpty())
        return;
    if (std::shared_ptr<QHash<QString, int>> held = m_held.lock())
        held->remove(MaildropLocks::key(m_owner));
    m_owner.clear();
    m_held.reset();
}

MaildropLocks::MaildropLocks()
    : m_held(std::make_shared<QHash<QString, int>>())
{ }

std::optional<MaildropLocks::Lock> MaildropLocks::tryLock(const QString& owner)
{
    const QString k = key(owner);
    if (owner.isEmpty() || m_held->contains(k))
        return std::nullopt;
    m_held->insert(k, 1);
    return Lock(m_held, owner);
}

bool MaildropLocks::isLocked(const QString& owner) const
{
    return m_held->contains(key(owner));
}

int MaildropLocks::sessionsFor(const QString& owner) const
{
    return m_held->value(key(owner), 0);
}

} // namespace tegami
