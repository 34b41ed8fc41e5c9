#include "pages/LogPage.h"

namespace tegami {

LogPage::LogPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void LogPage::refresh() { }

} // namespace tegami
