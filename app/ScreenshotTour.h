#pragma once

#include <QObject>
#include <QString>

namespace tegami {

class MainWindow;

// Shows each page in turn and saves a picture of the window (DIR/NN-name.png), so the pages
// can be looked at without a desktop (tools/screenshots runs it on the offscreen platform).
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow& window, QString directory, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(int failures);

private:
    void next();

    MainWindow& m_window;
    QString m_directory;
    int m_index = -1;
    int m_failures = 0;
};

} // namespace tegami
