#include "pages/CertificatesPage.h"

namespace tegami {

CertificatesPage::CertificatesPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void CertificatesPage::refresh() { }

} // namespace tegami
