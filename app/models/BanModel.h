#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Current bans of addresses and accounts (security.bans "bans").
class BanModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit BanModel(QObject* parent = nullptr);
};

} // namespace tegami
