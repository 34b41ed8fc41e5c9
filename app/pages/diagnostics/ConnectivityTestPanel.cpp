#include "pages/diagnostics/ConnectivityTestPanel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"

namespace tegami {

namespace {

enum Column { NameColumn, ResultColumn, LatencyColumn, DetailColumn, LogColumn };

constexpr int defaultTimeoutSecs = 30;
constexpr int callMarginMs = 30000;
// Connect, TLS, login, select/STAT, submit, find by IMAP, find by POP3, delete, and a spare.
constexpr int stepsPerProtocol = 9;

QString securityText(const QString& security)
{
    if (security == QLatin1String("plain"))
        return ConnectivityTestPanel::tr("plain text");
    if (security == QLatin1String("starttls"))
        return ConnectivityTestPanel::tr("STARTTLS");
    if (security == QLatin1String("tls"))
        return ConnectivityTestPanel::tr("implicit TLS");
    return security;
}

} // namespace

ConnectivityTestPanel::ConnectivityTestPanel(ServiceClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
{
    buildForm();
    updateForm();
}

void ConnectivityTestPanel::buildForm()
{
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The service connects to its own listeners the way a mail client does: it logs in, "
                                "sends a test message through authenticated SMTP, finds it by IMAP4 and POP3 and "
                                "deletes it. Each step says whether it worked, how long it took and why it failed."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    auto* protocolRow = new QHBoxLayout;
    const QList<QPair<QString, QString>> protocols { { QStringLiteral("pop3"), tr("POP3") },
        { QStringLiteral("imap"), tr("IMAP4") }, { QStringLiteral("smtp"), tr("SMTP (authenticated submission)") } };
    for (const auto& [id, label] : protocols) {
        auto* box = new QCheckBox(label, this);
        box->setObjectName(QStringLiteral("testProtocol_") + id);
        box->setProperty("protocol", id);
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &ConnectivityTestPanel::updateForm);
        m_protocols << box;
        protocolRow->addWidget(box);
    }
    protocolRow->addStretch(1);
    form->addRow(tr("Protocols:"), protocolRow);

    auto* endpointRow = new QHBoxLayout;
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("testHost"));
    m_host->setPlaceholderText(tr("as configured (this server's listeners)"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("testPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("as configured"));
    m_port->setToolTip(tr("A port applies to a test of one protocol; as configured, every listener is tested."));
    m_security = new QComboBox(this);
    m_security->setObjectName(QStringLiteral("testSecurity"));
    m_security->addItem(tr("As configured"), QString());
    m_security->addItem(tr("Plain text"), QStringLiteral("plain"));
    m_security->addItem(tr("STARTTLS"), QStringLiteral("starttls"));
    m_security->addItem(tr("Implicit TLS (SSL)"), QStringLiteral("tls"));
    endpointRow->addWidget(m_host, 1);
    endpointRow->addWidget(new QLabel(tr("Port:"), this));
    endpointRow->addWidget(m_port);
    endpointRow->addWidget(new QLabel(tr("Connection:"), this));
    endpointRow->addWidget(m_security);
    form->addRow(tr("Server:"), endpointRow);

    auto* accountBox = new QVBoxLayout;
    m_temporary
        = new QRadioButton(tr("Use a temporary test mailbox (created for the test and removed after it)"), this);
    m_temporary->setObjectName(QStringLiteral("testTemporaryMailbox"));
    m_mailbox = new QRadioButton(tr("Use this mailbox:"), this);
    m_mailbox->setObjectName(QStringLiteral("testUseMailbox"));
    auto* group = new QButtonGroup(this);
    group->addButton(m_temporary);
    group->addButton(m_mailbox);
    m_temporary->setChecked(true);
    connect(m_mailbox, &QRadioButton::toggled, this, &ConnectivityTestPanel::updateForm);
    auto* credentials = new QHBoxLayout;
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("testUser"));
    m_user->setPlaceholderText(tr("user@example.com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("testPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("password"));
    credentials->addSpacing(24);
    credentials->addWidget(m_user, 2);
    credentials->addWidget(m_password, 1);
    accountBox->addWidget(m_temporary);
    accountBox->addWidget(m_mailbox);
    accountBox->addLayout(credentials);
    form->addRow(tr("Mailbox:"), accountBox);

    auto* optionRow = new QHBoxLayout;
    m_trustAny = new QCheckBox(tr("Trust any certificate (self-signed setups)"), this);
    m_trustAny->setObjectName(QStringLiteral("testTrustAny"));
    m_loginOnly = new QCheckBox(tr("Login only (skip sending and fetching a message)"), this);
    m_loginOnly->setObjectName(QStringLiteral("testLoginOnly"));
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("testTimeout"));
    m_timeout->setRange(5, 600);
    m_timeout->setValue(defaultTimeoutSecs);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long each step may take before it counts as failed."));
    optionRow->addWidget(m_trustAny);
    optionRow->addWidget(m_loginOnly);
    optionRow->addStretch(1);
    optionRow->addWidget(new QLabel(tr("Step timeout:"), this));
    optionRow->addWidget(m_timeout);
    form->addRow(tr("Options:"), optionRow);
    layout->addLayout(form);

    auto* runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("Run the test"), this);
    m_run->setObjectName(QStringLiteral("runTestButton"));
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &ConnectivityTestPanel::run);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("testSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runRow->addWidget(m_run);
    runRow->addWidget(m_summary, 1);
    layout->addLayout(runRow);

    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("testResults"));
    m_results->setColumnCount(5);
    m_results->setHeaderLabels({ tr("Test"), tr("Result"), tr("Latency"), tr("Details"), tr("Protocol log") });
    m_results->setRootIsDecorated(true);
    m_results->setAlternatingRowColors(true);
    m_results->setUniformRowHeights(true);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    layout->addWidget(m_results, 1);
}

void ConnectivityTestPanel::updateForm()
{
    const bool ownMailbox = m_mailbox->isChecked();
    m_user->setEnabled(ownMailbox);
    m_password->setEnabled(ownMailbox);
    int checked = 0;
    for (QCheckBox* box : std::as_const(m_protocols))
        checked += box->isChecked() ? 1 : 0;
    // A port names one listener, so it applies to a test of one protocol only.
    m_port->setEnabled(checked == 1);
    m_run->setEnabled(checked > 0 && !m_running);
}

QJsonObject ConnectivityTestPanel::parameters() const
{
    QJsonArray protocols;
    for (QCheckBox* box : m_protocols) {
        if (box->isChecked())
            protocols.append(box->property("protocol").toString());
    }
    QJsonObject params { { QStringLiteral("protocols"), protocols } };
    if (!m_host->text().trimmed().isEmpty())
        params.insert(QStringLiteral("host"), m_host->text().trimmed());
    if (m_port->isEnabled() && m_port->value() > 0)
        params.insert(QStringLiteral("port"), m_port->value());
    const QString security = m_security->currentData().toString();
    if (!security.isEmpty())
        params.insert(QStringLiteral("security"), security);
    if (m_mailbox->isChecked()) {
        params.insert(QStringLiteral("user"), m_user->text().trimmed());
        params.insert(QStringLiteral("password"), m_password->text());
    } else {
        params.insert(QStringLiteral("temporaryMailbox"), true);
    }
    params.insert(QStringLiteral("trustAnyCertificate"), m_trustAny->isChecked());
    params.insert(QStringLiteral("loginOnly"), m_loginOnly->isChecked());
    params.insert(QStringLiteral("timeoutSecs"), m_timeout->value());
    return params;
}

int ConnectivityTestPanel::callTimeoutMs() const
{
    int protocols = 0;
    for (QCheckBox* box : m_protocols)
        protocols += box->isChecked() ? 1 : 0;
    return m_timeout->value() * 1000 * stepsPerProtocol * std::max(protocols, 1) + callMarginMs;
}

void ConnectivityTestPanel::run()
{
    if (m_running)
        return;
    if (m_mailbox->isChecked() && (m_user->text().trimmed().isEmpty() || m_password->text().isEmpty())) {
        showFailure(tr("Enter the test mailbox's address and password, or use a temporary test mailbox."));
        return;
    }
    m_running = true;
    m_result = {};
    m_results->clear();
    m_summary->setStyleSheet(QString());
    m_summary->setText(tr("Testing... the service is connecting to its listeners."));
    updateForm();
    m_client.call(
        QStringLiteral("diag.test"), parameters(), this,
        [this](const RpcReply& reply) {
            m_running = false;
            updateForm();
            if (!reply.ok) {
                showFailure(tr("The test could not run: %1").arg(reply.describe()));
                Q_EMIT finished(false);
                return;
            }
            showResult(reply.result.toObject());
            Q_EMIT finished(m_result.value(QStringLiteral("passed")).toBool());
        },
        callTimeoutMs());
}

void ConnectivityTestPanel::showFailure(const QString& message)
{
    m_summary->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_summary->setText(message);
}

void ConnectivityTestPanel::showResult(const QJsonObject& result)
{
    m_result = result;
    m_results->clear();
    const QJsonArray tests = result.value(QStringLiteral("tests")).toArray();
    for (const QJsonValue& test : tests)
        addTest(test.toObject());
    m_results->expandAll();

    int failed = 0;
    for (const QJsonValue& test : tests)
        failed += test.toObject().value(QStringLiteral("passed")).toBool() ? 0 : 1;
    QString mailbox = result.value(QStringLiteral("user")).toString();
    if (result.value(QStringLiteral("temporaryMailbox")).toBool())
        mailbox = tr("the temporary mailbox %1").arg(mailbox);
    if (result.value(QStringLiteral("passed")).toBool()) {
        m_summary->setStyleSheet(QStringLiteral("color: #207020;"));
        m_summary->setText(tr("Every test passed, with %1.").arg(mailbox));
    } else {
        showFailure(failed > 0 ? tr("%n of %1 protocol test(s) failed, with %2. The details say why; the protocol "
                                    "log shows each session.",
                        nullptr, failed)
                                     .arg(tests.size())
                                     .arg(mailbox)
                               : tr("The test failed."));
    }
    // What the test could not clean up, say (a temporary mailbox left behind), for the admin to do.
    QStringList warnings;
    for (const QJsonValue& w : result.value(QStringLiteral("warnings")).toArray())
        warnings << w.toString();
    if (!warnings.isEmpty())
        m_summary->setText(
            m_summary->text() + QLatin1Char('\n') + tr("Note: %1").arg(warnings.join(QStringLiteral("; "))));
}

void ConnectivityTestPanel::addTest(const QJsonObject& test)
{
    const QString protocol = test.value(QStringLiteral("protocol")).toString();
    auto* item = new QTreeWidgetItem(m_results);
    item->setText(NameColumn,
        tr("%1 on %2:%3 (%4)")
            .arg(format::protocolShortLabel(protocol), test.value(QStringLiteral("host")).toString())
            .arg(test.value(QStringLiteral("port")).toInt())
            .arg(securityText(test.value(QStringLiteral("security")).toString())));
    item->setData(NameColumn, Qt::UserRole, protocol);
    QFont bold = item->font(NameColumn);
    bold.setBold(true);
    item->setFont(NameColumn, bold);
    setResult(
        item, test.value(QStringLiteral("passed")).toBool() ? QStringLiteral("success") : QStringLiteral("failure"));

    qint64 total = 0;
    QString firstError;
    const QJsonArray steps = test.value(QStringLiteral("steps")).toArray();
    for (const QJsonValue& v : steps) {
        const QJsonObject step = v.toObject();
        auto* child = new QTreeWidgetItem(item);
        QString title = step.value(QStringLiteral("title")).toString();
        if (title.isEmpty())
            title = step.value(QStringLiteral("step")).toString();
        child->setText(NameColumn, title);
        child->setData(NameColumn, Qt::UserRole, step.value(QStringLiteral("step")).toString());
        const QString result = step.value(QStringLiteral("result")).toString();
        setResult(child, result);
        const qint64 latency = step.value(QStringLiteral("latencyMs")).toInteger(-1);
        if (latency >= 0 && result != QLatin1String("skipped")) {
            child->setText(LatencyColumn, tr("%1 ms").arg(latency));
            child->setTextAlignment(LatencyColumn, Qt::AlignRight | Qt::AlignVCenter);
            total += latency;
        }
        const QString error = step.value(QStringLiteral("error")).toString();
        const QString detail = step.value(QStringLiteral("detail")).toString();
        child->setText(DetailColumn, error.isEmpty() ? detail : error);
        child->setToolTip(DetailColumn,
            error.isEmpty() || detail.isEmpty() ? child->text(DetailColumn)
                                                : QStringLiteral("%1\n%2").arg(error, detail));
        if (firstError.isEmpty() && !error.isEmpty())
            firstError = error;
    }
    item->setText(LatencyColumn, tr("%1 ms").arg(total));
    item->setTextAlignment(LatencyColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(DetailColumn, firstError);

    const QString sid = test.value(QStringLiteral("sessionId")).toString();
    if (!sid.isEmpty()) {
        auto* link = new QToolButton(m_results);
        link->setObjectName(QStringLiteral("sessionLog_") + protocol);
        link->setText(tr("Show session %1").arg(sid));
        link->setToolTip(tr("Open this session's transcript in the protocol log"));
        link->setAutoRaise(true);
        link->setCursor(Qt::PointingHandCursor);
        link->setStyleSheet(QStringLiteral("QToolButton { color: palette(link); text-decoration: underline; }"));
        connect(link, &QToolButton::clicked, this, [this, sid] { Q_EMIT sessionLogRequested(sid); });
        m_results->setItemWidget(item, LogColumn, link);
    }
}

void ConnectivityTestPanel::setResult(QTreeWidgetItem* item, const QString& result)
{
    QString icon;
    QString text;
    QColor colour;
    if (result == QLatin1String("success")) {
        icon = QStringLiteral("state-ok");
        text = tr("Success");
        colour = QColor(0x20, 0x70, 0x20);
    } else if (result == QLatin1String("skipped")) {
        icon = QStringLiteral("state-offline");
        text = tr("Skipped");
        colour = QColor(0x70, 0x70, 0x70);
    } else {
        icon = QStringLiteral("state-error");
        text = tr("Failure");
        colour = QColor(0xb0, 0x20, 0x20);
    }
    item->setIcon(ResultColumn, QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
    item->setText(ResultColumn, text);
    item->setForeground(ResultColumn, colour);
    item->setData(ResultColumn, Qt::UserRole, result);
}

} // namespace tegami
