#include "pages/AccountsPage.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "pages/accounts/AliasesPanel.h"
#include "pages/accounts/DomainsPanel.h"
#include "pages/accounts/UsersPanel.h"

namespace tegami {

AccountsPage::AccountsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Accounts</h2>"), this));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("accountTabs"));
    m_users = new UsersPanel(client, m_tabs);
    m_domains = new DomainsPanel(client, m_tabs);
    m_aliases = new AliasesPanel(client, m_tabs);
    m_tabs->addTab(m_users, tr("Mailboxes"));
    m_tabs->addTab(m_domains, tr("Domains"));
    m_tabs->addTab(m_aliases, tr("Aliases"));
    layout->addWidget(m_tabs, 1);

    connect(m_domains, &DomainsPanel::domainsListed, m_users, &UsersPanel::setDomains);
    connect(m_users, &UsersPanel::changed, this, &AccountsPage::refresh);
    connect(m_domains, &DomainsPanel::changed, this, &AccountsPage::refresh);
    connect(m_aliases, &AliasesPanel::changed, this, &AccountsPage::refresh);
    connect(m_users, &UsersPanel::statusMessage, this, &Page::statusMessage);
    connect(m_domains, &DomainsPanel::statusMessage, this, &Page::statusMessage);
    connect(m_aliases, &AliasesPanel::statusMessage, this, &Page::statusMessage);
}

void AccountsPage::refresh()
{
    m_domains->refresh();
    m_users->refresh();
    m_aliases->refresh();
}

} // namespace tegami
