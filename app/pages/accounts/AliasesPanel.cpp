#include "pages/accounts/AliasesPanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

#include "client/ServiceClient.h"
#include "models/AliasModel.h"
#include "pages/Page.h"
#include "widgets/Confirm.h"
#include "widgets/FormErrors.h"
#include "widgets/Tables.h"

namespace tegami {

AliasesPanel::AliasesPanel(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new AliasModel(this))
{
    setObjectName(QStringLiteral("aliasesPanel"));
    auto* layout = new QVBoxLayout(this);
    QLabel* general = createErrorLabel(this, QStringLiteral("aliasError"));
    m_errors = new FormErrors(general);
    auto* form = new QFormLayout;
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("aliasAddress"));
    m_address->setPlaceholderText(tr("sales@example.com"));
    form->addRow(tr("Alias:"), m_address);
    form->addRow(QString(), m_errors->add(QStringLiteral("address"), this, QStringLiteral("aliasAddressError")));
    m_targets = new QLineEdit(this);
    m_targets->setObjectName(QStringLiteral("aliasTargets"));
    m_targets->setPlaceholderText(tr("alice@example.com, bob@example.com"));
    form->addRow(tr("Delivers to:"), m_targets);
    form->addRow(QString(), m_errors->add(QStringLiteral("targets"), this, QStringLiteral("aliasTargetsError")));
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add alias"), this);
    add->setObjectName(QStringLiteral("addAliasButton"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeAliasButton"));
    m_remove->setEnabled(false);
    buttons->addWidget(add);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    layout->addLayout(buttons);
    layout->addWidget(general);
    m_table = tables::create(this, QStringLiteral("aliasTable"), m_model);
    layout->addWidget(m_table, 1);

    connect(add, &QPushButton::clicked, this, &AliasesPanel::add);
    connect(m_remove, &QPushButton::clicked, this, &AliasesPanel::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_remove->setEnabled(m_table->selectionModel()->hasSelection()); });
}

AliasesPanel::~AliasesPanel()
{
    delete m_errors;
}

void AliasesPanel::refresh()
{
    m_client.call(QStringLiteral("alias.list"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(Page::describe(r));
            return;
        }
        m_model->setRows(r.result.toArray());
    });
}

void AliasesPanel::add()
{
    m_errors->clear();
    QJsonArray targets;
    for (const QString& t : m_targets->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        targets.append(t);
    const QString address = m_address->text().trimmed();
    const QJsonObject params { { QStringLiteral("address"), address }, { QStringLiteral("targets"), targets } };
    m_client.call(QStringLiteral("alias.add"), params, this, [this, address](const RpcReply& r) {
        if (!r.ok) {
            m_errors->show(r);
            return;
        }
        m_address->clear();
        m_targets->clear();
        Q_EMIT statusMessage(tr("Alias %1 added.").arg(address));
        Q_EMIT changed();
    });
}

void AliasesPanel::removeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString address = m_model->keyOf(rows.first().row());
    if (!Confirm::ask(this, tr("Remove alias"), tr("Remove the alias %1?").arg(address), tr("Remove")))
        return;
    m_client.call(QStringLiteral("alias.remove"), { { QStringLiteral("address"), address } }, this,
        [this, address](const RpcReply& r) {
            if (!r.ok) {
                m_errors->show(QString(), Page::describe(r));
                return;
            }
            Q_EMIT statusMessage(tr("Alias %1 removed.").arg(address));
            Q_EMIT changed();
        });
}

} // namespace tegami
