#include "ScreenshotTour.h"

#include <QDir>
#include <QPixmap>
#include <QTimer>

#include "MainWindow.h"
#include "client/ServiceClient.h"

namespace tegami {

namespace {

// Long enough for a page's calls to come back and the window to repaint.
constexpr int settleMs = 1500;

} // namespace

ScreenshotTour::ScreenshotTour(MainWindow& window, QString directory, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(std::move(directory))
{ }

void ScreenshotTour::start()
{
    QDir().mkpath(m_directory);
    m_window.resize(1280, 960);
    auto begin = [this] { QTimer::singleShot(settleMs, this, &ScreenshotTour::next); };
    if (m_window.client().isConnected())
        begin();
    else
        connect(&m_window.client(), &ServiceClient::connected, this, begin, Qt::SingleShotConnection);
}

void ScreenshotTour::next()
{
    const QStringList names = m_window.pageNames();
    if (m_index >= 0) {
        const QString file
            = QDir(m_directory)
                  .filePath(QStringLiteral("%1-%2.png").arg(m_index + 1, 2, 10, QLatin1Char('0')).arg(names[m_index]));
        if (!m_window.grab().save(file))
            ++m_failures;
    }
    ++m_index;
    if (m_index >= names.size()) {
        Q_EMIT finished(m_failures);
        return;
    }
    m_window.showPage(names[m_index]);
    QTimer::singleShot(settleMs, this, &ScreenshotTour::next);
}

} // namespace tegami
