#pragma once

#include "pages/Page.h"

namespace tegami {

class LogPage : public Page {
    Q_OBJECT
public:
    explicit LogPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Protocol log"); }
    void refresh() override;
};

} // namespace tegami
