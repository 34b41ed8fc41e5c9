#pragma once

#include <QString>

#include <functional>

namespace tegami {

class AccountStore;
class Authenticator;
class Clock;
class MailStore;
class Settings;
class TlsProvider;

// What POP3 sessions use from the rest of the engine. The service builds one and hands it
// to Pop3SessionFactory; everything referenced must outlive the factory.
struct Pop3Dependencies {
    const Settings& settings; // the Engine's live settings (same object across reloads)
    Authenticator& authenticator;
    AccountStore& accounts; // to re-read the mailbox's PopPolicy at login
    MailStore& store;
    const TlsProvider* tls; // may be null; serverConfiguration(Protocol::Pop3, &problem)
    const Clock& clock;
    // Called after each successful login (POP-before-SMTP); may be empty.
    std::function<void(const QString& remoteAddress, const QString& account)> onLogin;
};

} // namespace tegami
