#include "pages/QueuePage.h"

namespace tegami {

QueuePage::QueuePage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{ }

void QueuePage::refresh() { }

} // namespace tegami
