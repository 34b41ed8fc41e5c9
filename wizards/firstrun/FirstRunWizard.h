#pragma once

#include "wizards/common/TegamiWizard.h"

namespace tegami {

class CertificatePage;
class PortsPage;
class ProtocolChoicePage;
class SummaryPage;

// The first run on a fresh data directory: organisation domain, server FQDN, the admin
// account, the first mailboxes, then protocols, certificate and ports, a summary and apply.
// Nothing reaches the service before Apply; a failure there undoes what was made.
class FirstRunWizard : public TegamiWizard {
    Q_OBJECT
public:
    enum PageId { Organisation, ServerName, Admin, Mailboxes, Protocols, Certificate, Ports, Summary, Done };

    explicit FirstRunWizard(ServiceClient& client, QWidget* parent = nullptr);

    QString domain;
    QString fqdn;
    QString adminLocalPart;
    QString adminPassword;
    QList<NewMailboxChoice> mailboxes;

    QString plannedFqdn() const override;
    ApplyPlan buildPlan() const override;

protected:
    void snapshotLoaded() override;
};

} // namespace tegami
