// tegami: the desktop console. It speaks only the control API of tegamid, starting the
// bundled service when none answers for the data directory.
#include "core/DataPaths.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

#include "ConsoleOptions.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"

using namespace tegami;

int main(int argc, char** argv)
{
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
    parser.addOptions({ dataDir, noStart, screenshots });
    parser.process(app);

    ConsoleOptions options;
    options.dataDir = QDir(parser.value(dataDir)).absolutePath();
    options.startService = !parser.isSet(noStart);
    options.trayIcon = !parser.isSet(screenshots);

    MainWindow window(options);
    window.show();
    if (parser.isSet(screenshots)) {
        auto* tour = new ScreenshotTour(window, parser.value(screenshots), &window);
        QObject::connect(
            tour, &ScreenshotTour::finished, &app, [](int failures) { QApplication::exit(failures ? 1 : 0); });
        tour->start();
    }
    return app.exec();
}
