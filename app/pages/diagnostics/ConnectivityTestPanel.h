#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace tegami {

class ServiceClient;

// The connectivity test, like Exchange's Test-PopConnectivity and Test-ImapConnectivity
// (and the same for SMTP): the service connects to its own listeners as a mail client
// would (diag.test) and the panel shows each step with Success, Skipped or Failure, its
// latency and error, and a way to the session's transcript in the protocol log.
class ConnectivityTestPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConnectivityTestPanel(ServiceClient& client, QWidget* parent = nullptr);

    // The parameters of diag.test as the form says.
    QJsonObject parameters() const;
    // Starts the test (the Run button). Does nothing while one runs.
    void run();
    bool isRunning() const { return m_running; }
    // The answer of the last run ({} before the first or after a failed call).
    QJsonObject lastResult() const { return m_result; }
    QTreeWidget* results() const { return m_results; }
    // Shows a diag.test answer (run() does this; public so the table can be checked alone).
    void showResult(const QJsonObject& result);

    // How long the console waits for the answer: the service's own timeout per protocol and step,
    // plus a margin, since a test of every protocol runs them one after the other.
    int callTimeoutMs() const;

Q_SIGNALS:
    void finished(bool passed);
    void sessionLogRequested(const QString& sid);

private:
    void buildForm();
    void updateForm();
    void showFailure(const QString& message);
    void addTest(const QJsonObject& test);
    void setResult(QTreeWidgetItem* item, const QString& result);

    ServiceClient& m_client;
    QList<QCheckBox*> m_protocols;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QComboBox* m_security = nullptr;
    QRadioButton* m_temporary = nullptr;
    QRadioButton* m_mailbox = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_trustAny = nullptr;
    QCheckBox* m_loginOnly = nullptr;
    QSpinBox* m_timeout = nullptr;
    QPushButton* m_run = nullptr;
    QLabel* m_summary = nullptr;
    QTreeWidget* m_results = nullptr;
    QJsonObject m_result;
    bool m_running = false;
};

} // namespace tegami
