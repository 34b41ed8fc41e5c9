#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace tegami {

class ServiceClient;

// The service's configuration checks (diag.checks: the dashboard's warnings with where to
// fix them): one row per finding with its severity, the message, and buttons to the page
// (and wizard) that fixes it.
class ConfigurationChecksPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConfigurationChecksPanel(ServiceClient& client, QWidget* parent = nullptr);

    void refresh();
    // The findings of the last answer, [{id, severity, message, page, wizard}].
    QJsonArray findings() const { return m_findings; }
    QTableWidget* table() const { return m_table; }
    // Errors and warnings (not notes) in the last answer.
    int problemCount() const;

    // The navigation name of a page short name ("certificates" -> "Certificates").
    static QString pageTitle(const QString& page);
    // A wizard's short name for its button ("ports" -> "Ports").
    static QString wizardTitle(const QString& wizard);

Q_SIGNALS:
    void refreshed();
    void openPageRequested(const QString& page);
    void openWizardRequested(const QString& wizard);

private:
    void showFindings(const QJsonArray& findings);
    void showFailure(const QString& message);

    ServiceClient& m_client;
    QJsonArray m_findings;
    QLabel* m_summary = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace tegami
