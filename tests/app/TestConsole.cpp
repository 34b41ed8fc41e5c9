// The console's main window, driven like an admin would, against a real tegamid.
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include "MainWindow.h"
#include "TestService.h"
#include "client/ServiceClient.h"
#include "client/ServiceLauncher.h"
#include "client/ServiceLogSource.h"
#include "logviewer/LogViewModel.h"
#include "logviewer/LogViewerPage.h"
#include "models/AliasModel.h"
#include "models/BanModel.h"
#include "models/CertificateModel.h"
#include "models/DomainModel.h"
#include "models/ListenerModel.h"
#include "models/QueueModel.h"
#include "models/SessionModel.h"
#include "models/UserModel.h"
#include "pages/AccountsPage.h"
#include "pages/CertificatesPage.h"
#include "pages/DashboardPage.h"
#include "pages/LogPage.h"
#include "pages/ProtocolPanel.h"
#include "pages/ProtocolsPage.h"
#include "pages/QueuePage.h"
#include "pages/SecurityPage.h"
#include "pages/SettingsPage.h"
#include "pages/accounts/AliasesPanel.h"
#include "pages/accounts/DomainsPanel.h"
#include "pages/accounts/UsersPanel.h"
#include "widgets/ActivityChart.h"
#include "widgets/Confirm.h"
#include "widgets/SettingsForm.h"

using namespace tegami;

namespace {

template <typename T> T* child(QObject* root, const QString& name)
{
    T* found = root->findChild<T*>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

bool visibleError(QObject* root, const QString& name)
{
    auto* label = root->findChild<QLabel*>(name);
    return label && !label->isHidden() && !label->text().isEmpty();
}

} // namespace

class TestConsole : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_service = std::make_unique<TestService>(m_dir.path());
        QVERIFY2(m_service->start(), "tegamid did not start");
        ConsoleOptions options;
        options.dataDir = m_dir.path();
        options.startService = false;
        options.trayIcon = false;
        m_window = std::make_unique<MainWindow>(options);
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->client().isConnected(), 10000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_service.reset();
    }

    void navigatesEveryPage()
    {
        auto* navigation = child<QListWidget>(m_window.get(), QStringLiteral("navigation"));
        QVERIFY(navigation);
        const QStringList expected { QStringLiteral("dashboard"), QStringLiteral("protocols"),
            QStringLiteral("accounts"), QStringLiteral("certificates"), QStringLiteral("log"),
            QStringLiteral("security"), QStringLiteral("queue"), QStringLiteral("settings") };
        QCOMPARE(m_window->pageNames(), expected);
        QCOMPARE(navigation->count(), expected.size());
        for (int row = 0; row < navigation->count(); ++row) {
            navigation->setCurrentRow(row);
            Page* page = m_window->page(expected[row]);
            QVERIFY(page);
            QCOMPARE(m_window->currentPage(), page);
            QVERIFY(page->isVisible());
            QCOMPARE(navigation->item(row)->text(), page->title());
            QTest::qWait(50);
        }
        m_window->showPage(QStringLiteral("dashboard"));
        auto* summary = child<QLabel>(m_window.get(), QStringLiteral("serviceSummary"));
        QVERIFY(summary);
        QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(QStringLiteral("Tegami on")), 5000);
        // Connections per protocol plus messages received and delivered.
        auto* dashboard = qobject_cast<DashboardPage*>(m_window->page(QStringLiteral("dashboard")));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->chart()->seriesCount(), 6, 5000);
    }

    void addsADomainAndShowsABadOne()
    {
        m_window->showPage(QStringLiteral("accounts"));
        auto* page = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")));
        DomainsPanel* domains = page->domains();
        auto* name = child<QLineEdit>(domains, QStringLiteral("domainName"));
        auto* add = child<QPushButton>(domains, QStringLiteral("addDomainButton"));
        QVERIFY(name && add);

        QTest::keyClicks(name, QStringLiteral("bad domain!"));
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_VERIFY(visibleError(domains, QStringLiteral("domainNameError")));
        QCOMPARE(domains->model()->rowCount(), 0);

        name->clear();
        QTest::keyClicks(name, QStringLiteral("example.com"));
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(domains->model()->indexOfKey(QStringLiteral("example.com")), 0);
        QVERIFY(!visibleError(domains, QStringLiteral("domainNameError")));
        QVERIFY(name->text().isEmpty());
    }

    void addsAUserAndShowsValidationAtTheField()
    {
        auto* page = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")));
        UsersPanel* users = page->users();
        auto* address = child<QLineEdit>(users, QStringLiteral("userAddress"));
        auto* password = child<QLineEdit>(users, QStringLiteral("userPassword"));
        auto* save = child<QPushButton>(users, QStringLiteral("saveUserButton"));
        QVERIFY(address && password && save);

        QTest::keyClicks(address, QStringLiteral("bad@@example.com"));
        QTest::keyClicks(password, QStringLiteral("correct horse 1"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(visibleError(users, QStringLiteral("userAddressError")));
        QVERIFY(child<QLabel>(users, QStringLiteral("userAddressError"))->text().contains(QStringLiteral("@")));
        QVERIFY(!visibleError(users, QStringLiteral("userPasswordError")));

        // A short password is the password's fault.
        address->clear();
        QTest::keyClicks(address, QStringLiteral("alice@example.com"));
        password->clear();
        QTest::keyClicks(password, QStringLiteral("short"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(visibleError(users, QStringLiteral("userPasswordError")));
        QVERIFY(!visibleError(users, QStringLiteral("userAddressError")));

        password->clear();
        QTest::keyClicks(password, QStringLiteral("correct horse 1"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(users->model()->indexOfKey(QStringLiteral("alice@example.com")) >= 0);
        QVERIFY(!visibleError(users, QStringLiteral("userPasswordError")));
    }

    void editsAndDisablesAUser()
    {
        auto* page = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")));
        UsersPanel* users = page->users();
        QVERIFY(users->edit(QStringLiteral("alice@example.com")));
        auto* address = child<QLineEdit>(users, QStringLiteral("userAddress"));
        QCOMPARE(address->text(), QStringLiteral("alice@example.com"));
        QVERIFY(address->isReadOnly());
        auto* enabled = child<QCheckBox>(users, QStringLiteral("userEnabled"));
        auto* imap = child<QCheckBox>(users, QStringLiteral("userProtocol_imap"));
        QVERIFY(enabled->isChecked());
        enabled->setChecked(false);
        imap->setChecked(false);
        QTest::mouseClick(child<QPushButton>(users, QStringLiteral("saveUserButton")), Qt::LeftButton);
        const auto row
            = [users] { return users->model()->row(users->model()->indexOfKey(QStringLiteral("alice@example.com"))); };
        QTRY_VERIFY(!row().value(QStringLiteral("enabled")).toBool());
        QVERIFY(!row().value(QStringLiteral("protocols")).toArray().contains(QStringLiteral("imap")));

        // Reset the password: a short one is refused at the field.
        auto* password = child<QLineEdit>(users, QStringLiteral("userPassword"));
        QTest::keyClicks(password, QStringLiteral("tiny"));
        QTest::mouseClick(child<QPushButton>(users, QStringLiteral("setPasswordButton")), Qt::LeftButton);
        QTRY_VERIFY(visibleError(users, QStringLiteral("userPasswordError")));
    }

    void addsAnAlias()
    {
        auto* page = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")));
        AliasesPanel* aliases = page->aliases();
        QTest::keyClicks(
            child<QLineEdit>(aliases, QStringLiteral("aliasAddress")), QStringLiteral("sales@example.com"));
        QTest::mouseClick(child<QPushButton>(aliases, QStringLiteral("addAliasButton")), Qt::LeftButton);
        QTRY_VERIFY(visibleError(aliases, QStringLiteral("aliasTargetsError")));
        QTest::keyClicks(
            child<QLineEdit>(aliases, QStringLiteral("aliasTargets")), QStringLiteral("alice@example.com"));
        QTest::mouseClick(child<QPushButton>(aliases, QStringLiteral("addAliasButton")), Qt::LeftButton);
        QTRY_COMPARE(aliases->model()->indexOfKey(QStringLiteral("sales@example.com")), 0);
    }

    void enablesAProtocolAndSeesItsListener()
    {
        m_window->showPage(QStringLiteral("protocols"));
        auto* page = qobject_cast<ProtocolsPage*>(m_window->page(QStringLiteral("protocols")));
        ProtocolPanel* panel = page->panel(QStringLiteral("imap"));
        QVERIFY(panel);
        SettingsForm* form = panel->form();
        QTRY_VERIFY(form->editor(QStringLiteral("imap.bindings")) != nullptr);
        auto* bindings = child<QLineEdit>(panel, QStringLiteral("imap.bindings"));
        auto* tlsBindings = child<QLineEdit>(panel, QStringLiteral("imap.tlsBindings"));
        auto* apply = child<QPushButton>(panel, QStringLiteral("applyButton"));
        QVERIFY(bindings && tlsBindings && apply);
        QCOMPARE(bindings->text(), QStringLiteral("0.0.0.0:143"));
        QVERIFY(!apply->isEnabled());

        // The schema's validation comes back at the field.
        bindings->clear();
        QTest::keyClicks(bindings, QStringLiteral("nonsense"));
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(!form->errorText(QStringLiteral("imap.bindings")).isEmpty());
        QVERIFY(visibleError(panel, QStringLiteral("imap.bindings/error")));

        const quint16 port = TestService::freePort();
        bindings->clear();
        QTest::keyClicks(bindings, QStringLiteral("127.0.0.1:%1").arg(port));
        tlsBindings->clear();
        QTest::keyClicks(tlsBindings, QStringLiteral(" "));
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(!form->hasChanges());
        QVERIFY(form->errorText(QStringLiteral("imap.bindings")).isEmpty());

        auto* enable = child<QCheckBox>(panel, QStringLiteral("enableProtocol"));
        QVERIFY(!enable->isChecked());
        QTest::mouseClick(enable, Qt::LeftButton);
        QTRY_VERIFY(enable->isEnabled());
        QVERIFY(enable->isChecked());
        QTRY_VERIFY(child<QLabel>(panel, QStringLiteral("listenerSummary"))->text().contains(QString::number(port)));

        m_window->showPage(QStringLiteral("dashboard"));
        auto* dashboard = qobject_cast<DashboardPage*>(m_window->page(QStringLiteral("dashboard")));
        ListenerModel* listeners = dashboard->listenerModel();
        const QString id = QStringLiteral("imap/127.0.0.1:%1").arg(port);
        QTRY_VERIFY_WITH_TIMEOUT(listeners->indexOfKey(id) >= 0, 5000);
        const QJsonObject listener = listeners->row(listeners->indexOfKey(id));
        QCOMPARE(listener.value(QStringLiteral("state")).toString(), QStringLiteral("listening"));
        QCOMPARE(ListenerModel::shortStateText(listener).left(9), QStringLiteral("Listening"));
    }

    void failingListenerSaysWhy()
    {
        // Take the port from under a second protocol: its listener fails and the dashboard says why.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        m_window->showPage(QStringLiteral("protocols"));
        auto* page = qobject_cast<ProtocolsPage*>(m_window->page(QStringLiteral("protocols")));
        ProtocolPanel* panel = page->panel(QStringLiteral("pop3"));
        QTRY_VERIFY(panel->form()->editor(QStringLiteral("pop3.bindings")) != nullptr);
        auto* bindings = child<QLineEdit>(panel, QStringLiteral("pop3.bindings"));
        bindings->clear();
        QTest::keyClicks(bindings, QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort()));
        auto* tls = child<QLineEdit>(panel, QStringLiteral("pop3.tlsBindings"));
        tls->clear();
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("applyButton")), Qt::LeftButton);
        QTRY_VERIFY(!panel->form()->hasChanges());
        auto* enable = child<QCheckBox>(panel, QStringLiteral("enableProtocol"));
        QTest::mouseClick(enable, Qt::LeftButton);
        QTRY_VERIFY(enable->isEnabled());

        m_window->showPage(QStringLiteral("dashboard"));
        auto* dashboard = qobject_cast<DashboardPage*>(m_window->page(QStringLiteral("dashboard")));
        const QString id = QStringLiteral("pop3/127.0.0.1:%1").arg(squatter.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->listenerModel()->indexOfKey(id) >= 0, 5000);
        const QJsonObject listener = dashboard->listenerModel()->row(dashboard->listenerModel()->indexOfKey(id));
        QVERIFY(ListenerModel::isFailing(listener));
        const QString why = ListenerModel::stateText(listener);
        QVERIFY2(why.startsWith(QStringLiteral("Not listening: ")) && why.size() > 20, qPrintable(why));
        QTRY_VERIFY(child<QLabel>(dashboard, QStringLiteral("listenerProblems"))->text().contains(id));

        QTest::mouseClick(child<QCheckBox>(panel, QStringLiteral("enableProtocol")), Qt::LeftButton);
        QTRY_VERIFY(!child<QCheckBox>(panel, QStringLiteral("enableProtocol"))->isChecked());
    }

    void showsAndDisconnectsASession()
    {
        const quint16 port = TestService::freePort();
        std::optional<bool> ready;
        ServiceClient& client = m_window->client();
        client.call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) } } },
            this, [&](const RpcReply& r) {
                if (!r.ok) {
                    ready = false;
                    return;
                }
                client.call(QStringLiteral("protocol.enable"),
                    { { QStringLiteral("protocol"), QStringLiteral("pop3") } }, this,
                    [&](const RpcReply& e) { ready = e.ok; });
            });
        QTRY_VERIFY(ready.has_value());
        QVERIFY(*ready);

        QTcpSocket pop;
        pop.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(pop.waitForConnected(5000));
        QVERIFY(pop.waitForReadyRead(5000));

        m_window->showPage(QStringLiteral("dashboard"));
        auto* dashboard = qobject_cast<DashboardPage*>(m_window->page(QStringLiteral("dashboard")));
        SessionModel* sessions = dashboard->sessionModel();
        QTRY_VERIFY_WITH_TIMEOUT(sessions->rowCount() == 1, 10000);
        QCOMPARE(sessions->row(0).value(QStringLiteral("protocol")).toString(), QStringLiteral("pop3"));
        child<QTableView>(dashboard, QStringLiteral("sessionTable"))->selectRow(0);
        auto* disconnect = child<QPushButton>(dashboard, QStringLiteral("disconnectButton"));
        QVERIFY(disconnect->isEnabled());
        QTest::mouseClick(disconnect, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            pop.state() == QAbstractSocket::UnconnectedState || pop.waitForDisconnected(100), 10000);
        QTRY_COMPARE(sessions->rowCount(), 0);

        std::optional<bool> off;
        client.call(QStringLiteral("protocol.disable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } },
            this, [&](const RpcReply& r) { off = r.ok; });
        QTRY_VERIFY(off.has_value());
    }

    void protocolLogPageFollowsTheService()
    {
        m_window->showPage(QStringLiteral("log"));
        auto* page = qobject_cast<LogPage*>(m_window->page(QStringLiteral("log")));
        QVERIFY(page->viewer());
        QVERIFY(page->viewer()->isVisible());
        QTRY_VERIFY(page->source()->isFollowing());
        // A change through the console is a control note in the log, and reaches the viewer live.
        QSignalSpy arrived(page->source(), &LogEventSource::eventsArrived);
        m_window->client().call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("log.maxAgeDays") }, { QStringLiteral("value"), 31 } }, this,
            [](const RpcReply&) {});
        QTRY_VERIFY_WITH_TIMEOUT(!arrived.isEmpty(), 5000);
        QTRY_VERIFY(page->viewer()->liveModel()->rowCount() > 0);
    }

    void settingsPageAppliesAndReverts()
    {
        m_window->showPage(QStringLiteral("settings"));
        auto* page = qobject_cast<SettingsPage*>(m_window->page(QStringLiteral("settings")));
        SettingsForm* form = page->form();
        QTRY_VERIFY(form->editor(QStringLiteral("security.banSecs")) != nullptr);
        QVERIFY(form->editor(QStringLiteral("pop3.enabled")) == nullptr); // the Protocols page's
        auto* banSecs = child<QSpinBox>(page, QStringLiteral("security.banSecs"));
        auto* smarthost = child<QLineEdit>(page, QStringLiteral("outbound.smarthost"));
        auto* apply = child<QPushButton>(page, QStringLiteral("applyButton"));
        auto* revert = child<QPushButton>(page, QStringLiteral("revertButton"));
        QCOMPARE(banSecs->value(), 900);

        smarthost->setText(QStringLiteral("relay.example.net:587"));
        QVERIFY(revert->isEnabled());
        QTest::mouseClick(revert, Qt::LeftButton);
        QVERIFY(smarthost->text().isEmpty());
        QVERIFY(!apply->isEnabled());

        banSecs->setValue(1800);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_VERIFY(!form->hasChanges());
        std::optional<QJsonValue> stored;
        m_window->client().call(QStringLiteral("config.get"),
            { { QStringLiteral("key"), QStringLiteral("security.banSecs") } }, this,
            [&](const RpcReply& r) { stored = r.result.toObject().value(QStringLiteral("value")); });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(stored->toInt(), 1800);
    }

    void certificatesPageAndDashboardShowTheCertificate()
    {
        std::optional<QString> id;
        m_window->client().call(QStringLiteral("cert.generate"),
            { { QStringLiteral("commonName"), QStringLiteral("mail.example.com") } }, this,
            [&](const RpcReply& r) { id = r.result.toObject().value(QStringLiteral("id")).toString(); });
        QTRY_VERIFY(id.has_value());
        QVERIFY(!id->isEmpty());
        std::optional<bool> assigned;
        m_window->client().call(QStringLiteral("cert.assign"),
            { { QStringLiteral("id"), *id }, { QStringLiteral("force"), true } }, this,
            [&](const RpcReply& r) { assigned = r.ok; });
        QTRY_VERIFY(assigned.has_value());
        QVERIFY(*assigned);

        m_window->showPage(QStringLiteral("certificates"));
        auto* page = qobject_cast<CertificatesPage*>(m_window->page(QStringLiteral("certificates")));
        QTRY_COMPARE(page->model()->rowCount(), 1);
        QCOMPARE(CertificateModel::displayName(page->model()->row(0)), QStringLiteral("mail.example.com"));

        m_window->showPage(QStringLiteral("dashboard"));
        auto* dashboard = qobject_cast<DashboardPage*>(m_window->page(QStringLiteral("dashboard")));
        const auto certificateShown = [dashboard] {
            for (const QJsonObject& l : dashboard->listenerModel()->rows()) {
                if (l.value(QStringLiteral("protocol")).toString() == QLatin1String("imap"))
                    return l.value(QStringLiteral("certificate")).toString() == QLatin1String("mail.example.com");
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(certificateShown(), 5000);
    }

    void queueIsEmpty()
    {
        m_window->showPage(QStringLiteral("queue"));
        auto* page = qobject_cast<QueuePage*>(m_window->page(QStringLiteral("queue")));
        auto* state = child<QLabel>(page, QStringLiteral("queueState"));
        QTRY_VERIFY(state->text().contains(QStringLiteral("empty")));
        QCOMPARE(page->model()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(page, QStringLiteral("retryButton"))->isEnabled());
        QVERIFY(!child<QPushButton>(page, QStringLiteral("deleteQueuedButton"))->isEnabled());
    }

    void bansAndUnbansAnAddress()
    {
        m_window->showPage(QStringLiteral("security"));
        auto* page = qobject_cast<SecurityPage*>(m_window->page(QStringLiteral("security")));
        auto* address = child<QLineEdit>(page, QStringLiteral("banAddress"));
        auto* ban = child<QPushButton>(page, QStringLiteral("banButton"));
        QTest::keyClicks(address, QStringLiteral("not an address"));
        QTest::mouseClick(ban, Qt::LeftButton);
        QTRY_VERIFY(visibleError(page, QStringLiteral("banAddressError")));

        address->clear();
        QTest::keyClicks(address, QStringLiteral("192.0.2.55"));
        QTest::mouseClick(ban, Qt::LeftButton);
        QTRY_VERIFY(page->bans()->indexOfKey(QStringLiteral("192.0.2.55")) >= 0);
        auto* table = child<QTableView>(page, QStringLiteral("banTable"));
        table->selectRow(page->bans()->indexOfKey(QStringLiteral("192.0.2.55")));
        QTest::mouseClick(child<QPushButton>(page, QStringLiteral("unbanButton")), Qt::LeftButton);
        QTRY_COMPARE(page->bans()->indexOfKey(QStringLiteral("192.0.2.55")), -1);
    }

    void deletesAMailboxAfterConfirmation()
    {
        m_window->showPage(QStringLiteral("accounts"));
        UsersPanel* users = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")))->users();
        QTRY_VERIFY(users->edit(QStringLiteral("alice@example.com")));
        Confirm::setNextAnswer(false);
        QTest::mouseClick(child<QPushButton>(users, QStringLiteral("deleteUserButton")), Qt::LeftButton);
        QTest::qWait(200);
        QVERIFY(users->model()->indexOfKey(QStringLiteral("alice@example.com")) >= 0);
        // alice receives the alias sales@: the service refuses, and says so at the address.
        Confirm::setNextAnswer(true);
        QTest::mouseClick(child<QPushButton>(users, QStringLiteral("deleteUserButton")), Qt::LeftButton);
        QTRY_VERIFY(visibleError(users, QStringLiteral("userAddressError")));
        QVERIFY(child<QLabel>(users, QStringLiteral("userAddressError"))
                    ->text()
                    .contains(QStringLiteral("sales@example.com")));

        AliasesPanel* aliases = qobject_cast<AccountsPage*>(m_window->page(QStringLiteral("accounts")))->aliases();
        child<QTableView>(aliases, QStringLiteral("aliasTable"))->selectRow(0);
        Confirm::setNextAnswer(true);
        QTest::mouseClick(child<QPushButton>(aliases, QStringLiteral("removeAliasButton")), Qt::LeftButton);
        QTRY_COMPARE(aliases->model()->rowCount(), 0);

        QVERIFY(users->edit(QStringLiteral("alice@example.com")));
        Confirm::setNextAnswer(true);
        QTest::mouseClick(child<QPushButton>(users, QStringLiteral("deleteUserButton")), Qt::LeftButton);
        QTRY_COMPARE(users->model()->indexOfKey(QStringLiteral("alice@example.com")), -1);
    }

    void reconnectsAfterARestart()
    {
        m_window->client().setMaxRetryDelay(300);
        m_service->stop();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->client().isConnected(), 10000);
        QVERIFY(m_service->start());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->client().isConnected(), 10000);
        // The dashboard fills again by itself.
        m_window->showPage(QStringLiteral("dashboard"));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(m_window.get(), QStringLiteral("serviceSummary"))
                                     ->text()
                                     .contains(QStringLiteral("Tegami on")),
            5000);
    }

    void startsTheBundledServiceWhenNoneAnswers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        qint64 pid = 0;
        // The console starts tegamid detached; the test must not leave it behind.
        const auto stopService = qScopeGuard([&pid] {
#ifdef Q_OS_UNIX
            if (pid > 0)
                ::kill(static_cast<pid_t>(pid), SIGTERM);
#endif
        });
        {
            ConsoleOptions options;
            options.dataDir = dir.path();
            options.servicePath = QStringLiteral(TEGAMID_PATH);
            options.serviceArguments = { QStringLiteral("--test-password-hashing") };
            options.trayIcon = false;
            MainWindow window(options);
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(window.client().isConnected(), 20000);
            QVERIFY(window.launcher().hasStarted());
            pid = window.launcher().startedPid();
            QVERIFY(pid > 0);
            std::optional<qint64> reported;
            window.client().call(QStringLiteral("status"), this,
                [&](const RpcReply& r) { reported = r.result.toObject().value(QStringLiteral("pid")).toInteger(); });
            QTRY_VERIFY(reported.has_value());
            QCOMPARE(*reported, pid);
        }
        // Closing the console leaves the service running.
        QVERIFY(TestService::waitUntilReachable(dir.path() + QStringLiteral("/control.sock"), 2000));
#ifdef Q_OS_UNIX
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        pid = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            !TestService::waitUntilReachable(dir.path() + QStringLiteral("/control.sock"), 100), 10000);
#endif
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestService> m_service;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestConsole)
#include "TestConsole.moc"
