#include "pages/diagnostics/ConfigurationChecksPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "client/ServiceClient.h"

namespace tegami {

namespace {

enum Column { SeverityColumn, MessageColumn, PageColumn, WizardColumn, ColumnCount };

} // namespace

ConfigurationChecksPanel::ConfigurationChecksPanel(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_summary = new QLabel(tr("Checking the configuration..."), this);
    m_summary->setObjectName(QStringLiteral("checksSummary"));
    m_summary->setWordWrap(true);
    auto* again = new QPushButton(tr("Check again"), this);
    again->setObjectName(QStringLiteral("recheckButton"));
    connect(again, &QPushButton::clicked, this, &ConfigurationChecksPanel::refresh);
    top->addWidget(m_summary, 1);
    top->addWidget(again);
    layout->addLayout(top);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("checksTable"));
    m_table->setHorizontalHeaderLabels({ tr("Severity"), tr("Finding"), tr("Fix it on"), tr("Or with") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(SeverityColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PageColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WizardColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
}

QString ConfigurationChecksPanel::pageTitle(const QString& page)
{
    if (page == QLatin1String("dashboard"))
        return tr("Dashboard");
    if (page == QLatin1String("protocols"))
        return tr("Protocols");
    if (page == QLatin1String("accounts"))
        return tr("Accounts");
    if (page == QLatin1String("certificates"))
        return tr("Certificates");
    if (page == QLatin1String("log"))
        return tr("Protocol log");
    if (page == QLatin1String("security"))
        return tr("Security");
    if (page == QLatin1String("queue"))
        return tr("Queue");
    if (page == QLatin1String("settings"))
        return tr("Settings");
    if (page == QLatin1String("diagnostics"))
        return tr("Diagnostics");
    return page;
}

QString ConfigurationChecksPanel::wizardTitle(const QString& wizard)
{
    if (wizard == QLatin1String("firstrun"))
        return tr("First setup");
    if (wizard == QLatin1String("protocols"))
        return tr("Protocols");
    if (wizard == QLatin1String("certificate"))
        return tr("Certificate");
    if (wizard == QLatin1String("ports"))
        return tr("Ports");
    return wizard;
}

void ConfigurationChecksPanel::refresh()
{
    m_client.call(QStringLiteral("diag.checks"), this, [this](const RpcReply& reply) {
        if (!reply.ok) {
            showFailure(tr("The configuration could not be checked: %1").arg(reply.describe()));
            return;
        }
        // An array, or {checks: [...]} should the method grow more fields.
        showFindings(reply.result.isArray() ? reply.result.toArray()
                                            : reply.result.toObject().value(QStringLiteral("checks")).toArray());
    });
}

int ConfigurationChecksPanel::problemCount() const
{
    int count = 0;
    for (const QJsonValue& v : m_findings) {
        const QString severity = v.toObject().value(QStringLiteral("severity")).toString();
        count += severity == QLatin1String("error") || severity == QLatin1String("warning") ? 1 : 0;
    }
    return count;
}

void ConfigurationChecksPanel::showFindings(const QJsonArray& findings)
{
    m_findings = findings;
    m_table->setRowCount(0);
    for (const QJsonValue& v : findings) {
        const QJsonObject finding = v.toObject();
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString severity = finding.value(QStringLiteral("severity")).toString();
        QString icon = QStringLiteral("state-ok");
        QString label = tr("Note");
        if (severity == QLatin1String("error")) {
            icon = QStringLiteral("state-error");
            label = tr("Error");
        } else if (severity == QLatin1String("warning")) {
            icon = QStringLiteral("state-warning");
            label = tr("Warning");
        }
        auto* severityItem = new QTableWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), label);
        severityItem->setData(Qt::UserRole, severity);
        m_table->setItem(row, SeverityColumn, severityItem);
        auto* message = new QTableWidgetItem(finding.value(QStringLiteral("message")).toString());
        message->setToolTip(message->text());
        message->setData(Qt::UserRole, finding.value(QStringLiteral("id")).toString());
        m_table->setItem(row, MessageColumn, message);

        const QString id = finding.value(QStringLiteral("id")).toString();
        const QString page = finding.value(QStringLiteral("page")).toString();
        // The service says "first-run", the console's wizard list "firstrun".
        QString wizard = finding.value(QStringLiteral("wizard")).toString();
        if (wizard == QLatin1String("first-run"))
            wizard = QStringLiteral("firstrun");
        if (!page.isEmpty()) {
            auto* open = new QPushButton(tr("Open %1").arg(pageTitle(page)), m_table);
            open->setObjectName(QStringLiteral("openPage_") + id);
            connect(open, &QPushButton::clicked, this, [this, page] { Q_EMIT openPageRequested(page); });
            m_table->setCellWidget(row, PageColumn, open);
        }
        if (!wizard.isEmpty()) {
            auto* start = new QPushButton(tr("%1 wizard...").arg(wizardTitle(wizard)), m_table);
            start->setObjectName(QStringLiteral("openWizard_") + id);
            start->setToolTip(tr("The wizard walks through the fix step by step"));
            connect(start, &QPushButton::clicked, this, [this, wizard] { Q_EMIT openWizardRequested(wizard); });
            m_table->setCellWidget(row, WizardColumn, start);
        }
    }
    m_table->resizeRowsToContents();
    const int problems = problemCount();
    m_summary->setStyleSheet(problems > 0 ? QStringLiteral("color: #b02020;") : QString());
    if (findings.isEmpty())
        m_summary->setText(tr("No problems found in the configuration."));
    else if (problems == 0)
        m_summary->setText(tr("No problems found; %n note(s) below.", nullptr, int(findings.size())));
    else
        m_summary->setText(tr("%n problem(s) found. Each row says where to fix it.", nullptr, problems));
    Q_EMIT refreshed();
}

void ConfigurationChecksPanel::showFailure(const QString& message)
{
    m_summary->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_summary->setText(message);
}

} // namespace tegami
