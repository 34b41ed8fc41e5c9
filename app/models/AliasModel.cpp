#include "models/AliasModel.h"

#include "Format.h"

namespace tegami {

AliasModel::AliasModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("address")).toString(); });
    addColumn(tr("Alias"), [](const QJsonObject& o) { return o.value(QStringLiteral("address")).toString(); });
    addColumn(tr("Delivers to"), [](const QJsonObject& o) { return format::list(o.value(QStringLiteral("targets"))); });
}

} // namespace tegami
