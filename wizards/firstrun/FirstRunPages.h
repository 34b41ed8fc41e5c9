#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;

namespace tegami {

class FirstRunWizard;

// The organisation's mail domain ("domainName", error "domainNameError").
class OrganisationPage : public QWizardPage {
    Q_OBJECT
public:
    explicit OrganisationPage(QWidget* parent = nullptr);
    void initializePage() override;
    bool validatePage() override;

private:
    QLineEdit* m_domain = nullptr;
    QLabel* m_error = nullptr;
};

// The server's FQDN ("serverFqdn", error "serverFqdnError"): its syntax is checked before
// Next; whether DNS knows it is shown ("serverFqdnLookup") but does not stop the wizard, as
// the record often comes later.
class ServerNamePage : public QWizardPage {
    Q_OBJECT
public:
    explicit ServerNamePage(QWidget* parent = nullptr);
    void initializePage() override;
    bool validatePage() override;

private:
    void lookUp();

    QLineEdit* m_fqdn = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_lookup = nullptr;
    int m_lookupId = -1;
};

// The administrator's account ("adminName", "adminPassword", "adminPasswordConfirm", error
// "adminError"), and why it cannot read mail over POP3 or IMAP4 ("adminNote").
class AdminPage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdminPage(QWidget* parent = nullptr);
    void initializePage() override;
    bool validatePage() override;

private:
    QLineEdit* m_name = nullptr;
    QLabel* m_domain = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_confirm = nullptr;
    QLabel* m_error = nullptr;
};

// The first mailboxes ("mailboxName", "mailboxDisplayName", "mailboxPassword",
// "addMailboxButton", "mailboxList", "removeMailboxButton", error "mailboxError").
class MailboxesPage : public QWizardPage {
    Q_OBJECT
public:
    explicit MailboxesPage(QWidget* parent = nullptr);
    void initializePage() override;
    bool validatePage() override;
    // Adds the mailbox in the fields to the list; false (with the error shown) when invalid.
    bool addFromFields();

private:
    FirstRunWizard* firstRun() const;
    void showList();

    QLineEdit* m_name = nullptr;
    QLabel* m_domain = nullptr;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password = nullptr;
    QListWidget* m_list = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace tegami
