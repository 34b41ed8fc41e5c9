#include "pages/SecurityPage.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "client/ServiceClient.h"
#include "models/BanModel.h"
#include "models/LoginFailureModel.h"
#include "widgets/FormErrors.h"
#include "widgets/Tables.h"

namespace tegami {

SecurityPage::SecurityPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_bans(new BanModel(this))
    , m_failures(new LoginFailureModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Security</h2>"), this));

    auto* banBox = new QGroupBox(tr("Current bans"), this);
    auto* banLayout = new QVBoxLayout(banBox);
    auto* about = new QLabel(tr("Addresses with too many failed logins are banned for a while, and accounts locked; "
                                "the limits are on the Settings page."),
        banBox);
    about->setWordWrap(true);
    banLayout->addWidget(about);
    m_banTable = tables::create(banBox, QStringLiteral("banTable"), m_bans);
    banLayout->addWidget(m_banTable, 1);
    auto* banButtons = new QHBoxLayout;
    m_unban = new QPushButton(tr("Lift ban"), banBox);
    m_unban->setObjectName(QStringLiteral("unbanButton"));
    m_unban->setEnabled(false);
    banButtons->addStretch(1);
    banButtons->addWidget(m_unban);
    banLayout->addLayout(banButtons);

    auto* manual = new QHBoxLayout;
    manual->addWidget(new QLabel(tr("Ban the address"), banBox));
    m_address = new QLineEdit(banBox);
    m_address->setObjectName(QStringLiteral("banAddress"));
    m_address->setPlaceholderText(tr("198.51.100.7"));
    manual->addWidget(m_address, 1);
    manual->addWidget(new QLabel(tr("for"), banBox));
    m_hours = new QSpinBox(banBox);
    m_hours->setObjectName(QStringLiteral("banHours"));
    m_hours->setRange(1, 365 * 24);
    m_hours->setValue(24);
    m_hours->setSuffix(tr(" hours"));
    manual->addWidget(m_hours);
    auto* banButton = new QPushButton(tr("Ban"), banBox);
    banButton->setObjectName(QStringLiteral("banButton"));
    manual->addWidget(banButton);
    banLayout->addLayout(manual);
    m_errors = new FormErrors(createErrorLabel(banBox, QStringLiteral("banError")));
    banLayout->addWidget(m_errors->add(QStringLiteral("address"), banBox, QStringLiteral("banAddressError")));
    banLayout->addWidget(banBox->findChild<QLabel*>(QStringLiteral("banError")));
    layout->addWidget(banBox, 1);

    auto* failureBox = new QGroupBox(tr("Recent failed logins"), this);
    auto* failureLayout = new QVBoxLayout(failureBox);
    failureLayout->addWidget(tables::create(failureBox, QStringLiteral("failureTable"), m_failures));
    layout->addWidget(failureBox, 1);

    connect(m_unban, &QPushButton::clicked, this, &SecurityPage::unbanSelected);
    connect(banButton, &QPushButton::clicked, this, &SecurityPage::ban);
    connect(m_address, &QLineEdit::returnPressed, this, &SecurityPage::ban);
    connect(m_banTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_unban->setEnabled(m_banTable->selectionModel()->hasSelection()); });
}

SecurityPage::~SecurityPage()
{
    delete m_errors;
}

void SecurityPage::refresh()
{
    client().call(QStringLiteral("security.bans"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(describe(r));
            return;
        }
        const QJsonObject o = r.result.toObject();
        m_bans->setRows(o.value(QStringLiteral("bans")).toArray());
        m_failures->setRows(o.value(QStringLiteral("recentFailures")).toArray());
    });
}

void SecurityPage::unbanSelected()
{
    const QModelIndexList rows = m_banTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString key = m_bans->keyOf(rows.first().row());
    client().call(
        QStringLiteral("security.unban"), { { QStringLiteral("key"), key } }, this, [this, key](const RpcReply& r) {
            Q_EMIT statusMessage(r.ok ? tr("The ban on %1 was lifted.").arg(key) : describe(r));
            refresh();
        });
}

void SecurityPage::ban()
{
    m_errors->clear();
    const QString address = m_address->text().trimmed();
    const QJsonObject params { { QStringLiteral("address"), address },
        { QStringLiteral("seconds"), static_cast<qint64>(m_hours->value()) * 3600 } };
    client().call(QStringLiteral("security.ban"), params, this, [this, address](const RpcReply& r) {
        if (!r.ok) {
            m_errors->show(r.field.isEmpty() && r.code == -32602 ? QStringLiteral("address") : r.field, describe(r));
            return;
        }
        m_address->clear();
        Q_EMIT statusMessage(tr("%1 is banned.").arg(address));
        refresh();
    });
}

} // namespace tegami
