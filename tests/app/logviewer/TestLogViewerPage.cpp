#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

#include "LogViewerTestUtil.h"
#include "logviewer/FakeLogEventSource.h"
#include "logviewer/LogFilterBar.h"
#include "logviewer/LogTranscriptDialog.h"
#include "logviewer/LogViewModel.h"
#include "logviewer/LogViewerPage.h"

using namespace tegami;
using namespace tegami::test;

class TestLogViewerPage : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeLogEventSource> m_source;
    std::unique_ptr<LogViewerPage> m_page;

    LogViewerPage* makePage(const LogViewerOptions& options = { .flushIntervalMsec = 10 })
    {
        m_source = std::make_unique<FakeLogEventSource>();
        m_page = std::make_unique<LogViewerPage>(m_source.get(), nullptr, options);
        m_page->resize(1000, 400);
        m_page->show();
        return m_page.get();
    }
    template <typename T> T* child(const char* name) const
    {
        T* widget = m_page->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }
    QTableView* table() const { return child<QTableView>("logTable"); }
    QAction* menuAction(QMenu* menu, const char* name) const
    {
        QAction* action = menu->findChild<QAction*>(QLatin1String(name));
        if (!action)
            qFatal("no action %s", name);
        return action;
    }
    bool atBottom() const
    {
        const QScrollBar* bar = table()->verticalScrollBar();
        return bar->value() == bar->maximum();
    }
    QString topRowData() const
    {
        return table()->indexAt(QPoint(4, 4)).siblingAtColumn(LogViewModel::DataColumn).data().toString();
    }

private Q_SLOTS:
    void cleanup()
    {
        m_page.reset();
        m_source.reset();
    }

    void followsFromTheStartAndKeepsEventsWhenHidden()
    {
        LogViewerPage* page = makePage();
        QVERIFY(m_source->isFollowing());
        QCOMPARE(table()->model(), page->liveModel());
        m_source->pushEvents(numberedEvents(300));
        QTRY_COMPARE(page->liveModel()->rowCount(), 300);
        page->hide(); // the admin switches pages: events keep arriving and nothing is lost
        m_source->pushEvents(numberedEvents(50, 300));
        QTRY_COMPARE(page->liveModel()->rowCount(), 350);
        page->show();
        QCOMPARE(table()->model()->rowCount(), 350);
        m_page.reset();
        QVERIFY(!m_source->isFollowing()); // the page unfollows when it goes
    }

    void followAndPause()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents(numberedEvents(500));
        QTRY_COMPARE(page->liveModel()->rowCount(), 500);
        QTRY_VERIFY(atBottom());
        QCOMPARE(topRowData().isEmpty(), false);

        auto* follow = child<QToolButton>("followButton");
        auto* waiting = child<QLabel>("waitingLabel");
        QVERIFY(follow->isChecked());
        follow->click();
        QVERIFY(!page->isFollowing());
        table()->scrollTo(page->liveModel()->index(100, 0), QAbstractItemView::PositionAtTop);
        const QString top = topRowData();
        m_source->pushEvents(numberedEvents(120, 500));
        QTRY_COMPARE(page->liveModel()->rowCount(), 620);
        QCOMPARE(page->waitingCount(), 120);
        QVERIFY(waiting->isVisible());
        QVERIFY2(waiting->text().contains(QStringLiteral("120")), qPrintable(waiting->text()));
        QCOMPARE(topRowData(), top); // paused: the view does not move

        follow->click();
        QVERIFY(page->isFollowing());
        QTRY_VERIFY(atBottom());
        QVERIFY(!waiting->isVisible());
        QCOMPARE(page->waitingCount(), 0);
    }

    void pausedViewHoldsItsRowsWhileTheRingEvicts()
    {
        LogViewerPage* page = makePage({ .liveCapacity = 1000, .flushIntervalMsec = 10 });
        m_source->pushEvents(numberedEvents(1000));
        QTRY_COMPARE(page->liveModel()->rowCount(), 1000);
        page->setFollowing(false);
        table()->scrollTo(page->liveModel()->index(500, 0), QAbstractItemView::PositionAtTop);
        QCOMPARE(topRowData(), QStringLiteral("event 500"));
        m_source->pushEvents(numberedEvents(100, 1000));
        QTRY_COMPARE(
            page->liveModel()->index(0, LogViewModel::DataColumn).data().toString(), QStringLiteral("event 100"));
        QCOMPARE(page->liveModel()->rowCount(), 1000);
        QCOMPARE(topRowData(), QStringLiteral("event 500"));
    }

    void scrollingUpPausesAndScrollingDownResumes()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents(numberedEvents(500));
        QTRY_VERIFY(atBottom() && page->liveModel()->rowCount() == 500);
        table()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub);
        QTRY_VERIFY(!page->isFollowing());
        table()->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMaximum);
        QTRY_VERIFY(page->isFollowing());
    }

    void filterBarFiltersAndShowsRegexErrorsAtTheField()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents(numberedEvents(30));
        QTRY_COMPARE(page->liveModel()->rowCount(), 30);
        auto* text = child<QLineEdit>("textFilter");
        auto* error = child<QLabel>("textFilterError");
        child<QCheckBox>("regexCheck")->setChecked(true);
        QTest::keyClicks(text, QStringLiteral("event (1"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("Invalid regular expression")), qPrintable(error->text()));
        QCOMPARE(page->liveModel()->rowCount(), 30); // the last valid filter stays
        text->setText(QStringLiteral("event (1|2)\\d"));
        QTRY_VERIFY(!error->isVisible());
        QTRY_COMPARE(page->liveModel()->rowCount(), 20);

        child<QToolButton>("clearFiltersButton")->click();
        QTRY_COMPARE(page->liveModel()->rowCount(), 30);
        child<QToolButton>("dirClientButton")->click(); // all events are from the client
        QTRY_COMPARE(page->liveModel()->rowCount(), 0);
    }

    void showsDroppedEventsAndSequenceGaps()
    {
        makePage();
        auto* dropped = child<QLabel>("droppedLabel");
        QVERIFY(!dropped->isVisible());
        m_source->pushDropped(40);
        m_source->pushDropped(2);
        QTRY_VERIFY(dropped->isVisible());
        QVERIFY2(dropped->text().contains(QStringLiteral("42 event(s) lost")), qPrintable(dropped->text()));
        m_source->pushEvents({ makeEvent({ .seq = 1 }), makeEvent({ .seq = 9 }) });
        QTRY_VERIFY2(dropped->text().contains(QStringLiteral("7 missing")), qPrintable(dropped->text()));
        QCOMPARE(m_page->droppedCount(), 42);
    }

    void showsWhenTheServiceIsUnreachable()
    {
        makePage();
        auto* banner = child<QLabel>("connectionBanner");
        QVERIFY(!banner->isVisible());
        m_source->setConnected(false);
        QVERIFY(banner->isVisible());
        m_source->setConnected(true);
        QVERIFY(!banner->isVisible());
    }

    void contextMenuActionsCallTheSource()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents({ makeEvent({ .seq = 1, .data = QStringLiteral("a1 LOGIN bob ********") }),
            makeEvent({ .sid = QStringLiteral("77"), .remote = QStringLiteral("203.0.113.9:4000") }),
            makeEvent({ .seq = 2, .dir = LogDirection::ToClient, .data = QStringLiteral("a1 NO") }) });
        QTRY_COMPARE(page->liveModel()->rowCount(), 3);
        const QModelIndex first = page->liveModel()->index(0, 0);

        QString asked;
        bool answer = false;
        page->setConfirmHandler([&](const QString& question) {
            asked = question;
            return answer;
        });
        std::unique_ptr<QMenu> menu(page->createContextMenu(first, page));
        menuAction(menu.get(), "banAction")->trigger();
        QVERIFY(asked.contains(QStringLiteral("198.51.100.7")));
        QVERIFY(m_source->bannedAddresses().isEmpty()); // the admin said no
        answer = true;
        menuAction(menu.get(), "banAction")->trigger();
        QCOMPARE(m_source->bannedAddresses(), QStringList { QStringLiteral("198.51.100.7") });
        QTRY_COMPARE(child<QLabel>("messageLabel")->text(), QStringLiteral("Banned 198.51.100.7."));

        m_source->setNextActionError(QStringLiteral("no such session"));
        menuAction(menu.get(), "disconnectAction")->trigger();
        QCOMPARE(m_source->disconnectedSessions(), QStringList { QStringLiteral("3f2a") });
        QTRY_COMPARE(child<QLabel>("messageLabel")->text(),
            QStringLiteral("Could not disconnect session 3f2a: no such session"));

        menuAction(menu.get(), "copyAction")->trigger();
        QCOMPARE(QApplication::clipboard()->text(),
            page->liveModel()->lineText(page->liveModel()->serialAt(0)) + QLatin1Char('\n'));
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("a1 LOGIN bob ********")));

        menuAction(menu.get(), "sessionOnlyAction")->trigger();
        auto* transcript = page->findChild<LogTranscriptDialog*>();
        QVERIFY(transcript);
        QCOMPARE(transcript->sid(), QStringLiteral("3f2a"));
        QCOMPARE(transcript->transcriptText().count(QLatin1Char('\n')), 1); // two events of 3f2a
        transcript->close();

        std::unique_ptr<QMenu> second(page->createContextMenu(page->liveModel()->index(1, 0), page));
        menuAction(second.get(), "filterRemoteAction")->trigger();
        QCOMPARE(child<QLineEdit>("remoteFilter")->text(), QStringLiteral("203.0.113.9"));
        QTRY_COMPARE(page->liveModel()->rowCount(), 1);
        QCOMPARE(page->liveModel()->index(0, 0).data(LogViewModel::SessionRole).toString(), QStringLiteral("77"));
    }

    void transcriptShowsOneSessionInOrderAndFollowsIt()
    {
        LogViewerPage* page = makePage();
        QList<LogEvent> events;
        for (int i = 1; i <= 6; ++i) {
            events.append(makeEvent({ .sid = QStringLiteral("aa"),
                .seq = i < 4 ? i : i + 2,
                .data = QStringLiteral("line %1").arg(i),
                .msec = i }));
            events.append(
                makeEvent({ .sid = QStringLiteral("bb"), .seq = i, .data = QStringLiteral("other"), .msec = i }));
        }
        m_source->pushEvents(events);
        QTRY_COMPARE(page->liveModel()->rowCount(), 12);
        LogTranscriptDialog* dialog = page->showTranscript(QStringLiteral("aa"));
        QStringList lines = dialog->transcriptText().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 7);
        QVERIFY(lines[0].endsWith(QStringLiteral("   1 < line 1")));
        QVERIFY(lines[2].endsWith(QStringLiteral("   3 < line 3")));
        QCOMPARE(lines[3], QStringLiteral("[… 2 event(s) missing …]"));
        QVERIFY(lines[6].endsWith(QStringLiteral("   8 < line 6")));
        QVERIFY(!dialog->transcriptText().contains(QStringLiteral("other")));

        m_source->pushEvents({ makeEvent({ .sid = QStringLiteral("aa"),
            .seq = 9,
            .dir = LogDirection::Disconnect,
            .data = QStringLiteral("closed") }) });
        QTRY_VERIFY(dialog->transcriptText().endsWith(QStringLiteral("   9 - closed")));
        dialog->copyToClipboard();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("8 < line 6\n")));
    }

    void opensPastDaysAndGoesBackToLive()
    {
        LogViewerPage* page = makePage({ .dayPageSize = 5000, .flushIntervalMsec = 10 });
        const QDate day(2026, 11, 21);
        m_source->setDayEvents(day, numberedEvents(12'000));
        m_source->pushEvents(numberedEvents(10));
        QTRY_COMPARE(page->liveModel()->rowCount(), 10);

        page->openDay(day);
        QVERIFY(page->isShowingPastDay());
        QVERIFY(table()->model() != page->liveModel());
        auto* banner = child<QWidget>("pastDayBanner");
        QVERIFY(banner->isVisible());
        QTRY_COMPARE(page->currentModel()->rowCount(), 12'000);
        QCOMPARE(m_source->dayRequests().size(), 3);
        QCOMPARE(m_source->dayRequests()[1].offset, 5000);
        QVERIFY2(child<QLabel>("pastDayLabel")->text().contains(QStringLiteral("2026-11-21")),
            qPrintable(child<QLabel>("pastDayLabel")->text()));
        QVERIFY(!child<QToolButton>("followButton")->isEnabled());

        m_source->pushEvents(numberedEvents(5, 10)); // live events keep arriving meanwhile
        QTRY_COMPARE(page->liveModel()->rowCount(), 15);
        QCOMPARE(page->currentModel()->rowCount(), 12'000);
        QVERIFY(child<QLabel>("waitingLabel")->text().contains(QStringLiteral("5 new live event(s)")));

        child<QPushButton>("backToLiveButton")->click();
        QVERIFY(!page->isShowingPastDay());
        QCOMPARE(table()->model(), page->liveModel());
        QVERIFY(!banner->isVisible());
        QVERIFY(page->isFollowing());

        m_source->setDayError(QStringLiteral("log file unreadable"));
        page->openDay(day.addDays(-1));
        QTRY_VERIFY(child<QLabel>("pastDayLabel")->text().contains(QStringLiteral("log file unreadable")));
    }

    void exportsTheVisibleRows()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents({ makeEvent({ .seq = 1, .data = QStringLiteral("a1 LOGIN x, y") }),
            makeEvent({ .sid = QStringLiteral("bb"), .data = QStringLiteral("hidden") }),
            makeEvent({ .seq = 2, .dir = LogDirection::ToClient, .data = QStringLiteral("a1 OK") }) });
        QTRY_COMPARE(page->liveModel()->rowCount(), 3);
        child<LogFilterBar>("logFilterBar")->setSession(QStringLiteral("3f2a"));
        QTRY_COMPARE(page->liveModel()->rowCount(), 2);

        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("log.csv"));
        page->setSaveFileHandler([&](const QString&) { return csvPath; });
        child<QToolButton>("exportButton")->menu()->findChild<QAction*>(QStringLiteral("exportCsvAction"))->trigger();
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(),
            QByteArray("date-time,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
                       "2026-11-22T12:00:00.000Z,3f2a,1,192.0.2.10:993,198.51.100.7:52144,<,\"a1 LOGIN x, y\",tls\r\n"
                       "2026-11-22T12:00:00.000Z,3f2a,2,192.0.2.10:993,198.51.100.7:52144,>,a1 OK,tls\r\n"));

        const QString jsonPath = dir.filePath(QStringLiteral("log.jsonl"));
        QString error;
        QVERIFY(page->exportVisible(jsonPath, LogExportFormat::JsonLines, &error));
        QFile jsonl(jsonPath);
        QVERIFY(jsonl.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = jsonl.readAll().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(LogEvent::fromJsonLine(lines[0]).value(), page->liveModel()->eventAt(0));
        QCOMPARE(LogEvent::fromJsonLine(lines[1]).value(), page->liveModel()->eventAt(1));

        QVERIFY(!page->exportVisible(dir.filePath(QStringLiteral("missing/dir/x.csv")), LogExportFormat::Csv, &error));
        QVERIFY(!error.isEmpty());
    }

    void coloursFollowThePalette()
    {
        LogViewerPage* page = makePage();
        m_source->pushEvents({ makeEvent({}) });
        QTRY_COMPARE(page->liveModel()->rowCount(), 1);
        const QModelIndex index = page->liveModel()->index(0, LogViewModel::DataColumn);
        const QColor light = index.data(Qt::ForegroundRole).value<QColor>();
        QPalette dark = page->palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        page->setPalette(dark);
        QTRY_VERIFY(page->liveModel()->isDarkPalette());
        const QColor onDark = index.data(Qt::ForegroundRole).value<QColor>();
        QVERIFY(onDark.lightness() > light.lightness());
        QVERIFY(onDark.lightness() > 128);
    }
};

QTEST_MAIN(TestLogViewerPage)
#include "TestLogViewerPage.moc"
