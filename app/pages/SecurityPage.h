#pragma once

#include "pages/Page.h"

namespace tegami {

class SecurityPage : public Page {
    Q_OBJECT
public:
    explicit SecurityPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Security"); }
    void refresh() override;
};

} // namespace tegami
