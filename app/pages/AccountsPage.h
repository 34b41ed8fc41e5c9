#pragma once

#include "pages/Page.h"

namespace tegami {

class AccountsPage : public Page {
    Q_OBJECT
public:
    explicit AccountsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Accounts"); }
    void refresh() override;
};

} // namespace tegami
