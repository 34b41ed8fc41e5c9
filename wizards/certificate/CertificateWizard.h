#pragma once

#include "wizards/common/TegamiWizard.h"

namespace tegami {

class CertificatePage;

// The TLS certificate: import PEM or PKCS#12, generate a self-signed one, create a request
// (CSR) for an authority and later complete it. Before anything is assigned the page shows
// whether it matches each listener's name (wildcards included), its expiry and its trust.
class CertificateWizard : public TegamiWizard {
    Q_OBJECT
public:
    enum PageId { Certificate, Summary, Done };

    explicit CertificateWizard(ServiceClient& client, QWidget* parent = nullptr);

    CertificatePage* certificatePage() const { return m_page; }
    ApplyPlan buildPlan() const override;

private:
    CertificatePage* m_page = nullptr;
};

} // namespace tegami
