#include "pages/LogPage.h"

#include <QLabel>
#include <QVBoxLayout>

#include "client/ServiceLogSource.h"
#include "logviewer/LogViewerPage.h"

namespace tegami {

LogPage::LogPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_source(new ServiceLogSource(client, this))
{
    m_layout = new QVBoxLayout(this);
    m_layout->addWidget(new QLabel(tr("<h2>Protocol log</h2>"), this));
}

void LogPage::activated()
{
    if (m_viewer)
        return;
    m_viewer = new LogViewerPage(m_source, this);
    m_viewer->setObjectName(QStringLiteral("logViewer"));
    m_layout->addWidget(m_viewer, 1);
}

} // namespace tegami
