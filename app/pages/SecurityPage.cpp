#include "pages/SecurityPage.h"

namespace tegami {

SecurityPage::SecurityPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void SecurityPage::refresh() { }

} // namespace tegami
