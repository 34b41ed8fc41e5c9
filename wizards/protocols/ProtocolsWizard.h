#pragma once

#include "wizards/common/TegamiWizard.h"

namespace tegami {

// Enable protocols: POP3, IMAP4, SMTP submission and the inbound MX, each with its
// encryption and login type; then their ports (checked), a certificate when the service has
// none yet, a summary and apply, and the settings users type into their mail programs.
class ProtocolsWizard : public TegamiWizard {
    Q_OBJECT
public:
    enum PageId { Protocols, Ports, Certificate, Summary, ClientSettings };

    explicit ProtocolsWizard(ServiceClient& client, QWidget* parent = nullptr);

    int nextId() const override;
    ApplyPlan buildPlan() const override;
    // True when some chosen protocol needs TLS and the service has no certificate for it.
    bool needsCertificate() const;
};

} // namespace tegami
