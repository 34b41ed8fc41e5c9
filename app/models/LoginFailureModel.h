#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Recent failed logins (security.bans "recentFailures").
class LoginFailureModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit LoginFailureModel(QObject* parent = nullptr);
};

} // namespace tegami
