#include "pages/AccountsPage.h"

namespace tegami {

AccountsPage::AccountsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void AccountsPage::refresh() { }

} // namespace tegami
