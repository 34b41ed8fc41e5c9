#pragma once

#include "pages/Page.h"

namespace tegami {

class ServiceLogSource;

// The live protocol log: the log viewer (app/logviewer) fed by the service.
class LogPage : public Page {
    Q_OBJECT
public:
    explicit LogPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Protocol log"); }
    void refresh() override { }
    void activated() override;
    void deactivated() override;
    ServiceLogSource* source() const { return m_source; }

private:
    ServiceLogSource* m_source = nullptr;
};

} // namespace tegami
