#pragma once

#include "pages/Page.h"

namespace tegami {

class SettingsPage : public Page {
    Q_OBJECT
public:
    explicit SettingsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Settings"); }
    void refresh() override;
};

} // namespace tegami
