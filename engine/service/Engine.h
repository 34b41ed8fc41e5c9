#pragma once

#include "accounts/PasswordHasher.h"
#include "core/Clock.h"
#include "core/DataPaths.h"
#include "core/Result.h"
#include "core/Settings.h"
#include "core/SettingsFile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <memory>
#include <vector>

namespace tegami {

class AccountStore;
class Authenticator;
class ListenerManager;
class MailStore;
class ProtocolLog;
class SessionFactory;
class SqliteMailStore;
class TlsProvider;
class CertificateStore;
class CertificateTlsProvider;
class DeliveryQueue;
class PopBeforeSmtp;
class SmtpRemoteTransport;
class Statistics;

struct EngineOptions {
    Argon2Params argon2; // production cost by default; tests pass forTests()
    const Clock* clock = &Clock::system();
    QString ctlCommand = QStringLiteral("tegamictl"); // how next steps name the CLI (a full path when not on PATH)
};

// What applying new settings did.
struct ApplyReport {
    QStringList changedKeys;
    QStringList restartRequiredKeys; // saved, but only effective after a restart
    QJsonArray failedListeners; // status objects of listeners that could not start
};

// The composition root of the service: builds every module from the data directory and
// the settings, starts and stops listeners, and applies changed settings live.
class Engine : public QObject {
    Q_OBJECT
public:
    Engine(DataPaths paths, EngineOptions options = {}, QObject* parent = nullptr);
    ~Engine() override;

    // Loads settings (a bad file stops here with the file, field and fix in the error),
    // opens the protocol log, accounts and store, and starts the enabled listeners.
    // Listener failures do not fail start(): they are reported in the status.
    Result<void> start();
    void stop();

    // For a restore, which replaces the data directory's files under a running service:
    // closeData() ends the sessions, stops the listeners and the queue, and closes the
    // accounts, the store and the certificates (the protocol log, the statistics and the
    // control socket stay). Until reopenData() succeeds, no accessor below may be used.
    // reopenData() reloads the settings and opens everything again from what is on disk
    // (migrating older schemas), then starts the listeners.
    void closeData();
    Result<void> reopenData();

    const DataPaths& paths() const { return m_paths; }
    const Settings& settings() const { return m_settings; }
    bool settingsFileCreated() const { return m_settingsCreated; }
    QDateTime startedAt() const { return m_startedAt; }

    // Validates, saves (atomically, keeping the previous copy) and applies.
    Result<ApplyReport> applySettings(const Settings& settings);

    AccountStore& accounts() { return *m_accounts; }
    Authenticator& authenticator() { return *m_authenticator; }
    MailStore& store();
    ProtocolLog& protocolLog() { return *m_log; }
    ListenerManager& listeners() { return *m_listeners; }
    DeliveryQueue& queue() { return *m_queue; }
    Statistics& statistics() { return *m_statistics; }
    const Clock& clock() const { return *m_options.clock; }

    // Configuration problems an admin should know about, in words they can act on.
    QStringList warnings() const;
    // The exact commands that get a fresh server to working mail.
    QStringList nextSteps() const;

    CertificateStore& certificates() { return *m_certificates; }
    CertificateTlsProvider& certificateProvider() { return *m_tls; }
    const TlsProvider* tlsProvider() const;

private:
    Result<void> loadSettings();
    Result<void> openData();
    void applyRuntimeSettings();
    QList<const class Listener*> applyListeners();

    DataPaths m_paths;
    EngineOptions m_options;
    SettingsFile m_settingsFile;
    Settings m_settings;
    bool m_settingsCreated = false;
    QDateTime m_startedAt;
    std::unique_ptr<ProtocolLog> m_log;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<Authenticator> m_authenticator;
    std::unique_ptr<SqliteMailStore> m_store;
    std::unique_ptr<CertificateStore> m_certificates;
    std::unique_ptr<CertificateTlsProvider> m_tls;
    int m_damagedSpoolEntries = 0; // found unreadable at start and moved to queue/damaged
    std::unique_ptr<Statistics> m_statistics;
    std::unique_ptr<PopBeforeSmtp> m_popBeforeSmtp;
    // The queue hands remote mail to the transport: the transport is declared first, so the
    // queue (which cancels its attempts) goes before it.
    std::unique_ptr<SmtpRemoteTransport> m_outbound;
    std::unique_ptr<DeliveryQueue> m_queue;
    std::unique_ptr<ListenerManager> m_listeners;
    std::vector<std::unique_ptr<SessionFactory>> m_factories;
};

} // namespace tegami
