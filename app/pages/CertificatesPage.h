#pragma once

#include "pages/Page.h"

class QLabel;
class QTableWidget;

namespace tegami {

class CertificateModel;

// The certificates in the service's store and which protocol uses which, with the
// service's checks (a simple list for now; import and requests come with the wizard).
class CertificatesPage : public Page {
    Q_OBJECT
public:
    explicit CertificatesPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Certificates"); }
    void refresh() override;
    CertificateModel* model() const { return m_model; }

private:
    CertificateModel* m_model = nullptr;
    QTableWidget* m_assignments = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace tegami
