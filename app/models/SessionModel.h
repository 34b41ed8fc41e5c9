#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Current client sessions (session.list).
class SessionModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit SessionModel(QObject* parent = nullptr);
};

} // namespace tegami
