// The console's main window, driven like an admin would, against a real tegamid.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <optional>

#include "MainWindow.h"
#include "TestService.h"
#include "client/ServiceClient.h"
#include "client/ServiceHealth.h"
#include "client/ServiceLauncher.h"
#include "client/ServiceLogSource.h"
#include "logviewer/LogTranscriptDialog.h"
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
#include "pages/diagnostics/DiagnosticsPage.h"
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
        // The pages of issue 7 in this order; the diagnostics page (issue 8) joins them.
        const QStringList core { QStringLiteral("dashboard"), QStringLiteral("protocols"), QStringLiteral("accounts"),
            QStringLiteral("certificates"), QStringLiteral("log"), QStringLiteral("security"), QStringLiteral("queue"),
            QStringLiteral("settings") };
        const QStringList expected = m_window->pageNames();
        QStringList inOrder = expected;
        inOrder.removeAll(QStringLiteral("diagnostics"));
        QCOMPARE(inOrder, core);
        QVERIFY(expected.size() - core.size() <= 1);
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

    void realSessionShowsInTheLiveViewerFilteredAndAsTranscript()
    {
        m_window->showPage(QStringLiteral("log"));
        auto* page = qobject_cast<LogPage*>(m_window->page(QStringLiteral("log")));
        LogViewerPage* viewer = page->viewer();
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(page->source()->isFollowing(), 5000);
        LogViewModel* model = viewer->liveModel();

        const quint16 port = TestService::freePort();
        QVERIFY(call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) } } })
                    .ok);
        QVERIFY(call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } }).ok);
        const auto disable = qScopeGuard([this] {
            call(QStringLiteral("protocol.disable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } });
        });

        // Earlier tests left sessions of their own in the log (one disconnected by the admin):
        // this session is the one whose remote endpoint is this socket's local port.
        QTcpSocket pop;
        pop.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(pop.waitForConnected(5000));
        const QString remote = QStringLiteral("127.0.0.1:%1").arg(pop.localPort());
        QVERIFY(pop.waitForReadyRead(5000));
        QVERIFY(pop.readAll().startsWith("+OK"));
        pop.write("CAPA\r\n");
        QVERIFY(pop.waitForReadyRead(5000));
        pop.readAll();
        pop.write("USER nobody@example.com\r\n");
        QVERIFY(pop.waitForReadyRead(5000));
        pop.readAll();

        const auto sessionOf = [model, &remote]() -> QString {
            for (int row = model->rowCount() - 1; row >= 0; --row) {
                const LogEvent e = model->eventAt(row);
                if (e.remote == remote && e.proto == QLatin1String("pop3"))
                    return e.sid;
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!sessionOf().isEmpty(), 10000);
        const QString sid = sessionOf();
        // The client's USER is logged too (the viewer receives events as they happen).
        const auto logged = [model, &sid](const QString& text) {
            for (int row = 0; row < model->rowCount(); ++row) {
                const LogEvent e = model->eventAt(row);
                if (e.sid == sid && e.data.contains(text))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("USER nobody@example.com")), 10000);

        // "Filter by session" from the session's row: only its events stay.
        int row = -1;
        for (int r = 0; r < model->rowCount() && row < 0; ++r) {
            if (model->eventAt(r).sid == sid)
                row = r;
        }
        QVERIFY(row >= 0);
        std::unique_ptr<QMenu> menu(viewer->createContextMenu(model->index(row, 0), viewer));
        QVERIFY(menu);
        auto* filterSession = menu->findChild<QAction*>(QStringLiteral("filterSessionAction"));
        QVERIFY(filterSession && filterSession->isEnabled());
        filterSession->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().sid == sid && !model->isFiltering(), 5000);
        QVERIFY(model->rowCount() >= 4); // connect, greeting, CAPA and its answer, USER...
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->data(model->index(r, 0), LogViewModel::SessionRole).toString(), sid);

        // And text on top of it: the client's CAPA, and the lines that mention it.
        auto* text = child<QLineEdit>(viewer, QStringLiteral("textFilter"));
        QVERIFY(text);
        QTest::keyClicks(text, QStringLiteral("CAPA"));
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().text == QLatin1String("CAPA") && !model->isFiltering(), 5000);
        QVERIFY(model->rowCount() >= 1);
        bool fromClient = false;
        for (int r = 0; r < model->rowCount(); ++r) {
            const LogEvent e = model->eventAt(r);
            QCOMPARE(e.sid, sid);
            QVERIFY2(e.data.contains(QStringLiteral("CAPA"), Qt::CaseInsensitive), qPrintable(e.data));
            fromClient = fromClient || e.dir == LogDirection::FromClient;
        }
        QVERIFY(fromClient);

        // "This session only": the whole transcript, whatever the filter.
        auto* sessionOnly = menu->findChild<QAction*>(QStringLiteral("sessionOnlyAction"));
        QVERIFY(sessionOnly && sessionOnly->isEnabled());
        sessionOnly->trigger();
        LogTranscriptDialog* transcript = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((transcript = findTranscript(sid)) != nullptr, 5000);
        const QString all = transcript->transcriptText();
        QVERIFY2(all.contains(QStringLiteral("CAPA")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("USER nobody@example.com")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("+OK")), qPrintable(all));
        QVERIFY2(child<QLabel>(transcript, QStringLiteral("transcriptHeader"))->text().contains(remote),
            qPrintable(child<QLabel>(transcript, QStringLiteral("transcriptHeader"))->text()));

        // It follows the session: the QUIT and the disconnect arrive while it is open.
        pop.write("QUIT\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(transcript->transcriptText().contains(QStringLiteral("QUIT")), 10000);
        transcript->close();
        child<QAbstractButton>(viewer, QStringLiteral("clearFiltersButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(model->filter().isEmpty() && !model->isFiltering(), 5000);
        m_popSession = sid;
    }

    void diagnosticsLinkOpensTheSessionTranscript()
    {
        // The connectivity test's "Show session" link: the Protocol log page with the transcript.
        auto* diagnostics = qobject_cast<DiagnosticsPage*>(m_window->page(QStringLiteral("diagnostics")));
        QVERIFY(diagnostics != nullptr);
        QVERIFY(!m_popSession.isEmpty());
        m_window->showPage(QStringLiteral("diagnostics"));
        Q_EMIT diagnostics->sessionLogRequested(m_popSession);
        const auto onLogPage = [this] { return m_window->currentPage() == m_window->page(QStringLiteral("log")); };
        QTRY_VERIFY_WITH_TIMEOUT(onLogPage(), 3000);
        LogTranscriptDialog* transcript = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((transcript = findTranscript(m_popSession)) != nullptr, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(transcript->transcriptText().contains(QStringLiteral("CAPA")), 5000);
        transcript->close();
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

    void healthAndTrayFollowTheService()
    {
        ServiceHealth& health = m_window->health();
        health.setPollInterval(200);
        const auto restorePoll = qScopeGuard([&health] { health.setPollInterval(15000); });
        QSignalSpy changed(&health, &ServiceHealth::changed);
        health.poll();
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Running, 5000);
        QVERIFY2(health.summary().contains(QStringLiteral("running")), qPrintable(health.summary()));

        // A listener that cannot bind: the tray turns to an error and says which and why.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QVERIFY(call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort()) } } })
                    .ok);
        QVERIFY(call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } }).ok);
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::ListenerFailing, 5000);
        QVERIFY2(health.summary().contains(QStringLiteral("pop3/127.0.0.1:%1").arg(squatter.serverPort())),
            qPrintable(health.summary()));
        QVERIFY(
            call(QStringLiteral("protocol.disable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } }).ok);
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Running, 5000);

        // A certificate in use that expires within three weeks: a warning naming it.
        QString current;
        const RpcReply list = call(QStringLiteral("cert.list"), {});
        for (const QJsonValue& v : list.result.toObject().value(QStringLiteral("certificates")).toArray()) {
            if (!v.toObject().value(QStringLiteral("usedBy")).toArray().isEmpty())
                current = v.toObject().value(QStringLiteral("id")).toString();
        }
        QVERIFY(!current.isEmpty());
        const RpcReply expiring = call(QStringLiteral("cert.generate"),
            { { QStringLiteral("commonName"), QStringLiteral("expiring.example.com") },
                { QStringLiteral("validityDays"), 5 } });
        QVERIFY2(expiring.ok, qPrintable(expiring.message));
        const QString expiringId = expiring.result.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(call(
            QStringLiteral("cert.assign"), { { QStringLiteral("id"), expiringId }, { QStringLiteral("force"), true } })
                    .ok);
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::CertificateExpiring, 5000);
        QVERIFY2(health.summary().contains(QStringLiteral("expiring.example.com")), qPrintable(health.summary()));
        QVERIFY(call(
            QStringLiteral("cert.assign"), { { QStringLiteral("id"), current }, { QStringLiteral("force"), true } })
                    .ok);
        QTRY_COMPARE_WITH_TIMEOUT(health.state(), ServiceHealth::State::Running, 5000);
        // Each change was announced, in order (a state repeats only with a new summary).
        QList<ServiceHealth::State> states;
        for (const QList<QVariant>& args : std::as_const(changed)) {
            const auto state = args.first().value<ServiceHealth::State>();
            if (state != ServiceHealth::State::Unreachable && (states.isEmpty() || states.last() != state))
                states << state;
        }
        if (!states.isEmpty() && states.first() == ServiceHealth::State::Running)
            states.removeFirst();
        const QList<ServiceHealth::State> expected { ServiceHealth::State::ListenerFailing,
            ServiceHealth::State::Running, ServiceHealth::State::CertificateExpiring, ServiceHealth::State::Running };
        QCOMPARE(states, expected);
    }

    void trayIconShowsTheHealth()
    {
        // A console of its own with the tray on, on the same service.
        ConsoleOptions options;
        options.dataDir = m_dir.path();
        options.startService = false;
        options.trayIcon = true;
        MainWindow window(options);
        QTRY_VERIFY_WITH_TIMEOUT(window.client().isConnected(), 10000);
        auto* tray = window.findChild<QSystemTrayIcon*>(QStringLiteral("trayIcon"));
        QVERIFY(tray != nullptr);
        const auto iconIs = [tray](const char* name) {
            const QImage expected
                = QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name))).pixmap(32, 32).toImage();
            return tray->icon().pixmap(32, 32).toImage() == expected;
        };
        window.health().poll();
        QTRY_COMPARE_WITH_TIMEOUT(window.health().state(), ServiceHealth::State::Running, 5000);
        QTRY_VERIFY(iconIs("state-ok"));
        QCOMPARE(tray->toolTip(), QStringLiteral("Tegami: %1").arg(window.health().summary()));
        const QList<std::pair<ServiceHealth::State, const char*>> states { { ServiceHealth::State::ListenerFailing,
                                                                               "state-error" },
            { ServiceHealth::State::CertificateExpiring, "state-warning" },
            { ServiceHealth::State::Unreachable, "state-offline" }, { ServiceHealth::State::Running, "state-ok" } };
        for (const auto& [state, icon] : states) {
            const QString summary = QStringLiteral("summary for %1").arg(int(state));
            Q_EMIT window.health().changed(state, summary);
            QVERIFY2(iconIs(icon), icon);
            QCOMPARE(tray->toolTip(), QStringLiteral("Tegami: %1").arg(summary));
        }
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
    RpcReply call(const QString& method, const QJsonObject& params)
    {
        std::optional<RpcReply> reply;
        m_window->client().call(method, params, this, [&reply](const RpcReply& r) { reply = r; });
        if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000))
            return RpcReply::failure(ServiceClient::timeoutCode, QStringLiteral("no answer to %1").arg(method));
        return *reply;
    }

    LogTranscriptDialog* findTranscript(const QString& sid) const
    {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            auto* dialog = qobject_cast<LogTranscriptDialog*>(w);
            if (dialog && dialog->sid() == sid && dialog->isVisible())
                return dialog;
        }
        for (auto* dialog : m_window->findChildren<LogTranscriptDialog*>()) {
            if (dialog->sid() == sid && dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QString m_popSession; // the POP3 session the live-viewer test opened
};

QTEST_MAIN(TestConsole)
#include "TestConsole.moc"
