#include "pages/DashboardPage.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/CertificateModel.h"
#include "models/ListenerModel.h"
#include "models/SessionModel.h"
#include "widgets/ActivityChart.h"
#include "widgets/Tables.h"

namespace tegami {

namespace {

constexpr int historyRefreshSecs = 30;

} // namespace

DashboardPage::DashboardPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_listeners(new ListenerModel(this))
    , m_sessions(new SessionModel(this))
{
    auto* outer = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    auto* grid = new QGridLayout(content);
    grid->setColumnStretch(0, 5);
    grid->setColumnStretch(1, 2);

    m_summary = new QLabel(tr("Connecting to the service..."), content);
    m_summary->setObjectName(QStringLiteral("serviceSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    grid->addWidget(m_summary, 0, 0, 1, 2);

    auto* listenerBox = new QGroupBox(tr("Listeners"), content);
    auto* listenerLayout = new QVBoxLayout(listenerBox);
    m_listenerTable = tables::create(listenerBox, QStringLiteral("listenerTable"), m_listeners);
    m_listenerTable->setMinimumHeight(110);
    m_listenerTable->setMaximumHeight(220);
    listenerLayout->addWidget(m_listenerTable);
    m_listenerProblems = new QLabel(listenerBox);
    m_listenerProblems->setObjectName(QStringLiteral("listenerProblems"));
    m_listenerProblems->setWordWrap(true);
    m_listenerProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listenerProblems->hide();
    listenerLayout->addWidget(m_listenerProblems);
    grid->addWidget(listenerBox, 1, 0);

    auto* todayBox = new QGroupBox(tr("Today"), content);
    auto* todayLayout = new QVBoxLayout(todayBox);
    m_today = new QLabel(todayBox);
    m_today->setObjectName(QStringLiteral("todayCounts"));
    m_today->setTextFormat(Qt::RichText);
    todayLayout->addWidget(m_today);
    todayLayout->addStretch(1);
    grid->addWidget(todayBox, 1, 1);

    auto* sessionBox = new QGroupBox(tr("Current sessions"), content);
    auto* sessionLayout = new QVBoxLayout(sessionBox);
    m_sessionNote = new QLabel(sessionBox);
    m_sessionNote->setObjectName(QStringLiteral("sessionsNote"));
    m_sessionNote->setWordWrap(true);
    m_sessionNote->hide();
    sessionLayout->addWidget(m_sessionNote);
    m_sessionTable = tables::create(sessionBox, QStringLiteral("sessionTable"), m_sessions);
    m_sessionTable->setMinimumHeight(100);
    m_sessionTable->setMaximumHeight(220);
    sessionLayout->addWidget(m_sessionTable);
    m_disconnect = new QPushButton(tr("Disconnect session"), sessionBox);
    m_disconnect->setObjectName(QStringLiteral("disconnectButton"));
    m_disconnect->setEnabled(false);
    sessionLayout->addWidget(m_disconnect, 0, Qt::AlignRight);
    grid->addWidget(sessionBox, 2, 0);
    connect(m_disconnect, &QPushButton::clicked, this, &DashboardPage::disconnectSelected);
    connect(m_sessionTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_disconnect->setEnabled(m_sessionTable->selectionModel()->hasSelection()); });

    auto* warningBox = new QGroupBox(tr("Configuration warnings"), content);
    auto* warningLayout = new QVBoxLayout(warningBox);
    m_warnings = new QListWidget(warningBox);
    m_warnings->setObjectName(QStringLiteral("warningsList"));
    m_warnings->setWordWrap(true);
    m_warnings->setMinimumHeight(100);
    m_warnings->setMaximumHeight(260);
    warningLayout->addWidget(m_warnings);
    grid->addWidget(warningBox, 2, 1);

    auto* chartBox = new QGroupBox(tr("Activity in the last 3 hours"), content);
    auto* chartLayout = new QVBoxLayout(chartBox);
    m_chart = new ActivityChart(chartBox);
    chartLayout->addWidget(m_chart);
    grid->addWidget(chartBox, 3, 0, 1, 2);
    grid->setRowStretch(3, 1);
}

void DashboardPage::refresh()
{
    client().call(QStringLiteral("status"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_summary->setText(QStringLiteral("<b>%1</b>").arg(describe(r).toHtmlEscaped()));
            return;
        }
        const QJsonObject status = r.result.toObject();
        client().call(QStringLiteral("cert.list"), this,
            [this, status](const RpcReply& c) { showStatus(status, c.ok ? c.result.toObject() : QJsonObject()); });
    });
    refreshSessions();
    if (!m_historyFetched.isValid() || m_historyFetched.secsTo(QDateTime::currentDateTimeUtc()) >= historyRefreshSecs)
        refreshHistory();
}

void DashboardPage::showStatus(const QJsonObject& status, const QJsonObject& certificates)
{
    const QJsonObject accounts = status.value(QStringLiteral("accounts")).toObject();
    m_summary->setText(tr("<h2>Tegami on %1</h2>Running for %2 &middot; %3, %4, %5")
                           .arg(status.value(QStringLiteral("fqdn")).toString().toHtmlEscaped(),
                               format::duration(status.value(QStringLiteral("uptimeSecs")).toInteger()),
                               tr("%n domain(s)", nullptr, accounts.value(QStringLiteral("domains")).toInt()),
                               tr("%n mailbox(es)", nullptr, accounts.value(QStringLiteral("mailboxes")).toInt()),
                               tr("%n alias(es)", nullptr, accounts.value(QStringLiteral("aliases")).toInt())));

    // Each listener with the certificate its protocol uses.
    const QJsonObject assignments = certificates.value(QStringLiteral("assignments")).toObject();
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue& v : certificates.value(QStringLiteral("certificates")).toArray())
        byId.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
    QJsonArray listeners;
    for (const QJsonValue& v : status.value(QStringLiteral("listeners")).toArray()) {
        QJsonObject l = v.toObject();
        const QString id = assignments.value(l.value(QStringLiteral("protocol")).toString())
                               .toObject()
                               .value(QStringLiteral("certificate"))
                               .toString();
        if (byId.contains(id)) {
            l.insert(QStringLiteral("certificate"), CertificateModel::displayName(byId[id]));
            l.insert(QStringLiteral("certificateExpires"), byId[id].value(QStringLiteral("notAfter")));
        }
        listeners.append(l);
    }
    m_listeners->setRows(listeners);
    // Why a listener fails or runs without TLS, in full: the admin's next step.
    QStringList problems;
    for (const QJsonValue& v : listeners) {
        const QJsonObject l = v.toObject();
        if (ListenerModel::isFailing(l) || l.contains(QStringLiteral("tlsProblem")))
            problems << QStringLiteral("<li><b>%1</b>: %2</li>")
                            .arg(l.value(QStringLiteral("id")).toString().toHtmlEscaped(),
                                ListenerModel::stateText(l).toHtmlEscaped());
    }
    if (m_listeners->rowCount() == 0)
        problems << tr(
            "<li>No protocol is enabled, so nothing listens for mail. Enable one on the Protocols page.</li>");
    m_listenerProblems->setText(
        QStringLiteral("<ul style='margin-left:-20px'>") + problems.join(QString()) + QStringLiteral("</ul>"));
    m_listenerProblems->setVisible(!problems.isEmpty());

    const QJsonObject queue = status.value(QStringLiteral("queue")).toObject();
    const QJsonObject today = queue.value(QStringLiteral("today")).toObject();
    auto row = [](const QString& label, qint64 n) {
        return QStringLiteral("<tr><td>%1</td><td align=right><b>%2</b></td></tr>").arg(label.toHtmlEscaped()).arg(n);
    };
    m_today->setText(QStringLiteral("<table cellspacing=4>")
        + row(tr("Messages received"), today.value(QStringLiteral("receivedToday")).toInteger())
        + row(tr("Delivered to mailboxes"), today.value(QStringLiteral("deliveredLocalToday")).toInteger())
        + row(tr("Sent to other servers"), today.value(QStringLiteral("sentRemoteToday")).toInteger())
        + row(tr("Deferred (will retry)"), today.value(QStringLiteral("deferredToday")).toInteger())
        + row(tr("Bounced"), today.value(QStringLiteral("bouncedToday")).toInteger())
        + row(tr("Waiting in the queue"), queue.value(QStringLiteral("messages")).toInteger())
        + QStringLiteral("</table>"));

    m_warnings->clear();
    const QJsonArray warnings = status.value(QStringLiteral("warnings")).toArray();
    for (const QJsonValue& w : warnings)
        new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning), w.toString(), m_warnings);
    for (const QJsonValue& step : status.value(QStringLiteral("nextSteps")).toArray()) {
        if (warnings.isEmpty() && m_listeners->rowCount() == 0)
            new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxInformation), step.toString(), m_warnings);
    }
    if (m_warnings->count() == 0)
        new QListWidgetItem(tr("No warnings."), m_warnings);
}

void DashboardPage::refreshSessions()
{
    client().call(QStringLiteral("session.list"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_sessionNote->setText(describe(r));
            m_sessionNote->show();
            m_sessions->setRows({});
            return;
        }
        m_sessionNote->hide();
        m_sessions->setRows(r.result.toArray());
        if (m_sessions->rowCount() == 0) {
            m_sessionNote->setText(tr("No client is connected."));
            m_sessionNote->show();
        }
    });
}

void DashboardPage::refreshHistory()
{
    if (m_historyPending || !client().isConnected())
        return;
    m_historyPending = true;
    client().call(
        QStringLiteral("stats.history"), { { QStringLiteral("minutes"), 180 } }, this, [this](const RpcReply& r) {
            m_historyPending = false;
            if (r.disconnected())
                return; // fetched again once connected
            m_historyFetched = QDateTime::currentDateTimeUtc();
            if (!r.ok) {
                m_chart->setUnavailable(describe(r));
                return;
            }
            m_chart->setHistory(r.result.toObject());
        });
}

void DashboardPage::disconnectSelected()
{
    const QModelIndexList rows = m_sessionTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString sid = m_sessions->row(rows.first().row()).value(QStringLiteral("sid")).toString();
    client().call(
        QStringLiteral("session.disconnect"), { { QStringLiteral("sid"), sid } }, this, [this, sid](const RpcReply& r) {
            Q_EMIT statusMessage(r.ok ? tr("Session %1 disconnected.").arg(sid) : describe(r));
            refreshSessions();
        });
}

} // namespace tegami
