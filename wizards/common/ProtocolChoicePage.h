#pragma once

#include <QHash>
#include <QWizardPage>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;

namespace tegami {

class TegamiWizard;

// Which protocols run, each with its encryption (implicit TLS, STARTTLS or none, with a
// warning) and login type; explains POP3 and IMAP4 so the admin can choose. Widgets are named
// "<protocol>Enable", "<protocol>Security", "<protocol>Login", "<protocol>Warning".
class ProtocolChoicePage : public QWizardPage {
    Q_OBJECT
public:
    explicit ProtocolChoicePage(QWidget* parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

private:
    struct Row {
        QCheckBox* enable = nullptr;
        QComboBox* security = nullptr;
        QComboBox* login = nullptr;
        QLabel* warning = nullptr;
    };
    TegamiWizard* tegamiWizard() const;
    void addRow(QGridLayout* grid, int row, const QString& protocol);
    void updateRow(const QString& protocol);

    QHash<QString, Row> m_rows;
    QLabel* m_error = nullptr;
};

} // namespace tegami
