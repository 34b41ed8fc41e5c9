#pragma once

#include "pages/Page.h"

class QTabWidget;

namespace tegami {

class ProtocolPanel;

// Per protocol: enable/disable and the settings an admin looks for (bindings, login type,
// connection limits, sizes, timeouts, protocol log; for SMTP message size, recipients,
// trusted networks, bare line endings), all generated from the settings schema.
class ProtocolsPage : public Page {
    Q_OBJECT
public:
    explicit ProtocolsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Protocols"); }
    void refresh() override;
    ProtocolPanel* panel(const QString& protocol) const;

private:
    QTabWidget* m_tabs = nullptr;
    QList<ProtocolPanel*> m_panels;
};

} // namespace tegami
