#pragma once

#include "pages/Page.h"

class QComboBox;
class QLabel;
class QTableView;
class QTableWidget;

namespace tegami {

class CertificateModel;

// The certificates in the service's store and which protocol uses which, with the
// service's checks; assign or remove the selected one, or open the certificate wizard
// (generate, import, request).
class CertificatesPage : public Page {
    Q_OBJECT
public:
    explicit CertificatesPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Certificates"); }
    void refresh() override;
    CertificateModel* model() const { return m_model; }

Q_SIGNALS:
    // The admin wants the certificate wizard (MainWindow opens it).
    void wizardRequested(const QString& wizard);

private:
    // The selected certificate's id, or empty.
    QString selectedId() const;
    void assignSelected(bool force);
    void removeSelected();

    CertificateModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QComboBox* m_assignTarget = nullptr;
    QLabel* m_actionError = nullptr;
    QTableWidget* m_assignments = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace tegami
