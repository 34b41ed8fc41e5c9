#pragma once

#include "pages/Page.h"

class QVBoxLayout;

namespace tegami {

class LogViewerPage;
class ServiceLogSource;

// The live protocol log: the log viewer (app/logviewer) fed by the service. The viewer is
// built when the page is first opened, so a console that never shows the log never asks the
// service to stream it; from then on it keeps following, so nothing is missed between visits.
class LogPage : public Page {
    Q_OBJECT
public:
    explicit LogPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Protocol log"); }
    void refresh() override { }
    void activated() override;
    ServiceLogSource* source() const { return m_source; }
    LogViewerPage* viewer() const { return m_viewer; }

private:
    ServiceLogSource* m_source = nullptr;
    LogViewerPage* m_viewer = nullptr;
    QVBoxLayout* m_layout = nullptr;
};

} // namespace tegami
