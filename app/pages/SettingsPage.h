#pragma once

#include "pages/Page.h"

class QLabel;

namespace tegami {

class SettingsForm;

// The service-wide settings (server name, TLS, outbound delivery, login security, protocol
// log files), generated from the schema, and facts about the running service.
class SettingsPage : public Page {
    Q_OBJECT
public:
    explicit SettingsPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Settings"); }
    void refresh() override;
    SettingsForm* form() const { return m_form; }

private:
    QLabel* m_service = nullptr;
    SettingsForm* m_form = nullptr;
};

} // namespace tegami
