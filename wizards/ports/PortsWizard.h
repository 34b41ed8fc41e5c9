#pragma once

#include "wizards/common/TegamiWizard.h"

namespace tegami {

class PortsPage;

// Ports and bindings: every listener of the enabled protocols with its address and port,
// checked for ports in use, duplicates and privileges before apply; reminds which ports
// the firewall must open.
class PortsWizard : public TegamiWizard {
    Q_OBJECT
public:
    enum PageId { Ports, Summary, Done };

    explicit PortsWizard(ServiceClient& client, QWidget* parent = nullptr);

    PortsPage* portsPage() const { return m_ports; }
    ApplyPlan buildPlan() const override;

private:
    PortsPage* m_ports = nullptr;
};

} // namespace tegami
