#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace tegami {

class Clock;

// Legacy POP-before-SMTP (submission.popBeforeSmtp): remembers which account last logged
// in by POP3 from which address, so a submission session from that address within the
// window may send as that account without SMTP AUTH. Anyone sharing the address (NAT)
// shares the permission, which is why it is off by default.
//
// The service feeds it from Pop3Dependencies::onLogin; submission sessions ask it. One
// thread (the engine's). Entries older than the longest window the settings allow are
// dropped as new logins arrive, so it holds at most one entry per recent address.
class PopBeforeSmtp {
public:
    static constexpr int kMaxWindowMinutes = 120; // submission.popBeforeSmtpMinutes' maximum

    explicit PopBeforeSmtp(const Clock& clock);

    void recordLogin(const QString& remoteAddress, const QString& account);

    struct Login {
        QString account;
        QDateTime at;
    };
    // The latest POP3 login from `remoteAddress` within the last `windowMinutes`.
    std::optional<Login> recentLogin(const QString& remoteAddress, int windowMinutes) const;

    int size() const { return static_cast<int>(m_logins.size()); }

private:
    void prune();

    const Clock& m_clock;
    QHash<QString, Login> m_logins; // by canonical address
};

} // namespace tegami
