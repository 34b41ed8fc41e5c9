#include "wizards/firstrun/FirstRunPages.h"

#include "wizards/firstrun/FirstRunWizard.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace tegami {

namespace {

constexpr int minPasswordLength = 8; // as the service's PasswordHasher

QString localPartProblem(const QString& name)
{
    static const QRegularExpression valid(
        QStringLiteral("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"));
    if (name.isEmpty())
        return QCoreApplication::translate("tegami::FirstRunPages", "Enter the part before the @, for example alice.");
    if (name.size() > 64 || !valid.match(name).hasMatch())
        return QCoreApplication::translate("tegami::FirstRunPages",
            "'%1' cannot be the part before the @: use letters, digits, dots (not at the ends) "
            "and - _ +.")
            .arg(name);
    return {};
}

QString passwordProblem(const QString& password, const QString& confirm)
{
    if (password.size() < minPasswordLength)
        return QCoreApplication::translate("tegami::FirstRunPages", "Use a password of at least %1 characters.")
            .arg(minPasswordLength);
    if (password != confirm)
        return QCoreApplication::translate("tegami::FirstRunPages", "The two passwords differ.");
    return {};
}

QLabel* note(const QString& text, QWidget* parent, const QString& name)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    return label;
}

} // namespace

OrganisationPage::OrganisationPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("organisationPage"));
    setTitle(tr("Your organisation"));
    setSubTitle(tr("Welcome to Tegami. A few steps set up mail for your office; nothing changes until you apply them "
                   "at the end."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note(tr("The mail domain is the part after the @ in your addresses. Tegami accepts mail for "
                              "it; you can add more domains later on the Accounts page."),
        this, QStringLiteral("domainNote")));
    auto* form = new QFormLayout;
    m_domain = new QLineEdit(this);
    m_domain->setObjectName(QStringLiteral("domainName"));
    m_domain->setPlaceholderText(tr("example.com"));
    form->addRow(tr("Mail domain:"), m_domain);
    layout->addLayout(form);
    m_error = createFieldError(this, QStringLiteral("domainNameError"));
    layout->addWidget(m_error);
    layout->addStretch(1);
}

void OrganisationPage::initializePage()
{
    m_domain->setText(static_cast<FirstRunWizard*>(wizard())->domain);
}

bool OrganisationPage::validatePage()
{
    const QString domain = m_domain->text().trimmed().toLower();
    if (!static_cast<FirstRunWizard*>(wizard())->isDryRun()) {
        if (const QString problem = wizard::hostNameProblem(domain); !problem.isEmpty()) {
            showFieldError(m_error, problem);
            m_domain->setFocus();
            return false;
        }
    }
    showFieldError(m_error, {});
    FirstRunWizard* w = static_cast<FirstRunWizard*>(wizard());
    if (w->domain != domain && (w->fqdn.isEmpty() || w->fqdn == QStringLiteral("mail.") + w->domain))
        w->fqdn = QStringLiteral("mail.") + domain;
    w->domain = domain;
    return true;
}

ServerNamePage::ServerNamePage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("serverNamePage"));
    setTitle(tr("Server name"));
    setSubTitle(tr("The full name mail programs and other servers use to reach this machine."));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note(tr("Use a name with a DNS record pointing at this server, for example mail.example.com. "
                              "It appears in greetings and must match the TLS certificate."),
        this, QStringLiteral("serverFqdnNote")));
    auto* form = new QFormLayout;
    m_fqdn = new QLineEdit(this);
    m_fqdn->setObjectName(QStringLiteral("serverFqdn"));
    form->addRow(tr("Server FQDN:"), m_fqdn);
    layout->addLayout(form);
    m_error = createFieldError(this, QStringLiteral("serverFqdnError"));
    layout->addWidget(m_error);
    m_lookup = note(QString(), this, QStringLiteral("serverFqdnLookup"));
    layout->addWidget(m_lookup);
    layout->addStretch(1);
    connect(m_fqdn, &QLineEdit::editingFinished, this, &ServerNamePage::lookUp);
}

void ServerNamePage::initializePage()
{
    m_fqdn->setText(static_cast<FirstRunWizard*>(wizard())->fqdn);
    lookUp();
}

void ServerNamePage::lookUp()
{
    const QString name = m_fqdn->text().trimmed();
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    m_lookupId = -1;
    if (!wizard::hostNameProblem(name).isEmpty() || static_cast<FirstRunWizard*>(wizard())->isDryRun()) {
        m_lookup->clear();
        return;
    }
    m_lookup->setText(tr("Looking up %1 in DNS...").arg(name));
    m_lookupId = QHostInfo::lookupHost(name, this, [this, name](const QHostInfo& info) {
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            m_lookup->setText(tr("DNS does not know %1 yet. Mail programs outside this machine need an A record for "
                                 "it; you can continue and add it later.")
                                  .arg(name));
            return;
        }
        QStringList addresses;
        for (const QHostAddress& a : info.addresses())
            addresses << a.toString();
        m_lookup->setText(tr("%1 points at %2.").arg(name, addresses.join(QStringLiteral(", "))));
    });
}

bool ServerNamePage::validatePage()
{
    const QString fqdn = m_fqdn->text().trimmed().toLower();
    if (!static_cast<FirstRunWizard*>(wizard())->isDryRun()) {
        if (const QString problem = wizard::hostNameProblem(fqdn); !problem.isEmpty()) {
            showFieldError(m_error, problem);
            m_fqdn->setFocus();
            return false;
        }
    }
    showFieldError(m_error, {});
    static_cast<FirstRunWizard*>(wizard())->fqdn = fqdn;
    return true;
}

AdminPage::AdminPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("adminPage"));
    setTitle(tr("Administrator account"));
    setSubTitle(tr("The account that receives the server's reports (postmaster mail, delivery problems)."));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* address = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("adminName"));
    m_domain = new QLabel(this);
    address->addWidget(m_name, 1);
    address->addWidget(m_domain);
    form->addRow(tr("Address:"), address);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("adminPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password:"), m_password);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("adminPasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Repeat it:"), m_confirm);
    layout->addLayout(form);
    m_error = createFieldError(this, QStringLiteral("adminError"));
    layout->addWidget(m_error);
    auto* why = note(tr("<b>This account cannot read mail over POP3 or IMAP4.</b> An administrator's password opens "
                        "the whole server, so it should never travel with everyday mail programs, which keep it "
                        "on phones and laptops and send it every few minutes. Create a normal mailbox for your own "
                        "mail on the next page."),
        this, QStringLiteral("adminNote"));
    why->setTextFormat(Qt::RichText);
    layout->addWidget(why);
    layout->addStretch(1);
}

void AdminPage::initializePage()
{
    FirstRunWizard* w = static_cast<FirstRunWizard*>(wizard());
    m_name->setText(w->adminLocalPart);
    m_domain->setText(QLatin1Char('@') + w->domain);
}

bool AdminPage::validatePage()
{
    FirstRunWizard* w = static_cast<FirstRunWizard*>(wizard());
    const QString name = m_name->text().trimmed();
    if (!w->isDryRun()) {
        QString problem = localPartProblem(name);
        QLineEdit* field = m_name;
        if (problem.isEmpty()) {
            problem = passwordProblem(m_password->text(), m_confirm->text());
            field = m_password;
        }
        if (!problem.isEmpty()) {
            showFieldError(m_error, problem);
            field->setFocus();
            return false;
        }
    }
    showFieldError(m_error, {});
    w->adminLocalPart = name;
    w->adminPassword = m_password->text();
    return true;
}

MailboxesPage::MailboxesPage(QWidget* parent)
    : QWizardPage(parent)
{
    setObjectName(QStringLiteral("mailboxesPage"));
    setTitle(tr("First mailboxes"));
    setSubTitle(tr("The people who will read mail here. You can add more later on the Accounts page."));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto* address = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("mailboxName"));
    m_domain = new QLabel(this);
    address->addWidget(m_name, 1);
    address->addWidget(m_domain);
    form->addRow(tr("Address:"), address);
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(QStringLiteral("mailboxDisplayName"));
    form->addRow(tr("Name:"), m_displayName);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("mailboxPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password:"), m_password);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add mailbox"), this);
    add->setObjectName(QStringLiteral("addMailboxButton"));
    auto* remove = new QPushButton(tr("&Remove"), this);
    remove->setObjectName(QStringLiteral("removeMailboxButton"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_error = createFieldError(this, QStringLiteral("mailboxError"));
    layout->addWidget(m_error);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("mailboxList"));
    layout->addWidget(m_list, 1);
    connect(add, &QPushButton::clicked, this, &MailboxesPage::addFromFields);
    connect(m_password, &QLineEdit::returnPressed, this, &MailboxesPage::addFromFields);
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row >= 0 && row < firstRun()->mailboxes.size()) {
            firstRun()->mailboxes.removeAt(row);
            showList();
        }
    });
}

FirstRunWizard* MailboxesPage::firstRun() const
{
    return static_cast<FirstRunWizard*>(wizard());
}

void MailboxesPage::initializePage()
{
    m_domain->setText(QLatin1Char('@') + firstRun()->domain);
    showList();
}

void MailboxesPage::showList()
{
    m_list->clear();
    for (const NewMailboxChoice& m : std::as_const(firstRun()->mailboxes))
        m_list->addItem(m.displayName.isEmpty() ? m.address : tr("%1 <%2>").arg(m.displayName, m.address));
}

bool MailboxesPage::addFromFields()
{
    FirstRunWizard* w = firstRun();
    const QString name = m_name->text().trimmed();
    QString problem = localPartProblem(name);
    QLineEdit* field = m_name;
    const QString address = name.toLower() + QLatin1Char('@') + w->domain;
    if (problem.isEmpty() && name.toLower() == w->adminLocalPart.toLower())
        problem = tr("%1 is the administrator account; choose another address.").arg(address);
    for (const NewMailboxChoice& m : std::as_const(w->mailboxes)) {
        if (problem.isEmpty() && m.address == address)
            problem = tr("%1 is already in the list.").arg(address);
    }
    if (problem.isEmpty()) {
        problem = passwordProblem(m_password->text(), m_password->text());
        field = m_password;
    }
    if (!problem.isEmpty()) {
        showFieldError(m_error, problem);
        field->setFocus();
        return false;
    }
    showFieldError(m_error, {});
    w->mailboxes << NewMailboxChoice { address, m_displayName->text().trimmed(), m_password->text() };
    m_name->clear();
    m_displayName->clear();
    m_password->clear();
    m_name->setFocus();
    showList();
    return true;
}

bool MailboxesPage::validatePage()
{
    // What is typed but not added yet is what the admin means.
    if (!m_name->text().trimmed().isEmpty() && !addFromFields())
        return false;
    if (firstRun()->mailboxes.isEmpty() && !firstRun()->isDryRun()) {
        showFieldError(m_error,
            tr("Add at least one mailbox: the administrator account cannot read mail with a mail "
               "program."));
        return false;
    }
    return true;
}

} // namespace tegami
