// The console in Japanese against a real tegamid: every page and every wizard page is walked,
// and no visible text (labels, buttons, group boxes, tabs, table headers and cells, menus,
// placeholders, tooltips, combo box items, window titles) may be one of the console's English
// source strings. Texts that are the same in Japanese (protocol names, example addresses,
// "TLS") are allowed: tegami_ja.ts translates them to themselves.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressBar>
#include <QSet>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWizard>

#include <optional>

#include "MainWindow.h"
#include "TestService.h"
#include "TsFile.h"
#include "client/ServiceClient.h"
#include "pages/Page.h"
#include "pages/SettingsPage.h"
#include "translations/ConsoleLanguage.h"

using namespace tegami;

namespace {

QString withoutMnemonic(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text.trimmed();
}

QString where(const QWidget* w)
{
    QString name = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        name += QLatin1Char('#') + w->objectName();
    return name;
}

// Every text a person can see (or hover) on `root` and its visible children.
class TextCollector {
public:
    QList<QPair<QString, QString>> texts; // where, text

    void add(const QString& place, const QString& text)
    {
        if (!text.trimmed().isEmpty())
            texts.append({ place, text });
    }

    void addMenu(const QString& place, const QList<QAction*>& actions, int depth = 0)
    {
        for (QAction* a : actions) {
            if (a->isSeparator() || !a->isVisible())
                continue;
            add(place + QStringLiteral(" action"), a->text());
            add(place + QStringLiteral(" action tooltip"),
                a->toolTip() == withoutMnemonic(a->text()) ? QString() : a->toolTip());
            if (a->menu() && depth < 3)
                addMenu(place + QStringLiteral(" > ") + withoutMnemonic(a->text()), a->menu()->actions(), depth + 1);
        }
    }

    void addModel(const QString& place, const QAbstractItemModel* model)
    {
        if (!model)
            return;
        for (int c = 0; c < model->columnCount(); ++c) {
            add(place + QStringLiteral(" header"), model->headerData(c, Qt::Horizontal).toString());
            add(place + QStringLiteral(" header tooltip"),
                model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
        }
        for (int r = 0; r < qMin(model->rowCount(), 30); ++r) {
            for (int c = 0; c < model->columnCount(); ++c) {
                const QModelIndex i = model->index(r, c);
                add(place + QStringLiteral(" cell"), i.data(Qt::DisplayRole).toString());
                add(place + QStringLiteral(" cell tooltip"), i.data(Qt::ToolTipRole).toString());
            }
        }
    }

    void addWidget(QWidget* w)
    {
        const QString place = where(w);
        add(place + QStringLiteral(" tooltip"), w->toolTip());
        if (w->isWindow())
            add(place + QStringLiteral(" title"), w->windowTitle());
        if (auto* l = qobject_cast<QLabel*>(w))
            add(place, l->text());
        if (auto* b = qobject_cast<QAbstractButton*>(w))
            add(place, b->text());
        if (auto* g = qobject_cast<QGroupBox*>(w))
            add(place, g->title());
        if (auto* e = qobject_cast<QLineEdit*>(w))
            add(place + QStringLiteral(" placeholder"), e->placeholderText());
        if (auto* s = qobject_cast<QSpinBox*>(w)) {
            add(place + QStringLiteral(" suffix"), s->suffix().trimmed());
            add(place + QStringLiteral(" special value"), s->specialValueText());
        }
        if (auto* c = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < c->count(); ++i)
                add(place + QStringLiteral(" item"), c->itemText(i));
        }
        if (auto* t = qobject_cast<QTabBar*>(w)) {
            for (int i = 0; i < t->count(); ++i) {
                add(place + QStringLiteral(" tab"), t->tabText(i));
                add(place + QStringLiteral(" tab tooltip"), t->tabToolTip(i));
            }
        }
        if (auto* p = qobject_cast<QProgressBar*>(w))
            add(place + QStringLiteral(" format"), p->format());
        if (auto* v = qobject_cast<QAbstractItemView*>(w))
            addModel(place, v->model());
        if (auto* bar = qobject_cast<QMenuBar*>(w))
            addMenu(place, bar->actions());
        else if (auto* menu = qobject_cast<QMenu*>(w))
            addMenu(place, menu->actions());
        if (auto* page = qobject_cast<QWizardPage*>(w)) {
            add(place + QStringLiteral(" title"), page->title());
            add(place + QStringLiteral(" subtitle"), page->subTitle());
        }
        // Context menus and tool button menus.
        if (!qobject_cast<QMenuBar*>(w) && !qobject_cast<QMenu*>(w))
            addMenu(place, w->actions());
    }

    void walk(QWidget* root)
    {
        addWidget(root);
        for (QWidget* w : root->findChildren<QWidget*>()) {
            if (w->isVisibleTo(root))
                addWidget(w);
        }
    }
};

} // namespace

class TestJapaneseConsole : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#ifndef TEGAMI_HAS_TRANSLATIONS
        QSKIP("built without Qt's LinguistTools (Debian: qt6-l10n-tools, qt6-tools-dev): the console is English "
              "only, so there is no Japanese console to check");
#endif
        QStandardPaths::setTestModeEnabled(true);
        loadSourceStrings();
        QVERIFY(language::install(QStringLiteral("ja")));

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

        // Content for the tables: a domain, a mailbox, an alias and a running POP3 listener.
        QVERIFY(call(QStringLiteral("domain.add"), { { QStringLiteral("name"), QStringLiteral("example.com") } }).ok);
        QVERIFY(call(QStringLiteral("user.add"),
            { { QStringLiteral("address"), QStringLiteral("alice@example.com") },
                { QStringLiteral("password"), QStringLiteral("correct horse battery") },
                { QStringLiteral("displayName"), QStringLiteral("Alice") } })
                    .ok);
        QVERIFY(call(QStringLiteral("config.set"),
            {
                { QStringLiteral("key"), QStringLiteral("pop3.bindings") },
                { QStringLiteral("value"), QJsonArray { QStringLiteral("127.0.0.1:%1").arg(TestService::freePort()) } },
            })
                    .ok);
        QVERIFY(call(QStringLiteral("config.set"),
            { { QStringLiteral("key"), QStringLiteral("pop3.tlsBindings") },
                { QStringLiteral("value"), QJsonArray {} } })
                    .ok);
        QVERIFY(call(QStringLiteral("protocol.enable"), { { QStringLiteral("protocol"), QStringLiteral("pop3") } }).ok);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_service.reset();
        language::install(QStringLiteral("en"));
    }

    void everyPageIsJapanese()
    {
        QStringList failures;
        const QStringList pages = m_window->pageNames();
        QVERIFY(pages.size() >= 8);
        for (const QString& name : pages) {
            m_window->showPage(name);
            QTest::qWait(1200); // the page's calls answer and it fills in
            TextCollector texts;
            texts.walk(m_window.get());
            failures << untranslated(QStringLiteral("page %1").arg(name), texts);
            QVERIFY(texts.texts.size() > 10);
            // Every tab of the page's tab widgets (Accounts: mailboxes, domains, aliases...).
            for (QTabWidget* tabs : m_window->page(name)->findChildren<QTabWidget*>()) {
                if (!tabs->isVisibleTo(m_window.get()))
                    continue;
                for (int i = 0; i < tabs->count(); ++i) {
                    tabs->setCurrentIndex(i);
                    QTest::qWait(500);
                    TextCollector tab;
                    tab.walk(tabs->currentWidget());
                    failures << untranslated(QStringLiteral("page %1, tab %2").arg(name, tabs->tabText(i)), tab);
                }
            }
        }
        failures.removeDuplicates();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }

    void everyWizardPageIsJapanese()
    {
        const QStringList names = m_window->wizardNames();
        if (names.isEmpty())
            QSKIP("the console has no wizards yet");
        QStringList failures;
        for (const QString& name : names) {
            QWizard* wizard = m_window->openWizard(name);
            QVERIFY2(wizard, qPrintable(name));
            QPointer<QWizard> guard(wizard);
            const QList<int> ids = wizard->pageIds();
            QVERIFY(!ids.isEmpty());
            // Each page as the wizard shows it (restart() runs the page's initializePage()).
            for (int id : ids) {
                wizard->setStartId(id);
                wizard->restart();
                QTest::qWait(400);
                TextCollector texts;
                texts.walk(wizard);
                failures << untranslated(QStringLiteral("wizard %1, page %2").arg(name).arg(id), texts);
            }
            wizard->reject();
            QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
        }
        failures.removeDuplicates();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }

    void settingsPageOffersTheConsoleLanguage()
    {
        auto* settings = qobject_cast<SettingsPage*>(m_window->page(QStringLiteral("settings")));
        QVERIFY(settings);
        QComboBox* choice = settings->languageChoice();
        QVERIFY(choice);
        QCOMPARE(choice->count(), 3);
        QCOMPARE(choice->itemText(0), QStringLiteral("システム"));
        QCOMPARE(choice->itemText(2), QStringLiteral("日本語"));
        choice->setCurrentIndex(choice->findData(QStringLiteral("ja")));
        QCOMPARE(language::savedChoice(), QStringLiteral("ja"));
        choice->setCurrentIndex(choice->findData(QStringLiteral("en")));
        QCOMPARE(language::savedChoice(), QStringLiteral("en"));
        choice->setCurrentIndex(choice->findData(QStringLiteral("system")));
        QCOMPARE(language::savedChoice(), QStringLiteral("system"));
    }

private:
    void loadSourceStrings()
    {
        QString error;
        const QString dir = QStringLiteral(TEGAMI_SOURCE_DIR "/translations/");
        const QList<TsMessage> ja = readTsFile(dir + QStringLiteral("tegami_ja.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const TsMessage& m : ja) {
            // A text Japanese keeps as it is ("POP3", "TLS", "example.com") is no finding.
            if (m.numerus || m.translations.value(0) == m.source)
                continue;
            m_english.insert(m.source.trimmed());
            m_english.insert(withoutMnemonic(m.source));
        }
        m_english.remove(QString());
        QVERIFY(m_english.size() > 100);
    }

    QStringList untranslated(const QString& scope, const TextCollector& texts) const
    {
        QStringList out;
        for (const auto& [place, text] : texts.texts) {
            if (m_english.contains(text.trimmed()) || m_english.contains(withoutMnemonic(text)))
                out << QStringLiteral("%1, %2: \"%3\"").arg(scope, place, text);
        }
        return out;
    }

    RpcReply call(const QString& method, const QJsonObject& params)
    {
        std::optional<RpcReply> reply;
        m_window->client().call(method, params, this, [&reply](const RpcReply& r) { reply = r; });
        if (!QTest::qWaitFor([&reply] { return reply.has_value(); }, 20000))
            return RpcReply::failure(ServiceClient::timeoutCode, QStringLiteral("no answer to %1").arg(method));
        if (!reply->ok)
            qWarning("%s failed: %s", qPrintable(method), qPrintable(reply->message));
        return *reply;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QSet<QString> m_english;
};

QTEST_MAIN(TestJapaneseConsole)
#include "TestJapaneseConsole.moc"
