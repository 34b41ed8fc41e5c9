#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// Messages waiting for delivery (queue.list), one row per message.
class QueueModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit QueueModel(QObject* parent = nullptr);

    // Recipients still waiting, with their attempts and last error, as lines of text.
    static QString recipientsText(const QJsonObject& message);
};

} // namespace tegami
