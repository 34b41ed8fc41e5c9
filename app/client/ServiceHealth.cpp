#include "client/ServiceHealth.h"

#include <QDateTime>
#include <QJsonArray>

#include "client/ServiceClient.h"

namespace tegami {

ServiceHealth::ServiceHealth(ServiceClient& client, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_summary(tr("Connecting to the service..."))
{
    m_timer.setInterval(15000);
    connect(&m_timer, &QTimer::timeout, this, &ServiceHealth::poll);
    connect(&m_client, &ServiceClient::connected, this, [this] {
        m_timer.start();
        poll();
    });
    connect(&m_client, &ServiceClient::disconnected, this, [this] {
        m_timer.stop();
        set(State::Unreachable, tr("The service is not reachable; reconnecting..."));
    });
    connect(&m_client, &ServiceClient::connectionFailed, this,
        [this] { set(State::Unreachable, tr("The service is not reachable; retrying...")); });
}

void ServiceHealth::poll()
{
    if (!m_client.isConnected())
        return;
    m_client.call(QStringLiteral("status"), this, [this](const RpcReply& r) {
        if (!r.ok)
            return;
        m_status = r.result.toObject();
        m_client.call(QStringLiteral("cert.list"), this, [this](const RpcReply& c) {
            m_certificates = c.ok ? c.result.toObject() : QJsonObject();
            evaluate();
        });
    });
}

void ServiceHealth::evaluate()
{
    QStringList failing;
    for (const QJsonValue& v : m_status.value(QStringLiteral("listeners")).toArray()) {
        const QJsonObject l = v.toObject();
        if (l.value(QStringLiteral("state")).toString() == QLatin1String("failed"))
            failing << tr("%1 is not listening: %2")
                           .arg(l.value(QStringLiteral("id")).toString(), l.value(QStringLiteral("error")).toString());
    }
    if (!failing.isEmpty()) {
        set(State::ListenerFailing, failing.join(QLatin1Char('\n')));
        return;
    }
    const QDateTime soon = QDateTime::currentDateTimeUtc().addDays(expiryWarningDays);
    for (const QJsonValue& v : m_certificates.value(QStringLiteral("certificates")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("usedBy")).toArray().isEmpty())
            continue;
        const QDateTime until = QDateTime::fromString(c.value(QStringLiteral("notAfter")).toString(), Qt::ISODate);
        if (until.isValid() && until < soon) {
            set(State::CertificateExpiring,
                tr("The certificate for %1 expires on %2; renew it on the Certificates page.")
                    .arg(c.value(QStringLiteral("subject")).toString(), until.toLocalTime().toString(Qt::ISODate)));
            return;
        }
    }
    const int listeners = static_cast<int>(m_status.value(QStringLiteral("listeners")).toArray().size());
    set(State::Running,
        tr("Tegami is running on %1 with %n listener(s).", nullptr, listeners)
            .arg(m_status.value(QStringLiteral("fqdn")).toString()));
}

void ServiceHealth::set(State state, const QString& summary)
{
    if (state == m_state && summary == m_summary)
        return;
    m_state = state;
    m_summary = summary;
    Q_EMIT changed(state, summary);
}

} // namespace tegami
