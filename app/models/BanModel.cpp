#include "models/BanModel.h"

#include "Format.h"

namespace tegami {

BanModel::BanModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("key")).toString(); });
    addColumn(tr("Banned"), [](const QJsonObject& o) { return o.value(QStringLiteral("key")).toString(); });
    addColumn(tr("Kind"), [](const QJsonObject& o) {
        return o.value(QStringLiteral("kind")).toString() == QLatin1String("account") ? tr("Account") : tr("Address");
    });
    addColumn(tr("Until"),
        [](const QJsonObject& o) { return format::localTime(o.value(QStringLiteral("until")).toString()); });
    addColumn(tr("Failed logins"),
        [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("failures")).toInt()); });
    addColumn(tr("Reason"), [](const QJsonObject& o) { return o.value(QStringLiteral("reason")).toString(); });
}

} // namespace tegami
