#include "models/DomainModel.h"

#include "Format.h"

namespace tegami {

DomainModel::DomainModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("name")).toString(); });
    addColumn(tr("Domain"), [](const QJsonObject& o) { return o.value(QStringLiteral("name")).toString(); });
    addColumn(tr("Mailboxes"),
        [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("mailboxes")).toInt()); });
    addColumn(tr("Aliases"),
        [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("aliases")).toInt()); });
    addColumn(tr("DNS name"), [](const QJsonObject& o) { return o.value(QStringLiteral("ace")).toString(); });
    addColumn(tr("Added"),
        [](const QJsonObject& o) { return format::localTime(o.value(QStringLiteral("created")).toString()); });
}

} // namespace tegami
