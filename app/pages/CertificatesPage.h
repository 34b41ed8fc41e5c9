#pragma once

#include "pages/Page.h"

namespace tegami {

class CertificatesPage : public Page {
    Q_OBJECT
public:
    explicit CertificatesPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Certificates"); }
    void refresh() override;
};

} // namespace tegami
