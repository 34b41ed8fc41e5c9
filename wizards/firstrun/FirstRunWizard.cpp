#include "wizards/firstrun/FirstRunWizard.h"

#include "wizards/common/CertificatePage.h"
#include "wizards/common/ClientSettingsPage.h"
#include "wizards/common/PortsPage.h"
#include "wizards/common/ProtocolChoicePage.h"
#include "wizards/common/SummaryPage.h"
#include "wizards/firstrun/FirstRunPages.h"

namespace tegami {

FirstRunWizard::FirstRunWizard(ServiceClient& client, QWidget* parent)
    : TegamiWizard(client, parent)
{
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Set up Tegami"));
    adminLocalPart = QStringLiteral("admin");
    snapshotLoaded();
    setPage(Organisation, new OrganisationPage(this));
    setPage(ServerName, new ServerNamePage(this));
    setPage(Admin, new AdminPage(this));
    setPage(Mailboxes, new MailboxesPage(this));
    setPage(Protocols, new ProtocolChoicePage(this));
    setPage(Certificate, new CertificatePage(false, this));
    setPage(Ports, new PortsPage(this));
    setPage(Summary, new SummaryPage(this));
    setPage(Done, new ClientSettingsPage(this));
    setStartId(Organisation);
}

void FirstRunWizard::snapshotLoaded()
{
    // A first setup proposes what a small office needs: reading on several devices (IMAP4),
    // POP3 for older programs, and sending (submission); the MX when the DNS is ready.
    for (ProtocolChoice& c : protocolChoices())
        c.enabled = c.enabled || c.protocol != QLatin1String("smtp");
}

QString FirstRunWizard::plannedFqdn() const
{
    return fqdn.isEmpty() ? snapshot().effectiveFqdn() : fqdn;
}

ApplyPlan FirstRunWizard::buildPlan() const
{
    ApplyPlan plan;
    addSettingStep(plan, tr("Name the server %1").arg(fqdn), QStringLiteral("server.fqdn"), fqdn);

    ApplyPlan::Step addDomain;
    addDomain.description = tr("Accept mail for %1").arg(domain);
    addDomain.method = QStringLiteral("domain.add");
    addDomain.params = { { QStringLiteral("name"), domain } };
    addDomain.undoMethod = QStringLiteral("domain.remove");
    addDomain.undoParams = addDomain.params;
    addDomain.advice = tr("If the domain already exists, this is not a fresh setup: use the Accounts page instead.");
    plan.add(addDomain);

    const auto addMailbox = [&](const QString& address, const QString& name, const QString& password, bool admin) {
        ApplyPlan::Step s;
        s.description = admin ? tr("Create the administrator account %1 (no POP3 or IMAP4)").arg(address)
                              : tr("Create the mailbox %1").arg(address);
        s.method = QStringLiteral("user.add");
        s.params = { { QStringLiteral("address"), address }, { QStringLiteral("password"), password },
            { QStringLiteral("displayName"), name }, { QStringLiteral("admin"), admin } };
        s.undoMethod = QStringLiteral("user.remove");
        s.undoParams = { { QStringLiteral("address"), address } };
        s.advice = tr("Go back to the accounts pages and check the address and password.");
        plan.add(s);
    };
    addMailbox(adminLocalPart + QLatin1Char('@') + domain, tr("Administrator"), adminPassword, true);
    for (const NewMailboxChoice& m : mailboxes)
        addMailbox(m.address, m.displayName, m.password, false);
    addProtocolSteps(plan, true);
    return plan;
}

} // namespace tegami
