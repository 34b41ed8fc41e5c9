#pragma once

namespace tegami {

class AccountStore;
class Authenticator;
class Clock;
class MailStore;
class MessageIntake;
class PopBeforeSmtp;
class Settings;
class TlsProvider;

// What SMTP sessions use from the rest of the engine. The service builds one per factory;
// everything referenced must outlive the factory.
struct SmtpDependencies {
    const Settings& settings; // the Engine's live settings (same object across reloads)
    Authenticator& authenticator;
    AccountStore& accounts; // local domains, recipients, aliases (sender check)
    MailStore& store; // usage() for the quota check at RCPT
    const TlsProvider* tls; // may be null; serverConfiguration(protocol, &problem)
    const Clock& clock; // Received and Date headers, POP-before-SMTP windows
    MessageIntake& intake; // the spool: where accepted messages go
    PopBeforeSmtp* popBeforeSmtp; // may be null (then POP-before-SMTP never applies)
};

} // namespace tegami
