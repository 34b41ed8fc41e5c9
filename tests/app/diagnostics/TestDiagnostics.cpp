// The Diagnostics page, driven like an admin would, against a real tegamid with a generated
// certificate and POP3, IMAP4 and submission listening on loopback.
#include "app/TestService.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include <algorithm>
#include <optional>

#include "client/ServiceClient.h"
#include "pages/diagnostics/ClientSettingsCard.h"
#include "pages/diagnostics/ClientSettingsDocument.h"
#include "pages/diagnostics/ConfigurationChecksPanel.h"
#include "pages/diagnostics/ConnectivityTestPanel.h"
#include "pages/diagnostics/DiagnosticsPage.h"

using namespace tegami;

namespace {

template <typename T> T* child(QObject* root, const QString& name)
{
    T* found = root->findChild<T*>(name);
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

// The root element's name and the first value of an element anywhere below it.
QString xmlRoot(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement)
            return reader.name().toString();
    }
    return QString();
}

} // namespace

class TestDiagnostics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_service = std::make_unique<TestService>(m_dir.path());
        QVERIFY2(m_service->start(), "tegamid did not start");
        m_client = std::make_unique<ServiceClient>(m_service->socket());
        m_client->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 10000);

        QVERIFY(call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("server.fqdn") },
                { QStringLiteral("value"), QStringLiteral("mail.example.com") } })
                    .ok);
        QVERIFY(call(QStringLiteral("domain.add"), { { QStringLiteral("name"), QStringLiteral("example.com") } }).ok);
        const RpcReply generated = call(
            QStringLiteral("cert.generate"), { { QStringLiteral("commonName"), QStringLiteral("mail.example.com") } });
        QVERIFY2(generated.ok, qPrintable(generated.message));
        const QString id = generated.result.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(call(QStringLiteral("cert.assign"), { { QStringLiteral("id"), id }, { QStringLiteral("force"), true } })
                    .ok);
        for (const QString& protocol :
            { QStringLiteral("pop3"), QStringLiteral("imap"), QStringLiteral("submission") }) {
            const quint16 plain = TestService::freePort();
            quint16 tls = TestService::freePort();
            while (tls == plain)
                tls = TestService::freePort();
            m_ports[protocol] = { plain, tls };
            for (const auto& [key, port] : { std::pair { QStringLiteral(".bindings"), plain },
                     std::pair { QStringLiteral(".tlsBindings"), tls } }) {
                const RpcReply set = call(QStringLiteral("config.set"),
                    { { QStringLiteral("key"), protocol + key },
                        { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(port) } } });
                QVERIFY2(set.ok, qPrintable(set.message));
            }
            const RpcReply enabled
                = call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), protocol } });
            QVERIFY2(enabled.ok, qPrintable(enabled.message));
        }

        m_page = std::make_unique<DiagnosticsPage>(*m_client);
        m_page->resize(1100, 800);
        m_page->show();
        m_page->activated();
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_client.reset();
        m_service.reset();
    }

    void connectivityTestPassesEveryStep()
    {
        ConnectivityTestPanel* panel = m_page->connectivity();
        m_page->tabs()->setCurrentWidget(panel);
        QVERIFY(child<QRadioButton>(panel, QStringLiteral("testTemporaryMailbox"))->isChecked());
        child<QCheckBox>(panel, QStringLiteral("testTrustAny"))->setChecked(true);
        QSignalSpy finished(panel, &ConnectivityTestPanel::finished);
        auto* run = child<QPushButton>(panel, QStringLiteral("runTestButton"));
        QVERIFY(run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!run->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 180000);
        const QJsonObject result = panel->lastResult();
        QVERIFY2(
            finished.first().first().toBool(), qPrintable(child<QLabel>(panel, QStringLiteral("testSummary"))->text()));
        QVERIFY(result.value(QStringLiteral("temporaryMailbox")).toBool());

        // One row per protocol, each step a child that succeeded, with its latency.
        QTreeWidget* tree = panel->results();
        QCOMPARE(tree->topLevelItemCount(), 3);
        QStringList protocols;
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem* test = tree->topLevelItem(i);
            protocols << test->data(0, Qt::UserRole).toString();
            QCOMPARE(test->data(1, Qt::UserRole).toString(), QStringLiteral("success"));
            QVERIFY2(test->childCount() >= 3, qPrintable(test->text(0)));
            for (int s = 0; s < test->childCount(); ++s) {
                QTreeWidgetItem* step = test->child(s);
                QVERIFY2(step->data(1, Qt::UserRole).toString() == QLatin1String("success"),
                    qPrintable(QStringLiteral("%1 / %2: %3 %4")
                                   .arg(test->text(0), step->text(0), step->text(1), step->text(3))));
                QVERIFY2(step->text(2).endsWith(QStringLiteral(" ms")), qPrintable(step->text(0)));
            }
        }
        protocols.sort();
        QCOMPARE(protocols, (QStringList { QStringLiteral("imap"), QStringLiteral("pop3"), QStringLiteral("smtp") }));
        // The steps the issue names are all there: TLS, login, a message sent and found, then deleted.
        QStringList steps;
        for (const QJsonValue& t : result.value(QStringLiteral("tests")).toArray()) {
            for (const QJsonValue& s : t.toObject().value(QStringLiteral("steps")).toArray())
                steps << t.toObject().value(QStringLiteral("protocol")).toString() + QLatin1Char('/')
                        + s.toObject().value(QStringLiteral("step")).toString();
        }
        for (const QString& expected : { QStringLiteral("smtp/submit"), QStringLiteral("imap/find"),
                 QStringLiteral("pop3/find"), QStringLiteral("imap/tls"), QStringLiteral("pop3/login") })
            QVERIFY2(steps.contains(expected), qPrintable(steps.join(QLatin1Char(' '))));

        // Each protocol links to its session in the protocol log.
        QSignalSpy log(m_page.get(), &DiagnosticsPage::sessionLogRequested);
        auto* link = child<QToolButton>(panel, QStringLiteral("sessionLog_imap"));
        QVERIFY(link);
        QTest::mouseClick(link, Qt::LeftButton);
        QCOMPARE(log.size(), 1);
        QString imapSid;
        for (const QJsonValue& t : result.value(QStringLiteral("tests")).toArray()) {
            if (t.toObject().value(QStringLiteral("protocol")).toString() == QLatin1String("imap"))
                imapSid = t.toObject().value(QStringLiteral("sessionId")).toString();
        }
        QVERIFY(!imapSid.isEmpty());
        QCOMPARE(log.first().first().toString(), imapSid);
        screenshot(QStringLiteral("connectivity"));
    }

    void failingTestSaysWhy()
    {
        // A wrong password fails at the login step, and the steps after it are skipped.
        ConnectivityTestPanel* panel = m_page->connectivity();
        child<QCheckBox>(panel, QStringLiteral("testProtocol_imap"))->setChecked(false);
        child<QCheckBox>(panel, QStringLiteral("testProtocol_smtp"))->setChecked(false);
        child<QRadioButton>(panel, QStringLiteral("testUseMailbox"))->setChecked(true);
        QTest::keyClicks(child<QLineEdit>(panel, QStringLiteral("testUser")), QStringLiteral("nobody@example.com"));
        QTest::keyClicks(child<QLineEdit>(panel, QStringLiteral("testPassword")), QStringLiteral("wrong password"));
        QSignalSpy finished(panel, &ConnectivityTestPanel::finished);
        QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("runTestButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
        QVERIFY(!finished.first().first().toBool());
        QTreeWidget* tree = panel->results();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* test = tree->topLevelItem(0);
        QCOMPARE(test->data(1, Qt::UserRole).toString(), QStringLiteral("failure"));
        QVERIFY(!test->text(3).isEmpty()); // the first error, on the protocol's row
        bool loginFailed = false;
        for (int s = 0; s < test->childCount(); ++s) {
            if (test->child(s)->data(0, Qt::UserRole).toString() == QLatin1String("login"))
                loginFailed = test->child(s)->data(1, Qt::UserRole).toString() == QLatin1String("failure");
        }
        QVERIFY(loginFailed);
        QVERIFY(child<QLabel>(panel, QStringLiteral("testSummary"))->text().contains(QStringLiteral("failed")));

        // Restore the form for anyone after us.
        child<QCheckBox>(panel, QStringLiteral("testProtocol_imap"))->setChecked(true);
        child<QCheckBox>(panel, QStringLiteral("testProtocol_smtp"))->setChecked(true);
        child<QRadioButton>(panel, QStringLiteral("testTemporaryMailbox"))->setChecked(true);
    }

    void cardShowsTheRunningListeners()
    {
        ClientSettingsCard* card = m_page->clientSettings();
        QSignalSpy refreshed(card, &ClientSettingsCard::refreshed);
        card->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 10000);
        const QJsonObject internal = card->settings().value(QStringLiteral("internal")).toObject();
        const auto ports = [&internal](const QString& key) {
            QList<quint16> out;
            for (const QJsonValue& e : internal.value(key).toArray())
                out << quint16(e.toObject().value(QStringLiteral("port")).toInt());
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto expected = [this](const QString& protocol) {
            QList<quint16> out { m_ports[protocol].first, m_ports[protocol].second };
            std::sort(out.begin(), out.end());
            return out;
        };
        QCOMPARE(ports(QStringLiteral("pop3")), expected(QStringLiteral("pop3")));
        QCOMPARE(ports(QStringLiteral("imap")), expected(QStringLiteral("imap")));
        QCOMPARE(ports(QStringLiteral("smtp")), expected(QStringLiteral("submission")));

        // What the admin sees, prints and copies says the same ports.
        const QString shown = child<QTextBrowser>(card, QStringLiteral("clientSettingsView"))->toPlainText();
        const QString text = card->text();
        for (const auto& pair : std::as_const(m_ports)) {
            for (quint16 port : { pair.first, pair.second }) {
                QVERIFY2(shown.contains(QString::number(port)), qPrintable(shown));
                QVERIFY2(text.contains(QString::number(port)), qPrintable(text));
            }
        }
        m_page->tabs()->setCurrentIndex(m_page->tabs()->indexOf(card->parentWidget()));
        screenshot(QStringLiteral("client-settings"));
        QVERIFY(text.contains(QStringLiteral("SSL/TLS")));
        // The listeners are on loopback only: the admin is told, the users' card stays clean.
        auto* notes = child<QLabel>(card, QStringLiteral("cardNotes"));
        QVERIFY(!notes->isHidden());
        QVERIFY2(notes->text().contains(QStringLiteral("127.0.0.1")), qPrintable(notes->text()));
        QVERIFY(!text.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(text.contains(QStringLiteral("STARTTLS")));

        const QString html = m_tmp.filePath(QStringLiteral("card.html"));
        QVERIFY(card->saveHtml(html));
        QFile saved(html);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray content = saved.readAll();
        QVERIFY(content.startsWith("<html>"));
        QVERIFY(content.contains(QByteArray::number(m_ports[QStringLiteral("imap")].second)));
    }

    void exportsWriteTheExpectedFiles_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("root");
        QTest::newRow("autoconfig") << QStringLiteral("autoconfig") << QStringLiteral("clientConfig");
        QTest::newRow("autodiscover") << QStringLiteral("autodiscover") << QStringLiteral("Autodiscover");
        QTest::newRow("dns") << QStringLiteral("dns") << QString();
    }

    void exportsWriteTheExpectedFiles()
    {
        QFETCH(QString, format);
        QFETCH(QString, root);
        ClientSettingsCard* card = m_page->clientSettings();
        if (card->settings().isEmpty()) {
            QSignalSpy refreshed(card, &ClientSettingsCard::refreshed);
            card->refresh();
            QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 10000);
        }
        QString suggested;
        const QString path = m_tmp.filePath(format + QStringLiteral(".out"));
        card->setSaveFileHandler([&](const QString& name, const QString&) {
            suggested = name;
            return path;
        });
        QSignalSpy exported(card, &ClientSettingsCard::exported);
        QSignalSpy failed(card, &ClientSettingsCard::failed);
        auto* button = child<QPushButton>(card, QStringLiteral("export_") + format);
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty() || !failed.isEmpty(), 10000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(exported.first().at(1).toString(), path);
        QVERIFY(!suggested.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        if (!root.isEmpty()) {
            QCOMPARE(xmlRoot(content), root);
        } else {
            // The DNS records: the MX and the RFC 6186/8314 SRV records of the running listeners.
            QVERIFY2(content.contains("MX"), content.constData());
            QVERIFY2(content.contains("_imaps._tcp"), content.constData());
            QVERIFY2(content.contains("SRV"), content.constData());
        }
        if (format == QLatin1String("autoconfig")) {
            // Thunderbird's fields: an incoming server per protocol with the listener's port.
            QVERIFY(content.contains("<incomingServer type=\"imap\">"));
            QVERIFY(content.contains("<outgoingServer type=\"smtp\">"));
            QVERIFY(content.contains(QByteArray::number(m_ports[QStringLiteral("imap")].second)));
        }
    }

    void configurationCheckOpensThePageThatFixesIt()
    {
        ConfigurationChecksPanel* checks = m_page->checks();
        QSignalSpy refreshed(checks, &ConfigurationChecksPanel::refreshed);
        // Plain-text listeners without TLS before login make a finding on the Protocols page.
        checks->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 20000);
        const QJsonArray findings = checks->findings();
        QCOMPARE(checks->table()->rowCount(), findings.size());
        QString id;
        QString page;
        for (const QJsonValue& v : findings) {
            if (!v.toObject().value(QStringLiteral("page")).toString().isEmpty()) {
                id = v.toObject().value(QStringLiteral("id")).toString();
                page = v.toObject().value(QStringLiteral("page")).toString();
                break;
            }
        }
        if (page.isEmpty())
            QSKIP("the service found nothing to fix in this configuration");
        auto* open = child<QPushButton>(checks, QStringLiteral("openPage_") + id);
        QVERIFY(open);
        QCOMPARE(open->text(), QStringLiteral("Open %1").arg(ConfigurationChecksPanel::pageTitle(page)));
        QSignalSpy requested(m_page.get(), &DiagnosticsPage::openPageRequested);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), page);

        // A finding's wizard starts by a name the main window knows.
        for (const QJsonValue& v : findings) {
            const QString wizardId = v.toObject().value(QStringLiteral("id")).toString();
            if (v.toObject().value(QStringLiteral("wizard")).toString().isEmpty())
                continue;
            QSignalSpy wizard(m_page.get(), &DiagnosticsPage::openWizardRequested);
            QTest::mouseClick(child<QPushButton>(checks, QStringLiteral("openWizard_") + wizardId), Qt::LeftButton);
            QCOMPARE(wizard.size(), 1);
            const QStringList known { QStringLiteral("firstrun"), QStringLiteral("protocols"),
                QStringLiteral("certificate"), QStringLiteral("ports") };
            QVERIFY2(known.contains(wizard.first().first().toString()), qPrintable(wizard.first().first().toString()));
        }
    }

    void resultTableShowsEachOutcome()
    {
        // The table alone, with an answer of the documented shape: a skipped step has no
        // latency, a failed one shows its error (also on the protocol's row), a test without a
        // session has no log link.
        ServiceClient offline(QStringLiteral("tegami-diagnostics-test-no-such-socket"));
        ConnectivityTestPanel panel(offline);
        const auto step = [](const char* id, const char* result, int ms, const char* error) {
            return QJsonObject { { QStringLiteral("step"), QLatin1String(id) },
                { QStringLiteral("title"), QLatin1String(id) }, { QStringLiteral("result"), QLatin1String(result) },
                { QStringLiteral("latencyMs"), ms }, { QStringLiteral("detail"), QStringLiteral("detail") },
                { QStringLiteral("error"), QLatin1String(error) } };
        };
        panel.showResult(QJsonObject { { QStringLiteral("passed"), false },
            { QStringLiteral("user"), QStringLiteral("alice@example.com") },
            { QStringLiteral("temporaryMailbox"), false },
            { QStringLiteral("tests"),
                QJsonArray { QJsonObject { { QStringLiteral("protocol"), QStringLiteral("pop3") },
                    { QStringLiteral("host"), QStringLiteral("mail.example.com") }, { QStringLiteral("port"), 995 },
                    { QStringLiteral("security"), QStringLiteral("tls") }, { QStringLiteral("passed"), false },
                    { QStringLiteral("steps"),
                        QJsonArray { step("connect", "success", 12, ""),
                            step("login", "failure", 30, "the password is wrong"),
                            step("stat", "skipped", 0, "") } } } } } });
        QTreeWidget* tree = panel.results();
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* test = tree->topLevelItem(0);
        QCOMPARE(test->text(0), QStringLiteral("POP3 on mail.example.com:995 (implicit TLS)"));
        QCOMPARE(test->text(1), QStringLiteral("Failure"));
        QCOMPARE(test->text(2), QStringLiteral("42 ms"));
        QCOMPARE(test->text(3), QStringLiteral("the password is wrong"));
        QCOMPARE(test->child(0)->text(1), QStringLiteral("Success"));
        QCOMPARE(test->child(0)->text(3), QStringLiteral("detail"));
        QCOMPARE(test->child(1)->text(1), QStringLiteral("Failure"));
        QCOMPARE(test->child(1)->text(3), QStringLiteral("the password is wrong"));
        QCOMPARE(test->child(2)->text(1), QStringLiteral("Skipped"));
        QVERIFY(test->child(2)->text(2).isEmpty());
        QVERIFY(!test->child(1)->icon(1).isNull());
        QVERIFY(tree->itemWidget(test, 4) == nullptr);
        const QString summary = child<QLabel>(&panel, QStringLiteral("testSummary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("1 of 1")) && summary.contains(QStringLiteral("alice@example.com")),
            qPrintable(summary));
    }

    void documentNamesEncryptionLikeMailClients()
    {
        QCOMPARE(ClientSettingsDocument::securityLabel(QStringLiteral("tls")), QStringLiteral("SSL/TLS"));
        QCOMPARE(ClientSettingsDocument::securityLabel(QStringLiteral("starttls")), QStringLiteral("STARTTLS"));
        QCOMPARE(
            ClientSettingsDocument::endpoints(QJsonArray {
                QJsonObject { { QStringLiteral("port"), 993 }, { QStringLiteral("security"), QStringLiteral("tls") } },
                QJsonObject {
                    { QStringLiteral("port"), 143 }, { QStringLiteral("security"), QStringLiteral("starttls") } } }),
            QStringLiteral("993 (SSL/TLS), 143 (STARTTLS)"));
        // Text that came from the service is escaped in the HTML.
        const ClientSettingsDocument doc(QJsonObject {
            { QStringLiteral("internal"), QJsonObject { { QStringLiteral("host"), QStringLiteral("<b>x</b>") } } } });
        QVERIFY(!doc.html().contains(QStringLiteral("<b>x</b>")));
        QVERIFY(doc.html().contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;")));
        QVERIFY(doc.text().contains(QStringLiteral("not offered")));
    }

private:
    // TEGAMI_SCREENSHOTS=DIR keeps a picture of the page at this point (the screenshot tour
    // shows the page before any test has run).
    void screenshot(const QString& name)
    {
        const QString dir = qEnvironmentVariable("TEGAMI_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QTest::qWait(100);
        m_page->grab().save(QDir(dir).filePath(QStringLiteral("diagnostics-%1.png").arg(name)));
    }

    RpcReply call(const QString& method, const QJsonObject& params)
    {
        std::optional<RpcReply> reply;
        m_client->call(method, params, this, [&reply](const RpcReply& r) { reply = r; });
        if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000))
            return RpcReply::failure(ServiceClient::timeoutCode, QStringLiteral("no answer to %1").arg(method));
        return *reply;
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_tmp;
    std::unique_ptr<TestService> m_service;
    std::unique_ptr<ServiceClient> m_client;
    std::unique_ptr<DiagnosticsPage> m_page;
    QHash<QString, std::pair<quint16, quint16>> m_ports;
};

QTEST_MAIN(TestDiagnostics)
#include "TestDiagnostics.moc"
