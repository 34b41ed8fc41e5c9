#include "pages/SettingsPage.h"

namespace tegami {

SettingsPage::SettingsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void SettingsPage::refresh() { }

} // namespace tegami
