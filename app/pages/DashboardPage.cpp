#include "pages/DashboardPage.h"

namespace tegami {

DashboardPage::DashboardPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void DashboardPage::refresh() { }

} // namespace tegami
