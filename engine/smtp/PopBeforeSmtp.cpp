#include "smtp/PopBeforeSmtp.h"

#include "core/Clock.h"
#include "smtp/SmtpAddress.h"

namespace tegami {

PopBeforeSmtp::PopBeforeSmtp(const Clock& clock)
    : m_clock(clock)
{ }

void PopBeforeSmtp::recordLogin(const QString& remoteAddress, const QString& account)
{
    prune();
    // POP3 and submission may listen on different address families (:: and 0.0.0.0).
    m_logins.insert(canonicalRemoteAddress(remoteAddress), Login { account, m_clock.now() });
}

std::optional<PopBeforeSmtp::Login> PopBeforeSmtp::recentLogin(const QString& remoteAddress, int windowMinutes) const
{
    const auto it = m_logins.constFind(canonicalRemoteAddress(remoteAddress));
    if (it == m_logins.constEnd())
        return std::nullopt;
    const QDateTime now = m_clock.now();
    if (it->at.addSecs(qint64(windowMinutes) * 60) < now || it->at > now)
        return std::nullopt;
    return *it;
}

void PopBeforeSmtp::prune()
{
    const QDateTime oldest = m_clock.now().addSecs(-qint64(kMaxWindowMinutes) * 60);
    m_logins.removeIf([&](const QHash<QString, Login>::iterator it) { return it->at < oldest; });
}

} // namespace tegami
