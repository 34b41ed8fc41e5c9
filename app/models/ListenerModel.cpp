#include "models/ListenerModel.h"

#include <QBrush>
#include <QColor>

#include "Format.h"

namespace tegami {

ListenerModel::ListenerModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("id")).toString(); });
    addColumn(tr("Protocol"), [](const QJsonObject& o) {
        return format::protocolShortLabel(o.value(QStringLiteral("protocol")).toString());
    });
    addColumn(tr("Address"), [](const QJsonObject& o) { return o.value(QStringLiteral("address")).toString(); });
    addColumn(
        tr("Port"), [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("port")).toInt()); });
    addColumn(tr("TLS"),
        [](const QJsonObject& o) { return format::tlsModeLabel(o.value(QStringLiteral("tls")).toString()); });
    addColumn(tr("Certificate"), [](const QJsonObject& o) {
        const QString name = o.value(QStringLiteral("certificate")).toString();
        if (name.isEmpty())
            return tr("none");
        const QString expires = o.value(QStringLiteral("certificateExpires")).toString();
        return expires.isEmpty() ? name : tr("%1 (until %2)").arg(name, format::localTime(expires).left(10));
    });
    addColumn(tr("Connections"),
        [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("activeConnections")).toInt()); });
    addCell(tr("State"), [](const QJsonObject& o, int role) -> QVariant {
        if (role == Qt::DisplayRole)
            return shortStateText(o);
        if (role == Qt::ToolTipRole)
            return stateText(o);
        if (role == Qt::ForegroundRole && isFailing(o))
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (role == Qt::ForegroundRole && o.contains(QStringLiteral("tlsProblem")))
            return QBrush(QColor(0x9a, 0x60, 0x00));
        return QVariant();
    });
}

bool ListenerModel::isFailing(const QJsonObject& listener)
{
    return listener.value(QStringLiteral("state")).toString() == QLatin1String("failed");
}

QString ListenerModel::shortStateText(const QJsonObject& o)
{
    const QString state = o.value(QStringLiteral("state")).toString();
    if (state == QLatin1String("failed"))
        return tr("Not listening");
    if (state == QLatin1String("stopped"))
        return tr("Stopped");
    if (state == QLatin1String("listening"))
        return o.contains(QStringLiteral("tlsProblem")) ? tr("Listening, without TLS") : tr("Listening");
    return state;
}

QString ListenerModel::stateText(const QJsonObject& o)
{
    const QString state = o.value(QStringLiteral("state")).toString();
    if (state == QLatin1String("failed"))
        return tr("Not listening: %1").arg(o.value(QStringLiteral("error")).toString());
    if (state == QLatin1String("stopped"))
        return tr("Stopped");
    if (state == QLatin1String("listening")) {
        const QString tlsProblem = o.value(QStringLiteral("tlsProblem")).toString();
        return tlsProblem.isEmpty() ? tr("Listening") : tr("Listening; no TLS: %1").arg(tlsProblem);
    }
    return state;
}

} // namespace tegami
