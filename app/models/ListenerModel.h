#pragma once

#include "models/JsonTableModel.h"

namespace tegami {

// The service's listeners (listener.list), each with the certificate it uses: the
// dashboard adds "certificate" (a name) and "certificateExpires" (ISO time) to each row.
class ListenerModel : public JsonTableModel {
    Q_OBJECT
public:
    explicit ListenerModel(QObject* parent = nullptr);

    // "Listening", or why not, in words an admin can act on.
    static QString stateText(const QJsonObject& listener);
    // "Listening", "Not listening": the table's cell (the tooltip has the reason).
    static QString shortStateText(const QJsonObject& listener);
    static bool isFailing(const QJsonObject& listener);
};

} // namespace tegami
