#pragma once

#include "pages/Page.h"

namespace tegami {

class DashboardPage : public Page {
    Q_OBJECT
public:
    explicit DashboardPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Dashboard"); }
    void refresh() override;
};

} // namespace tegami
