#include "wizards/protocols/ProtocolsWizard.h"

#include "wizards/common/CertificatePage.h"
#include "wizards/common/ClientSettingsPage.h"
#include "wizards/common/PortsPage.h"
#include "wizards/common/ProtocolChoicePage.h"
#include "wizards/common/SummaryPage.h"

#include <QJsonArray>

namespace tegami {

ProtocolsWizard::ProtocolsWizard(ServiceClient& client, QWidget* parent)
    : TegamiWizard(client, parent)
{
    setObjectName(QStringLiteral("protocolsWizard"));
    setWindowTitle(tr("Enable protocols"));
    certificate().source = CertificateChoice::Source::Keep;
    setPage(Protocols, new ProtocolChoicePage(this));
    setPage(Ports, new PortsPage(this));
    setPage(Certificate, new CertificatePage(false, this));
    setPage(Summary, new SummaryPage(this));
    setPage(ClientSettings, new ClientSettingsPage(this));
    setStartId(Protocols);
}

bool ProtocolsWizard::needsCertificate() const
{
    const QJsonObject certs = snapshot().certificates;
    if (!certs.value(QStringLiteral("certificates")).toArray().isEmpty())
        return false;
    for (const ProtocolChoice& c : protocolChoices()) {
        if (c.enabled && c.security != QLatin1String("none"))
            return true;
    }
    return false;
}

int ProtocolsWizard::nextId() const
{
    if (currentId() == Ports) {
        if (needsCertificate())
            return Certificate;
        const_cast<ProtocolsWizard*>(this)->certificate().source = CertificateChoice::Source::Keep;
        return Summary;
    }
    return TegamiWizard::nextId();
}

ApplyPlan ProtocolsWizard::buildPlan() const
{
    ApplyPlan plan;
    addProtocolSteps(plan, true);
    return plan;
}

} // namespace tegami
