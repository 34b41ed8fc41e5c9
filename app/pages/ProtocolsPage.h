#pragma once

#include "pages/Page.h"

namespace tegami {

class ProtocolsPage : public Page {
    Q_OBJECT
public:
    explicit ProtocolsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Protocols"); }
    void refresh() override;
};

} // namespace tegami
