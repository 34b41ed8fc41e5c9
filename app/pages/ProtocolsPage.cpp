#include "pages/ProtocolsPage.h"

#include <QJsonArray>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "pages/ProtocolPanel.h"

namespace tegami {

ProtocolsPage::ProtocolsPage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("<h2>Protocols</h2>"), this);
    layout->addWidget(heading);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("protocolTabs"));
    layout->addWidget(m_tabs, 1);
    for (const QString& p :
        { QStringLiteral("smtp"), QStringLiteral("submission"), QStringLiteral("pop3"), QStringLiteral("imap") }) {
        auto* panel = new ProtocolPanel(client, p, m_tabs);
        m_tabs->addTab(panel, format::protocolLabel(p));
        m_panels << panel;
        connect(panel, &ProtocolPanel::changed, this, &ProtocolsPage::refresh);
        connect(panel, &ProtocolPanel::statusMessage, this, &Page::statusMessage);
    }
}

ProtocolPanel* ProtocolsPage::panel(const QString& protocol) const
{
    for (ProtocolPanel* p : m_panels) {
        if (p->protocol() == protocol)
            return p;
    }
    return nullptr;
}

void ProtocolsPage::refresh()
{
    client().call(QStringLiteral("config.get"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            Q_EMIT statusMessage(describe(r));
            return;
        }
        for (ProtocolPanel* p : std::as_const(m_panels))
            p->setFields(r.result.toArray());
        client().call(QStringLiteral("listener.list"), this, [this](const RpcReply& l) {
            if (!l.ok)
                return;
            for (ProtocolPanel* p : std::as_const(m_panels))
                p->setListeners(l.result.toArray());
        });
    });
}

} // namespace tegami
