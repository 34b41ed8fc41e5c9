#pragma once

#include "wizards/common/SummaryPage.h"

class QLabel;

namespace tegami {

// The end of the protocol wizards: what users type into their mail programs (server names,
// ports, encryption, user name), from the service's diag.clientSettings, or from the
// running listeners when the service is older. "clientSettings" holds the card.
class ClientSettingsPage : public DonePage {
    Q_OBJECT
public:
    explicit ClientSettingsPage(QWidget* parent = nullptr);
    void initializePage() override;

    QString settingsText() const;

private:
    QWidget* m_card = nullptr;
    QLabel* m_fallback = nullptr;
};

} // namespace tegami
