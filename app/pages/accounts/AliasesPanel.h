#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QTableView;

namespace tegami {

class AliasModel;
class FormErrors;
class ServiceClient;

// Aliases: an address that delivers to one or more others.
class AliasesPanel : public QWidget {
    Q_OBJECT
public:
    AliasesPanel(ServiceClient& client, QWidget* parent = nullptr);
    ~AliasesPanel() override;

    void refresh();
    AliasModel* model() const { return m_model; }

Q_SIGNALS:
    void changed();
    void statusMessage(const QString& text);

private:
    void add();
    void removeSelected();

    ServiceClient& m_client;
    AliasModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_address = nullptr;
    QLineEdit* m_targets = nullptr;
    QPushButton* m_remove = nullptr;
    FormErrors* m_errors = nullptr;
};

} // namespace tegami
