#include "pages/accounts/UsersPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/UserModel.h"
#include "pages/Page.h"
#include "widgets/Confirm.h"
#include "widgets/FormErrors.h"
#include "widgets/Tables.h"

namespace tegami {

namespace {

constexpr qint64 mebibyte = 1024 * 1024;

// A widget with its error label right below it, for one row of the form.
QWidget* withError(QWidget* input, QLabel* error)
{
    auto* cell = new QWidget(input->parentWidget());
    auto* layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    input->setParent(cell);
    error->setParent(cell);
    layout->addWidget(input);
    layout->addWidget(error);
    return cell;
}

} // namespace

UsersPanel::UsersPanel(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new UserModel(this))
{
    setObjectName(QStringLiteral("usersPanel"));
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Domain:"), this));
    m_domainFilter = new QComboBox(this);
    m_domainFilter->setObjectName(QStringLiteral("domainFilter"));
    m_domainFilter->addItem(tr("All domains"), QString());
    top->addWidget(m_domainFilter);
    top->addStretch(1);
    auto* add = new QPushButton(tr("New mailbox"), this);
    add->setObjectName(QStringLiteral("newUserButton"));
    top->addWidget(add);
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteUserButton"));
    m_delete->setEnabled(false);
    top->addWidget(m_delete);
    left->addLayout(top);
    m_table = tables::create(this, QStringLiteral("userTable"), m_model);
    left->addWidget(m_table, 1);
    layout->addLayout(left, 3);
    buildEditor(this);
    layout->addWidget(m_editor, 2);

    connect(m_domainFilter, &QComboBox::currentIndexChanged, this, &UsersPanel::refresh);
    connect(add, &QPushButton::clicked, this, &UsersPanel::startNew);
    connect(m_delete, &QPushButton::clicked, this, &UsersPanel::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPanel::onSelection);
    startNew();
}

UsersPanel::~UsersPanel()
{
    delete m_errors;
}

void UsersPanel::buildEditor(QWidget* parent)
{
    m_editor = new QGroupBox(parent);
    m_editor->setObjectName(QStringLiteral("userEditor"));
    auto* form = new QFormLayout(m_editor);
    m_error = createErrorLabel(m_editor, QStringLiteral("userError"));
    m_errors = new FormErrors(m_error);

    m_address = new QLineEdit(m_editor);
    m_address->setObjectName(QStringLiteral("userAddress"));
    m_address->setPlaceholderText(tr("name@example.com"));
    form->addRow(tr("Address:"),
        withError(m_address, m_errors->add(QStringLiteral("address"), m_editor, QStringLiteral("userAddressError"))));
    m_displayName = new QLineEdit(m_editor);
    m_displayName->setObjectName(QStringLiteral("userDisplayName"));
    form->addRow(tr("Display name:"),
        withError(m_displayName,
            m_errors->add(QStringLiteral("displayName"), m_editor, QStringLiteral("userDisplayNameError"))));

    auto* passwordRow = new QWidget(m_editor);
    auto* passwordLayout = new QHBoxLayout(passwordRow);
    passwordLayout->setContentsMargins(0, 0, 0, 0);
    m_password = new QLineEdit(passwordRow);
    m_password->setObjectName(QStringLiteral("userPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_setPassword = new QPushButton(tr("Set password"), passwordRow);
    m_setPassword->setObjectName(QStringLiteral("setPasswordButton"));
    passwordLayout->addWidget(m_password, 1);
    passwordLayout->addWidget(m_setPassword);
    form->addRow(tr("Password:"),
        withError(
            passwordRow, m_errors->add(QStringLiteral("password"), m_editor, QStringLiteral("userPasswordError"))));

    m_enabled = new QCheckBox(tr("Enabled (can log in and receive mail)"), m_editor);
    m_enabled->setObjectName(QStringLiteral("userEnabled"));
    form->addRow(QString(), m_enabled);
    m_admin = new QCheckBox(tr("Administrator (cannot use POP3 or IMAP4)"), m_editor);
    m_admin->setObjectName(QStringLiteral("userAdmin"));
    form->addRow(QString(), m_admin);

    auto* protocolRow = new QWidget(m_editor);
    auto* protocolLayout = new QHBoxLayout(protocolRow);
    protocolLayout->setContentsMargins(0, 0, 0, 0);
    for (const QString& p :
        { QStringLiteral("smtp"), QStringLiteral("submission"), QStringLiteral("pop3"), QStringLiteral("imap") }) {
        auto* box = new QCheckBox(format::protocolShortLabel(p), protocolRow);
        box->setObjectName(QStringLiteral("userProtocol_") + p);
        box->setToolTip(format::protocolLabel(p));
        protocolLayout->addWidget(box);
        m_protocols.insert(p, box);
    }
    protocolLayout->addStretch(1);
    form->addRow(tr("Protocols:"),
        withError(
            protocolRow, m_errors->add(QStringLiteral("protocols"), m_editor, QStringLiteral("userProtocolsError"))));

    m_quota = new QSpinBox(m_editor);
    m_quota->setObjectName(QStringLiteral("userQuota"));
    m_quota->setRange(0, 10 * 1024 * 1024);
    m_quota->setSuffix(tr(" MB"));
    m_quota->setSpecialValueText(tr("Unlimited"));
    m_quota->setGroupSeparatorShown(true);
    form->addRow(tr("Quota:"),
        withError(m_quota, m_errors->add(QStringLiteral("quotaBytes"), m_editor, QStringLiteral("userQuotaError"))));
    m_usage = new QLabel(m_editor);
    m_usage->setObjectName(QStringLiteral("userUsage"));
    form->addRow(tr("Usage:"), m_usage);

    m_popScope = new QComboBox(m_editor);
    m_popScope->setObjectName(QStringLiteral("userPopScope"));
    m_popScope->addItem(tr("All mail in the inbox"), QStringLiteral("all"));
    m_popScope->addItem(tr("Only mail that arrives from now on"), QStringLiteral("new"));
    form->addRow(tr("POP3 downloads:"),
        withError(
            m_popScope, m_errors->add(QStringLiteral("popScope"), m_editor, QStringLiteral("userPopScopeError"))));
    m_popAfter = new QComboBox(m_editor);
    m_popAfter->setObjectName(QStringLiteral("userPopAfter"));
    m_popAfter->addItem(tr("Keep it on the server"), QStringLiteral("keep"));
    m_popAfter->addItem(tr("Mark it as read"), QStringLiteral("read"));
    m_popAfter->addItem(tr("Move it to Archive"), QStringLiteral("archive"));
    m_popAfter->addItem(tr("Delete it"), QStringLiteral("delete"));
    form->addRow(tr("After a download:"),
        withError(m_popAfter,
            m_errors->add(QStringLiteral("popAfterRetrieval"), m_editor, QStringLiteral("userPopAfterError"))));

    form->addRow(m_error);
    auto* save = new QPushButton(tr("Save"), m_editor);
    save->setObjectName(QStringLiteral("saveUserButton"));
    save->setDefault(true);
    form->addRow(QString(), save);
    connect(save, &QPushButton::clicked, this, &UsersPanel::save);
    connect(m_setPassword, &QPushButton::clicked, this, &UsersPanel::setPassword);
}

void UsersPanel::setDomains(const QJsonArray& domains)
{
    const QString current = m_domainFilter->currentData().toString();
    const QSignalBlocker block(m_domainFilter);
    while (m_domainFilter->count() > 1)
        m_domainFilter->removeItem(1);
    for (const QJsonValue& d : domains) {
        const QString name = d.toObject().value(QStringLiteral("name")).toString();
        m_domainFilter->addItem(name, name);
    }
    m_domainFilter->setCurrentIndex(qMax(0, m_domainFilter->findData(current)));
}

void UsersPanel::refresh()
{
    QJsonObject params;
    const QString domain = m_domainFilter->currentData().toString();
    if (!domain.isEmpty())
        params.insert(QStringLiteral("domain"), domain);
    m_client.call(QStringLiteral("user.list"), params, this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(Page::describe(r));
            return;
        }
        m_model->setRows(r.result.toArray());
        if (!m_editing.isEmpty()) {
            const int row = m_model->indexOfKey(m_editing);
            if (row >= 0)
                m_usage->setText(m_model->data(m_model->index(row, 4), Qt::DisplayRole).toString());
        }
    });
}

void UsersPanel::startNew()
{
    m_editing.clear();
    m_table->clearSelection();
    m_errors->clear();
    m_editor->setTitle(tr("New mailbox"));
    m_address->setReadOnly(false);
    m_address->clear();
    m_displayName->clear();
    m_password->clear();
    m_password->setPlaceholderText(tr("at least 8 characters"));
    m_setPassword->hide();
    m_enabled->setChecked(true);
    m_admin->setChecked(false);
    for (QCheckBox* box : std::as_const(m_protocols))
        box->setChecked(true);
    m_quota->setValue(0);
    m_popScope->setCurrentIndex(0);
    m_popAfter->setCurrentIndex(0);
    m_usage->setText(tr("(new)"));
    m_delete->setEnabled(false);
}

bool UsersPanel::edit(const QString& address)
{
    const int row = m_model->indexOfKey(address);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    return true;
}

void UsersPanel::onSelection()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject u = m_model->row(rows.first().row());
    m_editing = u.value(QStringLiteral("address")).toString();
    m_errors->clear();
    m_editor->setTitle(tr("Mailbox %1").arg(m_editing));
    m_address->setText(m_editing);
    m_address->setReadOnly(true);
    m_displayName->setText(u.value(QStringLiteral("displayName")).toString());
    m_password->clear();
    m_password->setPlaceholderText(tr("new password"));
    m_setPassword->show();
    m_enabled->setChecked(u.value(QStringLiteral("enabled")).toBool());
    m_admin->setChecked(u.value(QStringLiteral("admin")).toBool());
    const QJsonArray protocols = u.value(QStringLiteral("protocols")).toArray();
    for (auto it = m_protocols.cbegin(); it != m_protocols.cend(); ++it)
        it.value()->setChecked(protocols.contains(it.key()));
    m_quota->setValue(static_cast<int>(u.value(QStringLiteral("quotaBytes")).toInteger() / mebibyte));
    const QJsonObject pop = u.value(QStringLiteral("pop")).toObject();
    m_popScope->setCurrentIndex(qMax(0, m_popScope->findData(pop.value(QStringLiteral("scope")).toString())));
    m_popAfter->setCurrentIndex(qMax(0, m_popAfter->findData(pop.value(QStringLiteral("afterRetrieval")).toString())));
    m_usage->setText(m_model->data(m_model->index(rows.first().row(), 4), Qt::DisplayRole).toString());
    m_delete->setEnabled(true);
}

QJsonObject UsersPanel::editorParams() const
{
    QJsonArray protocols;
    for (auto it = m_protocols.cbegin(); it != m_protocols.cend(); ++it) {
        if (it.value()->isChecked())
            protocols.append(it.key());
    }
    return QJsonObject { { QStringLiteral("address"), m_address->text().trimmed() },
        { QStringLiteral("displayName"), m_displayName->text().trimmed() },
        { QStringLiteral("enabled"), m_enabled->isChecked() }, { QStringLiteral("admin"), m_admin->isChecked() },
        { QStringLiteral("protocols"), protocols }, { QStringLiteral("quotaBytes"), m_quota->value() * mebibyte },
        { QStringLiteral("popScope"), m_popScope->currentData().toString() },
        { QStringLiteral("popAfterRetrieval"), m_popAfter->currentData().toString() } };
}

void UsersPanel::save()
{
    m_errors->clear();
    QJsonObject params = editorParams();
    const bool adding = m_editing.isEmpty();
    if (adding) {
        if (m_password->text().isEmpty()) {
            m_errors->show(QStringLiteral("password"), tr("A new mailbox needs a password."));
            return;
        }
        params.insert(QStringLiteral("password"), m_password->text());
    }
    const QString address = params.value(QStringLiteral("address")).toString();
    m_client.call(adding ? QStringLiteral("user.add") : QStringLiteral("user.set"), params, this,
        [this, adding, address](const RpcReply& r) {
            if (!r.ok) {
                m_errors->show(r);
                return;
            }
            m_password->clear();
            m_editing = r.result.toObject().value(QStringLiteral("address")).toString();
            Q_EMIT statusMessage(
                adding ? tr("Mailbox %1 created.").arg(address) : tr("Mailbox %1 saved.").arg(address));
            Q_EMIT changed();
            if (adding)
                startNew();
        });
}

void UsersPanel::setPassword()
{
    if (m_editing.isEmpty())
        return;
    m_errors->clear();
    const QJsonObject params { { QStringLiteral("address"), m_editing },
        { QStringLiteral("password"), m_password->text() } };
    m_client.call(QStringLiteral("user.passwd"), params, this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_errors->show(r.field.isEmpty() ? QStringLiteral("password") : r.field, Page::describe(r));
            return;
        }
        m_password->clear();
        Q_EMIT statusMessage(tr("The password of %1 was changed.").arg(m_editing));
    });
}

void UsersPanel::removeSelected()
{
    if (m_editing.isEmpty())
        return;
    const QString address = m_editing;
    if (!Confirm::ask(this, tr("Delete mailbox"),
            tr("Delete the mailbox %1 and all of its mail? This cannot be undone.").arg(address), tr("Delete")))
        return;
    m_client.call(QStringLiteral("user.remove"), { { QStringLiteral("address"), address } }, this,
        [this, address](const RpcReply& r) {
            if (!r.ok) {
                m_errors->show(r);
                return;
            }
            Q_EMIT statusMessage(tr("Mailbox %1 deleted.").arg(address));
            startNew();
            Q_EMIT changed();
        });
}

} // namespace tegami
