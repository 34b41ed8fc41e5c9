#include "models/LoginFailureModel.h"

#include "Format.h"

namespace tegami {

LoginFailureModel::LoginFailureModel(QObject* parent)
    : JsonTableModel(parent)
{
    addColumn(
        tr("Time"), [](const QJsonObject& o) { return format::localTime(o.value(QStringLiteral("time")).toString()); });
    addColumn(
        tr("Client address"), [](const QJsonObject& o) { return o.value(QStringLiteral("remoteAddress")).toString(); });
    addColumn(tr("Account"), [](const QJsonObject& o) { return o.value(QStringLiteral("account")).toString(); });
    addColumn(tr("Reason"), [](const QJsonObject& o) { return o.value(QStringLiteral("reason")).toString(); });
}

} // namespace tegami
