#include "outbound/SmtpRemoteTransport.h"

#include "core/Settings.h"

#include "outbound/OutboundDelivery.h"

namespace tegami {

SmtpRemoteTransport::SmtpRemoteTransport(
    const Settings& settings, ProtocolLog* log, const Clock& clock, std::unique_ptr<MxLookup> dns, QObject* parent)
    : SmtpRemoteTransport(settings, log, clock, std::move(dns), Options(), parent)
{ }

SmtpRemoteTransport::SmtpRemoteTransport(const Settings& settings, ProtocolLog* log, const Clock& clock,
    std::unique_ptr<MxLookup> dns, Options options, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_log(log)
    , m_clock(clock)
    , m_dns(dns ? std::move(dns) : std::make_unique<DnsMxLookup>())
    , m_options(std::move(options))
{ }

SmtpRemoteTransport::~SmtpRemoteTransport()
{
    // Deliveries first (they abort their connections), before the children go in any order.
    const QList<OutboundDelivery*> running = m_deliveries.values();
    m_deliveries.clear();
    qDeleteAll(running);
}

quint64 SmtpRemoteTransport::deliver(const RemoteDelivery& delivery, Done done)
{
    OutboundDeliveryConfig config;
    config.routes = OutboundRouteConfig::fromSettings(m_settings);
    config.ehloName = m_settings.listenerFqdn(Protocol::Smtp);
    config.timeouts = m_options.timeouts;
    config.timeouts.connectMs = int(m_settings.integer(QStringLiteral("outbound.connectTimeoutSecs")) * 1000);
    config.logEnabled = m_settings.boolean(QStringLiteral("smtp.protocolLog"));

    const quint64 handle = m_nextHandle++;
    auto* run = new OutboundDelivery(*this, handle, delivery, std::move(config), this);
    m_deliveries.insert(handle, run);
    m_done.insert(handle, std::move(done));
    run->start();
    return handle;
}

void SmtpRemoteTransport::cancel(quint64 handle)
{
    OutboundDelivery* run = m_deliveries.take(handle);
    m_done.remove(handle);
    delete run; // aborts its connection; its done is never called
}

void SmtpRemoteTransport::finished(quint64 handle, std::vector<RecipientResult> results)
{
    OutboundDelivery* run = m_deliveries.take(handle);
    Done done = m_done.take(handle);
    if (run)
        run->deleteLater();
    if (done)
        done(std::move(results));
}

} // namespace tegami
