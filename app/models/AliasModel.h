#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Aliases and their targets (alias.list).
class AliasModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit AliasModel(QObject* parent = nullptr);
};

} // namespace tegami
