#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace tegami {

class FormErrors;
class ServiceClient;
class UserModel;

// Mailboxes: the list with usage, and an editor to add one or change it (name, password,
// enabled, protocol access, quota, POP3 policy). The service's validation errors appear
// at the field they concern.
class UsersPanel : public QWidget {
    Q_OBJECT
public:
    UsersPanel(ServiceClient& client, QWidget* parent = nullptr);
    ~UsersPanel() override;

    void refresh();
    void setDomains(const QJsonArray& domains);
    UserModel* model() const { return m_model; }
    // Clears the editor for a new mailbox.
    void startNew();
    // Loads a mailbox into the editor (by address); false when it is not in the list.
    bool edit(const QString& address);

Q_SIGNALS:
    void changed();
    void statusMessage(const QString& text);

private:
    void buildEditor(QWidget* parent);
    void save();
    void setPassword();
    void removeSelected();
    void onSelection();
    QJsonObject editorParams() const;

    ServiceClient& m_client;
    UserModel* m_model = nullptr;
    QComboBox* m_domainFilter = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_delete = nullptr;
    QGroupBox* m_editor = nullptr;
    QLineEdit* m_address = nullptr;
    QLineEdit* m_displayName = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_setPassword = nullptr;
    QCheckBox* m_enabled = nullptr;
    QCheckBox* m_admin = nullptr;
    QMap<QString, QCheckBox*> m_protocols;
    QSpinBox* m_quota = nullptr;
    QComboBox* m_popScope = nullptr;
    QComboBox* m_popAfter = nullptr;
    QLabel* m_usage = nullptr;
    QLabel* m_error = nullptr;
    FormErrors* m_errors = nullptr;
    QString m_editing; // the address being edited; empty for a new mailbox
};

} // namespace tegami
