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
#include "translations/ConsoleLanguage.h"

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

// The value of --language LANG or --language=LANG, before the full parser exists (its help
// texts are translated into that language).
QString languageFromArguments(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--"))
            break;
        if ((a == QLatin1String("--language") || a == QLatin1String("-language")) && i + 1 < arguments.size())
            return arguments[i + 1];
        for (const QLatin1String prefix : { QLatin1String("--language="), QLatin1String("-language=") }) {
            if (a.startsWith(prefix))
                return a.mid(prefix.size());
        }
    }
    return QString();
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tegami"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tegami"));
    QApplication::setApplicationVersion(QStringLiteral(TEGAMI_VERSION));

    // The language first, so that --help and every window text are translated: --language,
    // else the Console language setting, else the system locale.
    const QString languageArgument = languageFromArguments(QApplication::arguments());
    const QString choice = languageArgument.isEmpty() ? language::savedChoice() : languageArgument;
    const QString language = language::resolve(choice);
    if (language.isEmpty()) {
        std::fprintf(stderr, "tegami: unknown language '%s' (use %s)\n", qPrintable(choice),
            qPrintable(language::available().join(QStringLiteral(" or "))));
        return 2;
    }
    if (!language::install(language) && language != QLatin1String("en"))
        std::fprintf(stderr, "tegami: this console was built without translations; its texts stay English\n");

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Tegami mail server console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QApplication::translate("main", "The service's data directory (default: %1).").arg(DataPaths::defaultDataDir()),
        QStringLiteral("DIR"), DataPaths::defaultDataDir());
    const QCommandLineOption noStart(QStringLiteral("no-start-service"),
        QApplication::translate("main", "Do not start tegamid when no service answers; wait for one."));
    const QCommandLineOption languageOption(QStringLiteral("language"),
        QApplication::translate("main",
            "The console's language: en or ja (default: the Console language setting, else the system locale)."),
        QStringLiteral("LANG"));
    const QCommandLineOption firstRun(
        QStringLiteral("first-run"), QApplication::translate("main", "Open the first setup wizard once connected."));
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
        QApplication::translate("main", "Save a picture of every page into DIR and exit (documentation, checks)."),
        QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption firstPaint(QStringLiteral("report-first-paint"),
        QApplication::translate("main", "Print how long the window took to paint first, then exit (benchmark)."));
    firstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ dataDir, noStart, languageOption, firstRun, screenshots, firstPaint });
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
