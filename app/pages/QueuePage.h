#pragma once

#include "pages/Page.h"

namespace tegami {

class QueuePage : public Page {
    Q_OBJECT
public:
    explicit QueuePage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Queue"); }
    void refresh() override;
};

} // namespace tegami
