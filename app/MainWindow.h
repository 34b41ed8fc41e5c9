#pragma once

#include <QMainWindow>

#include "ConsoleOptions.h"

class QLabel;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;
class QWizard;

namespace tegami {

class Page;
class ServiceClient;
class ServiceHealth;
class ServiceLauncher;

// The console's window: a navigation list and one page per area. It connects to the
// service (starting the bundled tegamid when none answers) and shows the connection in the
// status bar and the tray; everything else is the pages' work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const ConsoleOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    ServiceClient& client() const { return *m_client; }
    ServiceHealth& health() const { return *m_health; }
    ServiceLauncher& launcher() const { return *m_launcher; }

    // Pages by their short name: dashboard, protocols, accounts, certificates, log,
    // security, queue, settings.
    Page* page(const QString& name) const;
    QStringList pageNames() const;
    void showPage(const QString& name);
    Page* currentPage() const;

    // The wizards by id: firstrun, protocols, certificate, ports. Opens one (non-modal, one
    // at a time) after reading the service's state; returns it, or nullptr when the service
    // did not answer (the status bar says why).
    QWizard* openWizard(const QString& name);
    QStringList wizardNames() const;

private:
    void addPage(const QString& name, Page* page, const QString& icon);
    void onPageChanged(int index);
    void onConnected();
    void onConnectionFailed(int error, const QString& message, int retryInMs);
    void refreshCurrent();
    void createTray();
    void createWizardMenu();
    // A fresh service (no domain, no mailbox) gets the first-run wizard offered above the pages.
    void offerFirstRun();

    ConsoleOptions m_options;
    ServiceClient* m_client = nullptr;
    ServiceLauncher* m_launcher = nullptr;
    ServiceHealth* m_health = nullptr;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QStringList m_pageNames;
    Page* m_current = nullptr;
    QWidget* m_firstRunOffer = nullptr;
    QWizard* m_wizard = nullptr;
    bool m_firstRunChecked = false;
    bool m_openFirstRun = false; // --first-run
};

} // namespace tegami
