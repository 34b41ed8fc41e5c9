#include "MainWindow.h"

#include "core/DataPaths.h"
#include "wizards/certificate/CertificateWizard.h"
#include "wizards/firstrun/FirstRunWizard.h"
#include "wizards/ports/PortsWizard.h"
#include "wizards/protocols/ProtocolsWizard.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLocalSocket>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QVBoxLayout>

#include "client/ServiceClient.h"
#include "client/ServiceHealth.h"
#include "client/ServiceLauncher.h"
#include "logviewer/LogViewerPage.h"
#include "pages/AccountsPage.h"
#include "pages/CertificatesPage.h"
#include "pages/DashboardPage.h"
#include "pages/LogPage.h"
#include "pages/ProtocolsPage.h"
#include "pages/QueuePage.h"
#include "pages/SecurityPage.h"
#include "pages/SettingsPage.h"
#include "pages/diagnostics/DiagnosticsPage.h"

// The icons live in a static library; nothing would pull its resource initializer in.
static void initConsoleResources()
{
    Q_INIT_RESOURCE(tegami);
}

namespace tegami {

namespace {

constexpr int periodicRefreshMs = 5000;
constexpr int statusMessageMs = 8000;

} // namespace

MainWindow::MainWindow(const ConsoleOptions& options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
{
    initConsoleResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tegami Mail Server"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tegami.svg")));
    resize(1180, 760);

    const QString socket
        = options.socketName.isEmpty() ? DataPaths(options.dataDir).controlSocket() : options.socketName;
    m_client = new ServiceClient(socket, this);
    m_launcher = new ServiceLauncher(options.dataDir, this);
    m_launcher->setServicePath(options.servicePath);
    m_launcher->setExtraArguments(options.serviceArguments);
    m_health = new ServiceHealth(*m_client, this);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setFixedWidth(190);
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(QStringLiteral("QListWidget#navigation { background: palette(alternate-base); "
                                               "padding-top: 8px; } QListWidget#navigation::item { padding: 6px; }"));
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("pageStack"));
    layout->addWidget(m_navigation);
    auto* right = new QVBoxLayout;
    right->setContentsMargins(0, 0, 0, 0);
    right->setSpacing(0);
    m_firstRunOffer = new QWidget(central);
    m_firstRunOffer->setObjectName(QStringLiteral("firstRunOffer"));
    m_firstRunOffer->setStyleSheet(QStringLiteral("QWidget#firstRunOffer { background: #fff4c2; }"));
    auto* offer = new QHBoxLayout(m_firstRunOffer);
    auto* offerText = new QLabel(
        tr("This service has no mail domain and no mailbox yet. The setup wizard takes you through the first steps."),
        m_firstRunOffer);
    offerText->setWordWrap(true);
    auto* offerButton = new QPushButton(tr("&Set up Tegami..."), m_firstRunOffer);
    offerButton->setObjectName(QStringLiteral("firstRunOfferButton"));
    offer->addWidget(offerText, 1);
    offer->addWidget(offerButton);
    m_firstRunOffer->hide();
    connect(offerButton, &QPushButton::clicked, this, [this] { openWizard(QStringLiteral("firstrun")); });
    right->addWidget(m_firstRunOffer);
    right->addWidget(m_stack, 1);
    layout->addLayout(right, 1);
    setCentralWidget(central);

    addPage(QStringLiteral("dashboard"), new DashboardPage(*m_client, m_stack), QStringLiteral("dashboard"));
    addPage(QStringLiteral("protocols"), new ProtocolsPage(*m_client, m_stack), QStringLiteral("protocols"));
    addPage(QStringLiteral("accounts"), new AccountsPage(*m_client, m_stack), QStringLiteral("accounts"));
    auto* certificates = new CertificatesPage(*m_client, m_stack);
    addPage(QStringLiteral("certificates"), certificates, QStringLiteral("certificates"));
    connect(certificates, &CertificatesPage::wizardRequested, this, [this](const QString& name) { openWizard(name); });
    auto* log = new LogPage(*m_client, m_stack);
    addPage(QStringLiteral("log"), log, QStringLiteral("log"));
    auto* diagnostics = new DiagnosticsPage(*m_client, m_stack);
    addPage(QStringLiteral("diagnostics"), diagnostics, QStringLiteral("state-ok"));
    connect(diagnostics, &DiagnosticsPage::openPageRequested, this, &MainWindow::showPage);
    connect(
        diagnostics, &DiagnosticsPage::openWizardRequested, this, [this](const QString& name) { openWizard(name); });
    // A connectivity test's "Show session": that session's transcript on the Protocol log page.
    connect(diagnostics, &DiagnosticsPage::sessionLogRequested, this, [this, log](const QString& sid) {
        showPage(QStringLiteral("log"));
        log->viewer()->showTranscript(sid);
    });
    addPage(QStringLiteral("security"), new SecurityPage(*m_client, m_stack), QStringLiteral("security"));
    addPage(QStringLiteral("queue"), new QueuePage(*m_client, m_stack), QStringLiteral("queue"));
    addPage(QStringLiteral("settings"), new SettingsPage(*m_client, m_stack), QStringLiteral("settings"));
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::onPageChanged);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionState"));
    m_connectionLabel->setText(tr("Connecting to the service..."));
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    connect(m_health, &ServiceHealth::changed, this, [this](ServiceHealth::State state, const QString& summary) {
        m_connectionLabel->setText(summary.section(QLatin1Char('\n'), 0, 0));
        m_connectionLabel->setToolTip(summary);
        m_connectionLabel->setStyleSheet(
            state == ServiceHealth::State::Running ? QString() : QStringLiteral("color: #b02020;"));
    });

    connect(m_client, &ServiceClient::connected, this, &MainWindow::onConnected);
    connect(m_client, &ServiceClient::connectionFailed, this,
        [this](QLocalSocket::LocalSocketError e, const QString& message, int retryInMs) {
            onConnectionFailed(static_cast<int>(e), message, retryInMs);
        });
    connect(m_client, &ServiceClient::disconnected, this, [this] {
        statusBar()->showMessage(tr("The service stopped or is restarting; reconnecting..."), statusMessageMs);
    });

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(periodicRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_current && m_current->refreshesPeriodically() && m_client->isConnected() && isVisible())
            m_current->refresh();
    });
    m_refreshTimer->start();

    if (options.trayIcon)
        createTray();
    createWizardMenu();
    // main.cpp declares --first-run for its parser and help.
    m_openFirstRun = QCoreApplication::arguments().contains(QStringLiteral("--first-run"));
    m_navigation->setCurrentRow(0);
    m_client->start();
}

MainWindow::~MainWindow()
{
    // Pages hold callbacks on the client; stop it before they go.
    m_client->stop();
}

void MainWindow::addPage(const QString& name, Page* page, const QString& icon)
{
    page->setObjectName(name + QStringLiteral("Page"));
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), page->title(), m_navigation);
    item->setData(Qt::UserRole, name);
    m_pageNames << name;
    connect(page, &Page::statusMessage, this,
        [this](const QString& text) { statusBar()->showMessage(text, statusMessageMs); });
}

Page* MainWindow::page(const QString& name) const
{
    const qsizetype i = m_pageNames.indexOf(name);
    return i < 0 ? nullptr : qobject_cast<Page*>(m_stack->widget(static_cast<int>(i)));
}

QStringList MainWindow::pageNames() const
{
    return m_pageNames;
}

void MainWindow::showPage(const QString& name)
{
    const qsizetype i = m_pageNames.indexOf(name);
    if (i >= 0)
        m_navigation->setCurrentRow(static_cast<int>(i));
}

Page* MainWindow::currentPage() const
{
    return m_current;
}

void MainWindow::onPageChanged(int index)
{
    if (m_current)
        m_current->deactivated();
    m_stack->setCurrentIndex(index);
    m_current = qobject_cast<Page*>(m_stack->currentWidget());
    if (m_current)
        m_current->activated();
}

void MainWindow::onConnected()
{
    statusBar()->showMessage(
        tr("Connected to the service for %1").arg(QDir::toNativeSeparators(m_options.dataDir)), statusMessageMs);
    refreshCurrent();
    offerFirstRun();
}

QStringList MainWindow::wizardNames() const
{
    return { QStringLiteral("firstrun"), QStringLiteral("protocols"), QStringLiteral("certificate"),
        QStringLiteral("ports") };
}

void MainWindow::createWizardMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&Wizards"));
    menu->setObjectName(QStringLiteral("wizardsMenu"));
    const QStringList texts { tr("&First setup..."), tr("Enable &protocols..."), tr("TLS &certificate..."),
        tr("Ports and &bindings...") };
    const QStringList names = wizardNames();
    for (qsizetype i = 0; i < names.size(); ++i) {
        QAction* action = menu->addAction(texts[i]);
        action->setObjectName(names[i] + QStringLiteral("WizardAction"));
        const QString name = names[i];
        connect(action, &QAction::triggered, this, [this, name] { openWizard(name); });
    }
}

void MainWindow::offerFirstRun()
{
    if (m_firstRunChecked)
        return;
    m_client->call(QStringLiteral("status"), this, [this](const RpcReply& r) {
        if (!r.ok || m_firstRunChecked)
            return;
        m_firstRunChecked = true;
        const QJsonObject accounts = r.result.toObject().value(QStringLiteral("accounts")).toObject();
        const bool fresh = accounts.value(QStringLiteral("domains")).toInt() == 0
            && accounts.value(QStringLiteral("mailboxes")).toInt() == 0;
        m_firstRunOffer->setVisible(fresh);
        if (m_openFirstRun)
            openWizard(QStringLiteral("firstrun"));
    });
}

QWizard* MainWindow::openWizard(const QString& name)
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    TegamiWizard* wizard = nullptr;
    // diag.checks names it "first-run".
    if (name == QLatin1String("firstrun") || name == QLatin1String("first-run"))
        wizard = new FirstRunWizard(*m_client, this);
    else if (name == QLatin1String("protocols"))
        wizard = new ProtocolsWizard(*m_client, this);
    else if (name == QLatin1String("certificate"))
        wizard = new CertificateWizard(*m_client, this);
    else if (name == QLatin1String("ports"))
        wizard = new PortsWizard(*m_client, this);
    if (!wizard)
        return nullptr;
    if (!wizard->loadSnapshot()) {
        statusBar()->showMessage(tr("The wizard needs the service: %1").arg(wizard->loadError()), statusMessageMs);
        delete wizard;
        return nullptr;
    }
    connect(wizard, &QDialog::finished, this, [this, wizard] {
        // Gone for openWizard() at once, even before deleteLater() runs.
        if (m_wizard == wizard)
            m_wizard = nullptr;
        wizard->deleteLater();
    });
    connect(wizard, &TegamiWizard::applied, this, [this] {
        m_firstRunChecked = false;
        m_openFirstRun = false;
        offerFirstRun();
        refreshCurrent();
    });
    m_wizard = wizard;
    connect(wizard, &QObject::destroyed, this, [this] { m_wizard = nullptr; });
    wizard->show();
    return wizard;
}

void MainWindow::refreshCurrent()
{
    if (m_current)
        m_current->refresh();
}

void MainWindow::onConnectionFailed(int error, const QString& message, int retryInMs)
{
    const bool nobodyThere
        = error == QLocalSocket::ServerNotFoundError || error == QLocalSocket::ConnectionRefusedError;
    if (nobodyThere && m_options.startService && !m_launcher->hasStarted()) {
        QString problem;
        if (m_launcher->startOnce(&problem)) {
            statusBar()->showMessage(tr("No service was running for %1, so the console started it (tegamid, "
                                        "process %2). It keeps running when the console closes.")
                                         .arg(QDir::toNativeSeparators(m_options.dataDir))
                                         .arg(m_launcher->startedPid()));
        } else {
            statusBar()->showMessage(
                tr("No service is running for %1, and %2").arg(QDir::toNativeSeparators(m_options.dataDir), problem));
        }
        return;
    }
    if (!m_launcher->hasStarted() || retryInMs >= 2000) {
        statusBar()->showMessage(tr("The service at %1 is not reachable (%2); trying again in %3 s.")
                                     .arg(m_client->socketName(), message)
                                     .arg((retryInMs + 999) / 1000),
            retryInMs);
    }
}

void MainWindow::createTray()
{
    // The icon follows the health even where no tray shows it yet (a tray can appear later,
    // and the tests check it on the offscreen platform); only show() needs a tray.
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/state-offline.svg")), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(m_health->summary());
    auto* menu = new QMenu(this);
    menu->addAction(tr("Show the console"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(tr("Quit the console (the service keeps running)"), qApp, &QApplication::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            showNormal();
            raise();
            activateWindow();
        }
    });
    connect(m_health, &ServiceHealth::changed, this, [this](ServiceHealth::State state, const QString& summary) {
        QString icon;
        switch (state) {
        case ServiceHealth::State::Running:
            icon = QStringLiteral("state-ok");
            break;
        case ServiceHealth::State::CertificateExpiring:
            icon = QStringLiteral("state-warning");
            break;
        case ServiceHealth::State::ListenerFailing:
            icon = QStringLiteral("state-error");
            break;
        case ServiceHealth::State::Unreachable:
            icon = QStringLiteral("state-offline");
            break;
        }
        m_tray->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
        m_tray->setToolTip(tr("Tegami: %1").arg(summary));
    });
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

} // namespace tegami
