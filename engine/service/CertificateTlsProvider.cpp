#include "service/CertificateTlsProvider.h"

#include "tls/CertificateStore.h"
#include "tls/TlsPolicy.h"

namespace tegami {

namespace {
constexpr qint64 kCacheSecs = 60;
}

CertificateTlsProvider::CertificateTlsProvider(
    const CertificateStore& store, const Settings& settings, const Clock& clock)
    : m_store(store)
    , m_settings(settings)
    , m_clock(clock)
{ }

const CertificateTlsProvider::Entry& CertificateTlsProvider::entry(Protocol protocol) const
{
    const QDateTime now = m_clock.now();
    auto it = m_cache.find(protocol);
    if (it != m_cache.end() && it->builtAt.secsTo(now) < kCacheSecs)
        return *it;

    Entry e;
    e.builtAt = now;
    const QString name = protocolName(protocol);
    const QString id = m_settings.certificateFor(protocol);
    if (id.isEmpty()) {
        e.check.problems << QStringLiteral(
            "no TLS certificate is assigned to %1: create or import one (`tegamictl cert "
            "generate` or `cert import`), then `tegamictl cert assign ID`")
                                .arg(name);
    } else if (Result<LoadedCertificate> loaded = m_store.load(id); !loaded) {
        e.check.problems << QStringLiteral("the certificate %1 assigned to %2 cannot be used: %3")
                                .arg(id, name, loaded.error().message);
    } else {
        e.check = checkCertificate(*loaded, m_settings.listenerFqdn(protocol), now);
        if (e.check.usable) {
            const TlsMinimum minimum = tlsMinimumFromName(m_settings.string(QStringLiteral("tls.minimumVersion")))
                                           .value_or(TlsMinimum::V1_2);
            e.configuration = serverTlsConfiguration(*loaded, minimum);
        }
    }
    return *m_cache.insert(protocol, e);
}

std::optional<QSslConfiguration> CertificateTlsProvider::serverConfiguration(Protocol protocol, QString* problem) const
{
    const Entry& e = entry(protocol);
    if (!e.configuration && problem)
        *problem = e.check.problems.join(QStringLiteral("; "));
    return e.configuration;
}

CertificateCheck CertificateTlsProvider::check(Protocol protocol) const
{
    return entry(protocol).check;
}

QStringList CertificateTlsProvider::usedBy(const QString& id) const
{
    QStringList protocols;
    for (Protocol p : allProtocols) {
        if (!id.isEmpty() && m_settings.certificateFor(p) == id)
            protocols << protocolName(p);
    }
    return protocols;
}

} // namespace tegami
