#include "wizards/ports/PortsWizard.h"

#include "wizards/common/ClientSettingsPage.h"
#include "wizards/common/PortsPage.h"
#include "wizards/common/SummaryPage.h"

namespace tegami {

PortsWizard::PortsWizard(ServiceClient& client, QWidget* parent)
    : TegamiWizard(client, parent)
{
    setObjectName(QStringLiteral("portsWizard"));
    setWindowTitle(tr("Ports and bindings"));
    certificate().source = CertificateChoice::Source::Keep;
    m_ports = new PortsPage(this);
    m_ports->setEveryConfiguredBinding(true);
    setPage(Ports, m_ports);
    setPage(Summary, new SummaryPage(this));
    setPage(Done, new ClientSettingsPage(this));
    setStartId(Ports);
}

ApplyPlan PortsWizard::buildPlan() const
{
    // Only the bindings change: protocol choices come from the service as it is.
    ApplyPlan plan;
    addProtocolSteps(plan, false);
    return plan;
}

} // namespace tegami
