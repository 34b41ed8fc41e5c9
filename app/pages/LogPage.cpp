#include "pages/LogPage.h"

#include <QLabel>
#include <QVBoxLayout>

#include "client/ServiceLogSource.h"

namespace tegami {

LogPage::LogPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_source(new ServiceLogSource(client, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Protocol log</h2>"), this));
    // TODO(tegami): host the viewer page of app/logviewer once it lands.
    auto* placeholder = new QLabel(tr("The live protocol log viewer is not part of this build yet. Meanwhile: "
                                      "tegamictl log tail --follow"),
        this);
    placeholder->setObjectName(QStringLiteral("logPlaceholder"));
    placeholder->setWordWrap(true);
    layout->addWidget(placeholder);
    layout->addStretch(1);
}

void LogPage::activated() { }

void LogPage::deactivated() { }

} // namespace tegami
