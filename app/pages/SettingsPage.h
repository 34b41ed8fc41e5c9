#pragma once

#include "pages/Page.h"

class QComboBox;
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
    // Console language: System / English / 日本語 (saved at once, used at the next start).
    QComboBox* languageChoice() const { return m_language; }

private:
    QWidget* createConsoleBox(QWidget* parent);

    QComboBox* m_language = nullptr;
    QLabel* m_service = nullptr;
    SettingsForm* m_form = nullptr;
};

} // namespace tegami
