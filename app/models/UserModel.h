#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Mailboxes with their usage (user.list).
class UserModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit UserModel(QObject* parent = nullptr);
};

} // namespace tegami
