#pragma once

#include "pages/Page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace tegami {

class BanModel;
class FormErrors;
class LoginFailureModel;

// Failed logins and current bans: lift a ban, or ban an address by hand.
class SecurityPage : public Page {
    Q_OBJECT
public:
    explicit SecurityPage(ServiceClient& client, QWidget* parent = nullptr);
    ~SecurityPage() override;

    QString title() const override { return tr("Security"); }
    void refresh() override;
    bool refreshesPeriodically() const override { return true; }

    BanModel* bans() const { return m_bans; }
    LoginFailureModel* failures() const { return m_failures; }

private:
    void unbanSelected();
    void ban();

    BanModel* m_bans = nullptr;
    LoginFailureModel* m_failures = nullptr;
    QTableView* m_banTable = nullptr;
    QPushButton* m_unban = nullptr;
    QLineEdit* m_address = nullptr;
    QSpinBox* m_hours = nullptr;
    FormErrors* m_errors = nullptr;
};

} // namespace tegami
