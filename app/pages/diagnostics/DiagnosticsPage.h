#pragma once

#include "pages/Page.h"

class QTabWidget;

namespace tegami {

class ClientSettingsCard;
class ConfigurationChecksPanel;
class ConnectivityTestPanel;

// Diagnostics: the service's own configuration checks (each with a way to the page that
// fixes it), a connectivity test of POP3, IMAP4 and SMTP like Exchange's
// Test-PopConnectivity, and the settings users need in their mail clients.
class DiagnosticsPage : public Page {
    Q_OBJECT
public:
    explicit DiagnosticsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Diagnostics"); }
    void refresh() override;

    ConfigurationChecksPanel* checks() const { return m_checks; }
    ConnectivityTestPanel* connectivity() const { return m_connectivity; }
    ClientSettingsCard* clientSettings() const { return m_card; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    // The admin wants to fix something elsewhere: a page by its short name as
    // MainWindow::showPage() knows it ("certificates", "protocols", ...).
    void openPageRequested(const QString& page);
    // ... or a wizard by its id, as diag.checks names it ("firstrun", "protocols", ...).
    void openWizardRequested(const QString& wizard);
    // The admin wants the protocol log of one session (a connectivity test's): show the
    // Protocol log page and its transcript, LogPage::viewer()->showTranscript(sid).
    void sessionLogRequested(const QString& sid);

private:
    void updateChecksTab();

    QTabWidget* m_tabs = nullptr;
    ConfigurationChecksPanel* m_checks = nullptr;
    ConnectivityTestPanel* m_connectivity = nullptr;
    ClientSettingsCard* m_card = nullptr;
};

} // namespace tegami
