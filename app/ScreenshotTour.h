#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace tegami {

class MainWindow;
class TegamiWizard;

// Shows each page in turn and saves a picture of the window (DIR/NN-name.png), then walks
// through every wizard page (DIR/wizards/NN-<wizard>-<page>.png) without applying anything,
// so the console can be looked at without a desktop (tools/screenshots runs it on the
// offscreen platform).
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow& window, QString directory, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(int failures);

private:
    void next();
    void nextWizard();
    void nextWizardPage();
    bool save(QWidget* widget, const QString& name);
    // Demo values a visitor would type, so the pictures show a filled-in wizard.
    void fillDemo(TegamiWizard& wizard, const QString& name);

    MainWindow& m_window;
    QString m_directory;
    int m_index = -1;
    int m_picture = 0;
    int m_wizardPicture = 0;
    int m_failures = 0;
    QStringList m_wizards;
    QString m_wizardName;
    QPointer<TegamiWizard> m_wizard;
    QStringList m_seenPages;
};

} // namespace tegami
