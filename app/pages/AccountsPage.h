#pragma once

#include "pages/Page.h"

class QTabWidget;

namespace tegami {

class AliasesPanel;
class DomainsPanel;
class UsersPanel;

// Domains, mailboxes and aliases, one tab each.
class AccountsPage : public Page {
    Q_OBJECT
public:
    explicit AccountsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Accounts"); }
    void refresh() override;

    UsersPanel* users() const { return m_users; }
    DomainsPanel* domains() const { return m_domains; }
    AliasesPanel* aliases() const { return m_aliases; }
    QTabWidget* tabs() const { return m_tabs; }

private:
    QTabWidget* m_tabs = nullptr;
    UsersPanel* m_users = nullptr;
    DomainsPanel* m_domains = nullptr;
    AliasesPanel* m_aliases = nullptr;
};

} // namespace tegami
