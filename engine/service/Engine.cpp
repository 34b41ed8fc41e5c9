#include "service/Engine.h"

#include "accounts/AccountStore.h"
#include "accounts/Authenticator.h"
#include "imap/ImapSessionFactory.h"
#include "log/ProtocolLog.h"
#include "net/ListenerManager.h"
#include "pop3/Pop3SessionFactory.h"
#include "service/CertificateTlsProvider.h"
#include "service/Statistics.h"
#include "smtp/PopBeforeSmtp.h"
#include "smtp/SmtpSessionFactory.h"
#include "store/SqliteMailStore.h"
#include "tls/CertificateStore.h"

#include <QDir>

#include "outbound/SmtpRemoteTransport.h"
#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

LogRetention retentionFrom(const Settings& s)
{
    LogRetention r;
    r.maxFileBytes = s.integer(QStringLiteral("log.maxFileSizeMB")) * 1024 * 1024;
    r.maxDirBytes = s.integer(QStringLiteral("log.maxDirectorySizeMB")) * 1024 * 1024;
    r.maxAgeDays = static_cast<int>(s.integer(QStringLiteral("log.maxAgeDays")));
    return r;
}

ThrottlePolicy throttleFrom(const Settings& s)
{
    ThrottlePolicy p;
    p.maxFailuresPerAddress = static_cast<int>(s.integer(QStringLiteral("security.maxFailuresPerAddress")));
    p.maxFailuresPerAccount = static_cast<int>(s.integer(QStringLiteral("security.maxFailuresPerAccount")));
    p.windowSecs = s.integer(QStringLiteral("security.failureWindowSecs"));
    p.banSecs = s.integer(QStringLiteral("security.banSecs"));
    return p;
}

QHash<Protocol, ConnectionLimits> limitsFrom(const Settings& s)
{
    QHash<Protocol, ConnectionLimits> limits;
    for (Protocol p : allProtocols) {
        const QString n = protocolName(p);
        limits.insert(p,
            ConnectionLimits { static_cast<int>(s.integer(n + QStringLiteral(".maxConnections"))),
                static_cast<int>(s.integer(n + QStringLiteral(".maxConnectionsPerAddress"))) });
    }
    return limits;
}

} // namespace

Engine::Engine(DataPaths paths, EngineOptions options, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
    , m_options(options)
    , m_settingsFile(m_paths.settingsFile())
    , m_settings(Settings::defaults())
{ }

Engine::~Engine()
{
    stop();
}

Result<void> Engine::start()
{
    QString dirError;
    if (!m_paths.ensureExists(&dirError))
        return Error::io(dirError);
    if (Result<void> r = loadSettings(); !r)
        return r;

    m_log = std::make_unique<ProtocolLog>(m_paths.protocolLogDir(), retentionFrom(m_settings), *m_options.clock);
    if (Result<void> r = m_log->start(); !r)
        return r;
    if (Result<void> r = openData(); !r)
        return r;
    m_log->note(QStringLiteral("service"), QStringLiteral("tegamid started on %1").arg(m_paths.dataDir()));
    return {};
}

Result<void> Engine::loadSettings()
{
    Result<Settings> loaded = m_settingsFile.load(&m_settingsCreated);
    if (!loaded)
        return loaded.error();
    m_settings = std::move(*loaded);
    if (m_settingsCreated) {
        // Write the defaults out, so the admin finds a complete, commented-by-schema file.
        if (Result<void> saved = m_settingsFile.save(m_settings); !saved)
            return saved;
    }
    return {};
}

Result<void> Engine::openData()
{
    Result<std::unique_ptr<AccountStore>> accounts
        = AccountStore::open(m_paths.accountsDatabase(), PasswordHasher(m_options.argon2), *m_options.clock);
    if (!accounts)
        return accounts.error();
    m_accounts = std::move(*accounts);

    // Every authentication decision reaches the protocol log through the session that asked
    // (its note carries the outcome and the reason, in that session's transcript), so the
    // authenticator needs no sink here.
    m_authenticator = std::make_unique<Authenticator>(*m_accounts, *m_options.clock, throttleFrom(m_settings));

    Result<std::unique_ptr<SqliteMailStore>> store = SqliteMailStore::open(m_paths.storeDir());
    if (!store)
        return store.error();
    m_store = std::move(*store);

    Result<std::unique_ptr<CertificateStore>> certificates
        = CertificateStore::open(m_paths.certificateDir(), *m_options.clock);
    if (!certificates)
        return certificates.error();
    m_certificates = std::move(*certificates);
    for (const QString& w : m_certificates->openWarnings())
        m_log->note(QStringLiteral("service"), QStringLiteral("certificate store: %1").arg(w));
    m_tls = std::make_unique<CertificateTlsProvider>(*m_certificates, m_settings, *m_options.clock);

    // The queue: messages accepted before a stop are recovered from the spool and delivered.
    m_outbound = std::make_unique<SmtpRemoteTransport>(m_settings, m_log.get(), *m_options.clock);
    m_queue = std::make_unique<DeliveryQueue>(m_paths.spoolDir(), *m_accounts, *m_store, *m_options.clock, m_log.get());
    m_queue->setOptions(QueueOptions::fromSettings(m_settings));
    Result<SpoolRecovery> recovered = m_queue->open();
    if (!recovered)
        return recovered.error();
    // (The queue notes its own recovery, damaged entries included, in the log.)
    m_damagedSpoolEntries = recovered->damaged;
    m_queue->setTransport(m_outbound.get());

    if (!m_statistics)
        m_statistics = std::make_unique<Statistics>(*m_options.clock);
    connect(m_queue.get(), &DeliveryQueue::messageQueued, this, [this] { m_statistics->countReceived(); });
    connect(m_queue.get(), &DeliveryQueue::recipientDelivered, this, [this] { m_statistics->countDelivered(); });

    m_popBeforeSmtp = std::make_unique<PopBeforeSmtp>(*m_options.clock);
    m_listeners = std::make_unique<ListenerManager>(m_log.get(), tlsProvider());
    connect(m_listeners.get(), &ListenerManager::connectionAccepted, this,
        [this](Protocol p) { m_statistics->countConnection(p); });
    for (Protocol p : allProtocols) {
        if (p == Protocol::Pop3) {
            // Every POP3 login is remembered for POP-before-SMTP; submission only asks when
            // the admin turned the legacy mode on.
            m_factories.push_back(
                std::make_unique<Pop3SessionFactory>(Pop3Dependencies { m_settings, *m_authenticator, *m_accounts,
                    *m_store, tlsProvider(), *m_options.clock, [this](const QString& remote, const QString& account) {
                        m_popBeforeSmtp->recordLogin(remote, account);
                    } }));
        } else if (p == Protocol::Smtp || p == Protocol::Submission) {
            m_factories.push_back(std::make_unique<SmtpSessionFactory>(p,
                SmtpDependencies { m_settings, *m_authenticator, *m_accounts, *m_store, tlsProvider(), *m_options.clock,
                    *m_queue, m_popBeforeSmtp.get() }));
        } else {
            m_factories.push_back(std::make_unique<ImapSessionFactory>(ImapDependencies {
                m_settings, *m_authenticator, *m_accounts, *m_store, tlsProvider(), *m_options.clock }));
        }
        m_listeners->setFactory(p, m_factories.back().get());
    }
    if (!m_startedAt.isValid())
        m_startedAt = m_options.clock->now();
    applyListeners();
    return {};
}

void Engine::closeData()
{
    // The order of the destructor (members go in reverse declaration order): sessions and
    // listeners first, then the queue, then what they used.
    if (m_listeners)
        m_listeners->stopAll();
    m_factories.clear();
    m_listeners.reset();
    m_queue.reset();
    m_outbound.reset();
    m_popBeforeSmtp.reset();
    m_tls.reset();
    m_certificates.reset();
    m_store.reset();
    m_authenticator.reset();
    m_accounts.reset();
    m_log->note(QStringLiteral("service"), QStringLiteral("data directory closed (restore)"));
}

Result<void> Engine::reopenData()
{
    if (Result<void> r = loadSettings(); !r)
        return r;
    if (Result<void> r = m_log->setRetention(retentionFrom(m_settings)); !r)
        m_log->note(
            QStringLiteral("service"), QStringLiteral("log retention not applied: %1").arg(r.error().toString()));
    if (Result<void> r = openData(); !r)
        return r;
    m_log->note(QStringLiteral("service"), QStringLiteral("data directory reopened on %1").arg(m_paths.dataDir()));
    return {};
}

void Engine::stop()
{
    if (m_listeners)
        m_listeners->stopAll();
    // Ending the sessions before the log stops keeps their last events in the log.
    m_factories.clear();
    m_queue.reset();
    m_outbound.reset();
    if (m_log) {
        m_log->note(QStringLiteral("service"), QStringLiteral("tegamid stopping"));
        m_log->stop();
    }
}

const TlsProvider* Engine::tlsProvider() const
{
    return m_tls.get();
}

MailStore& Engine::store()
{
    return *m_store;
}

QList<const Listener*> Engine::applyListeners()
{
    return m_listeners->apply(m_settings.listeners(), limitsFrom(m_settings));
}

void Engine::applyRuntimeSettings()
{
    m_authenticator->throttle().setPolicy(throttleFrom(m_settings));
    m_queue->setOptions(QueueOptions::fromSettings(m_settings));
    if (Result<void> r = m_log->setRetention(retentionFrom(m_settings)); !r)
        m_log->note(
            QStringLiteral("service"), QStringLiteral("log retention not applied: %1").arg(r.error().toString()));
}

Result<ApplyReport> Engine::applySettings(const Settings& settings)
{
    if (Result<void> cross = settings.validateCrossField(); !cross)
        return cross.error();
    ApplyReport report;
    report.changedKeys = m_settings.changedKeys(settings);
    if (Result<void> saved = m_settingsFile.save(settings); !saved)
        return saved.error();
    m_settings = settings;
    m_tls->invalidate();
    applyRuntimeSettings();
    for (const Listener* failed : applyListeners())
        report.failedListeners.append(failed->statusJson());
    m_log->note(QStringLiteral("control"),
        QStringLiteral("settings changed: %1").arg(report.changedKeys.join(QStringLiteral(", "))));
    return report;
}

QStringList Engine::warnings() const
{
    QStringList w;
    if (m_damagedSpoolEntries > 0)
        w << QStringLiteral("%1 queued messages could not be read at start and were moved to %2/damaged with the "
                            "reason beside each; check them and resend what matters")
                 .arg(m_damagedSpoolEntries)
                 .arg(m_paths.spoolDir());
    for (const Listener* l : m_listeners->listeners()) {
        if (l->state() == ListenerState::Failed)
            w << QStringLiteral("%1 is not listening: %2").arg(l->spec().id(), l->failure());
    }
    for (Protocol p : allProtocols) {
        const QString n = protocolName(p);
        if (m_settings.protocolEnabled(p) && m_settings.list(n + QStringLiteral(".bindings")).isEmpty()
            && m_settings.list(n + QStringLiteral(".tlsBindings")).isEmpty()) {
            w << QStringLiteral("%1 is enabled but has no bindings, so it listens nowhere: set %1.bindings or "
                                "%1.tlsBindings (for example `tegamictl config set %1.bindings 0.0.0.0:PORT`)")
                     .arg(n);
        }
    }
    for (Protocol p : { Protocol::Pop3, Protocol::Imap }) {
        const QString n = protocolName(p);
        if (m_settings.protocolEnabled(p)
            && m_settings.string(n + QStringLiteral(".loginType")) == QLatin1String("plainTextLogin"))
            w << QStringLiteral("%1 allows passwords without TLS (%1.loginType is plainTextLogin)").arg(n);
    }
    if (m_settings.protocolEnabled(Protocol::Submission)
        && !m_settings.boolean(QStringLiteral("submission.requireTlsForAuth")))
        w << QStringLiteral("submission accepts AUTH without TLS (submission.requireTlsForAuth is off): passwords "
                            "cross the network in clear text");
    if (m_settings.boolean(QStringLiteral("submission.popBeforeSmtp")))
        w << QStringLiteral("POP-before-SMTP is on: anyone sharing a recent POP3 user's address (NAT) can send mail");
    for (Protocol p : allProtocols) {
        if (!m_settings.protocolEnabled(p))
            continue;
        const CertificateCheck check = m_tls->check(p);
        for (const QString& problem : check.problems)
            w << QStringLiteral("%1 cannot offer TLS: %2").arg(protocolName(p), problem);
        for (const QString& warning : check.warnings)
            w << QStringLiteral("%1 certificate: %2").arg(protocolName(p), warning);
    }
    return w;
}

QStringList Engine::nextSteps() const
{
    QStringList steps;
    const QString ctl = QStringLiteral("%1 --data-dir '%2' ").arg(m_options.ctlCommand, m_paths.dataDir());
    const Result<QList<Domain>> domains = m_accounts->listDomains();
    if (domains && domains->isEmpty())
        steps << ctl + QStringLiteral("domain add example.com");
    const Result<QList<Mailbox>> mailboxes = m_accounts->listMailboxes();
    if (mailboxes && mailboxes->isEmpty())
        steps << ctl + QStringLiteral("user add alice@example.com");
    const bool anyEnabled = std::any_of(
        std::begin(allProtocols), std::end(allProtocols), [this](Protocol p) { return m_settings.protocolEnabled(p); });
    if (!anyEnabled) {
        steps << ctl + QStringLiteral("protocol enable imap      (or pop3, submission, smtp)");
        steps << ctl
                + QStringLiteral("config set imap.bindings 127.0.0.1:1143   (a port above 1023 needs no privileges)");
    }
    return steps;
}

} // namespace tegami
