// The protocol-log page fed by the fake source, for looking at it: run it on a display, or
// pass --screenshots DIR to save the states worth checking as PNG files and exit
// (live.png, paused.png, filtered.png, dark.png, transcript.png, pastday.png).
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QStyleFactory>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>

#include "logviewer/FakeLogEventSource.h"
#include "logviewer/LogFilterBar.h"
#include "logviewer/LogTranscriptDialog.h"
#include "logviewer/LogViewModel.h"
#include "logviewer/LogViewerPage.h"

using namespace tegami;

namespace {

void settle(int msec)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < msec)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

void save(QWidget* widget, const QString& dir, const char* name)
{
    settle(200);
    const QString path = QDir(dir).filePath(QLatin1String(name));
    if (!widget->grab().save(path))
        qWarning("could not save %s", qPrintable(path));
    else
        qInfo("saved %s", qPrintable(path));
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("screenshots"), QStringLiteral("Save screenshots to this directory and exit."),
        QStringLiteral("dir") });
    parser.process(app);
    const QString shots = parser.value(QStringLiteral("screenshots"));

    FakeLogEventSource source;
    const QDate yesterday = QDate::currentDate().addDays(-1);
    LogEventGenerator history(9, QDateTime(yesterday, QTime(8, 0), QTimeZone::utc()), 900);
    source.setDayEvents(yesterday, history.next(3000));
    source.setDays({ { yesterday, 2, 812'000 }, { yesterday.addDays(-1), 1, 402'000 } });

    LogViewerPage page(&source);
    page.setWindowTitle(QObject::tr("Tegami protocol log (demo)"));
    page.resize(1280, 720);
    page.show();

    LogEventGenerator generator(1);
    source.pushEvents(generator.next(2000));
    source.pushDropped(37);
    QTimer feed;
    QObject::connect(&feed, &QTimer::timeout, [&] { source.pushEvents(generator.next(20)); });
    feed.start(100);

    if (shots.isEmpty())
        return app.exec();

    QDir().mkpath(shots);
    save(&page, shots, "live.png");

    page.setFollowing(false);
    settle(600);
    save(&page, shots, "paused.png");

    page.findChild<QCheckBox*>(QStringLiteral("regexCheck"))->setChecked(true);
    page.findChild<QLineEdit*>(QStringLiteral("textFilter"))->setText(QStringLiteral("LOGIN|AUTH ("));
    settle(400);
    save(&page, shots, "regex-error.png");
    page.findChild<QLineEdit*>(QStringLiteral("textFilter"))->setText(QStringLiteral("LOGIN|AUTH|authentication"));
    page.setFollowing(true);
    settle(400);
    save(&page, shots, "filtered.png");

    page.findChild<LogFilterBar*>()->setFilter({});
    page.setPalette(darkPalette());
    settle(300);
    save(&page, shots, "dark.png");
    page.setPalette(QApplication::palette());

    const QString sid
        = page.liveModel()->index(page.liveModel()->rowCount() - 1, 0).data(LogViewModel::SessionRole).toString();
    LogTranscriptDialog* transcript = page.showTranscript(sid);
    settle(300);
    save(transcript, shots, "transcript.png");
    transcript->close();

    page.openDay(yesterday);
    settle(500);
    save(&page, shots, "pastday.png");
    return 0;
}
