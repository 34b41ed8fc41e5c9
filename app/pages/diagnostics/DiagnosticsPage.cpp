#include "pages/diagnostics/DiagnosticsPage.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace tegami {

// TODO(tegami): the checks, connectivity test and client settings tabs (in progress).
DiagnosticsPage::DiagnosticsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Diagnostics</h2>"), this));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("diagnosticsTabs"));
    layout->addWidget(m_tabs, 1);
}

void DiagnosticsPage::refresh() { }

void DiagnosticsPage::updateChecksTab() { }

} // namespace tegami
