#include "models/SessionModel.h"

#include "Format.h"

namespace tegami {

SessionModel::SessionModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("sid")).toString(); });
    addColumn(tr("Protocol"), [](const QJsonObject& o) {
        return format::protocolShortLabel(o.value(QStringLiteral("protocol")).toString());
    });
    addColumn(tr("Client"), [](const QJsonObject& o) { return o.value(QStringLiteral("remote")).toString(); });
    addColumn(tr("User"), [](const QJsonObject& o) { return o.value(QStringLiteral("user")).toString(); });
    addColumn(
        tr("TLS"), [](const QJsonObject& o) { return o.value(QStringLiteral("tls")).toBool() ? tr("yes") : tr("no"); });
    addColumn(tr("Since"),
        [](const QJsonObject& o) { return format::localTime(o.value(QStringLiteral("since")).toString()); });
    addColumn(tr("Server address"), [](const QJsonObject& o) { return o.value(QStringLiteral("local")).toString(); });
    addColumn(tr("Session"), [](const QJsonObject& o) { return o.value(QStringLiteral("sid")).toString(); });
}

} // namespace tegami
