#include "pages/accounts/DomainsPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "client/ServiceClient.h"
#include "models/DomainModel.h"
#include "pages/Page.h"
#include "widgets/Confirm.h"
#include "widgets/FormErrors.h"
#include "widgets/Tables.h"

namespace tegami {

DomainsPanel::DomainsPanel(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new DomainModel(this))
{
    setObjectName(QStringLiteral("domainsPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* intro
        = new QLabel(tr("Tegami accepts mail for these domains. Their DNS MX records should name this server."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* row = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("domainName"));
    m_name->setPlaceholderText(tr("example.com"));
    auto* add = new QPushButton(tr("Add domain"), this);
    add->setObjectName(QStringLiteral("addDomainButton"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeDomainButton"));
    m_remove->setEnabled(false);
    row->addWidget(m_name, 1);
    row->addWidget(add);
    row->addStretch(1);
    row->addWidget(m_remove);
    layout->addLayout(row);
    m_errors = new FormErrors(createErrorLabel(this, QStringLiteral("domainError")));
    QLabel* nameError = m_errors->add(QStringLiteral("domain"), this, QStringLiteral("domainNameError"));
    layout->addWidget(nameError);
    layout->addWidget(findChild<QLabel*>(QStringLiteral("domainError")));
    m_table = tables::create(this, QStringLiteral("domainTable"), m_model);
    layout->addWidget(m_table, 1);

    connect(add, &QPushButton::clicked, this, &DomainsPanel::add);
    connect(m_name, &QLineEdit::returnPressed, this, &DomainsPanel::add);
    connect(m_remove, &QPushButton::clicked, this, &DomainsPanel::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_remove->setEnabled(m_table->selectionModel()->hasSelection()); });
}

DomainsPanel::~DomainsPanel()
{
    delete m_errors;
}

void DomainsPanel::refresh()
{
    m_client.call(QStringLiteral("domain.list"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(Page::describe(r));
            return;
        }
        m_model->setRows(r.result.toArray());
        Q_EMIT domainsListed(r.result.toArray());
    });
}

void DomainsPanel::add()
{
    m_errors->clear();
    const QString name = m_name->text().trimmed();
    m_client.call(
        QStringLiteral("domain.add"), { { QStringLiteral("name"), name } }, this, [this, name](const RpcReply& r) {
            if (!r.ok) {
                // domain.add reports the name as "domain" (or "name", the parameter).
                const bool aboutName = r.field == QLatin1String("name") || r.field == QLatin1String("domain");
                m_errors->show(aboutName ? QStringLiteral("domain") : r.field, Page::describe(r));
                return;
            }
            m_name->clear();
            Q_EMIT statusMessage(tr("Domain %1 added.").arg(name));
            Q_EMIT changed();
        });
}

void DomainsPanel::removeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString name = m_model->keyOf(rows.first().row());
    if (!Confirm::ask(this, tr("Remove domain"), tr("Stop accepting mail for %1?").arg(name), tr("Remove")))
        return;
    m_errors->clear();
    m_client.call(
        QStringLiteral("domain.remove"), { { QStringLiteral("name"), name } }, this, [this, name](const RpcReply& r) {
            if (!r.ok) {
                m_errors->show(QString(), Page::describe(r));
                return;
            }
            Q_EMIT statusMessage(tr("Domain %1 removed.").arg(name));
            Q_EMIT changed();
        });
}

} // namespace tegami
