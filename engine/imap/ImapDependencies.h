#pragma once

namespace tegami {

class AccountStore;
class Authenticator;
class Clock;
class MailStore;
class Settings;
class TlsProvider;

// What IMAP sessions use from the rest of the engine. The service builds one and hands it
// to ImapSessionFactory; everything referenced must outlive the factory.
struct ImapDependencies {
    const Settings& settings; // the Engine's live settings (same object across reloads)
    Authenticator& authenticator;
    AccountStore& accounts; // the mailbox's quota and ImapPolicy, re-read when used
    MailStore& store;
    const TlsProvider* tls; // may be null; serverConfiguration(Protocol::Imap, &problem)
    const Clock& clock;
};

} // namespace tegami
