// tegami: the desktop console. It speaks only the control API of tegamid, starting the
// bundled service when none answers for the data directory.
#include "core/DataPaths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>

#include <cstdio>

#include "ConsoleOptions.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"

using namespace tegami;

namespace {

// --report-first-paint (bench/console): prints when the main window first painted, counted
// from the start of main(), and exits.
class FirstPaintReporter : public QObject {
public:
    explicit FirstPaintReporter(const QElapsedTimer& clock)
        : m_clock(clock)
    { }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            std::printf("first paint after %lld ms\n", static_cast<long long>(m_clock.elapsed()));
            std::fflush(stdout);
            QMetaObject::invokeMethod(
                qApp, [] { QApplication::exit(0); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_clock;
    bool m_done = false;
};

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tegami"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tegami"));
    QApplication::setApplicationVersion(QStringLiteral(TEGAMI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Tegami mail server console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QApplication::translate("main", "The service's data directory (default: %1).").arg(DataPaths::defaultDataDir()),
        QStringLiteral("DIR"), DataPaths::defaultDataDir());
    const QCommandLineOption noStart(QStringLiteral("no-start-service"),
        QApplication::translate("main", "Do not start tegamid when no service answers; wait for one."));
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
        QApplication::translate("main", "Save a picture of every page into DIR and exit (documentation, checks)."),
        QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption firstPaint(QStringLiteral("report-first-paint"),
        QApplication::translate("main", "Print how long the window took to paint first, then exit (benchmark)."));
    firstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ dataDir, noStart, screenshots, firstPaint });
    parser.process(app);

    ConsoleOptions options;
    options.dataDir = QDir(parser.value(dataDir)).absolutePath();
    options.startService = !parser.isSet(noStart);
    options.trayIcon = !parser.isSet(screenshots);

    MainWindow window(options);
    FirstPaintReporter reporter(sinceStart);
    if (parser.isSet(firstPaint))
        window.installEventFilter(&reporter);
    window.show();
    if (parser.isSet(screenshots)) {
        auto* tour = new ScreenshotTour(window, parser.value(screenshots), &window);
        QObject::connect(
            tour, &ScreenshotTour::finished, &app, [](int failures) { QApplication::exit(failures ? 1 : 0); });
        tour->start();
    }
    return app.exec();
}
