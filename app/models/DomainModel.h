#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Local domains with their mailbox and alias counts (domain.list).
class DomainModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit DomainModel(QObject* parent = nullptr);
};

} // namespace tegami
