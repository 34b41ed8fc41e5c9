#include "pages/ProtocolsPage.h"

namespace tegami {

ProtocolsPage::ProtocolsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void ProtocolsPage::refresh() { }

} // namespace tegami
