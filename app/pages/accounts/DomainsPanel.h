#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace tegami {

class DomainModel;
class FormErrors;
class ServiceClient;

// The domains the server accepts mail for: add and remove.
class DomainsPanel : public QWidget {
    Q_OBJECT
public:
    DomainsPanel(ServiceClient& client, QWidget* parent = nullptr);
    ~DomainsPanel() override;

    void refresh();
    DomainModel* model() const { return m_model; }

Q_SIGNALS:
    void changed();
    // domain.list's answer, for the other panels' domain choosers.
    void domainsListed(const QJsonArray& domains);
    void statusMessage(const QString& text);

private:
    void add();
    void removeSelected();

    ServiceClient& m_client;
    DomainModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_name = nullptr;
    QPushButton* m_remove = nullptr;
    FormErrors* m_errors = nullptr;
};

} // namespace tegami
