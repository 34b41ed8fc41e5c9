#include "models/UserModel.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QJsonArray>

#include "Format.h"

namespace tegami {

namespace {

QString usageText(const QJsonObject& o)
{
    const qint64 used = o.value(QStringLiteral("usageBytes")).toInteger();
    const qint64 quota = o.value(QStringLiteral("quotaBytes")).toInteger();
    if (quota <= 0)
        return format::bytes(used);
    return JsonTableModel::tr("%1 of %2 (%3%)")
        .arg(format::bytes(used), format::bytes(quota))
        .arg(static_cast<int>(100.0 * static_cast<double>(used) / static_cast<double>(quota)));
}

} // namespace

UserModel::UserModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("address")).toString(); });
    addCell(tr("Address"), [](const QJsonObject& o, int role) -> QVariant {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return o.value(QStringLiteral("address")).toString();
        if (role == Qt::ForegroundRole && !o.value(QStringLiteral("enabled")).toBool())
            return QBrush(QColor(0x80, 0x80, 0x80));
        return QVariant();
    });
    addColumn(tr("Name"), [](const QJsonObject& o) { return o.value(QStringLiteral("displayName")).toString(); });
    addColumn(tr("State"), [](const QJsonObject& o) {
        QString s = o.value(QStringLiteral("enabled")).toBool() ? tr("Enabled") : tr("Disabled");
        if (o.value(QStringLiteral("admin")).toBool())
            s += tr(", admin");
        return s;
    });
    addColumn(tr("Protocols"), [](const QJsonObject& o) {
        QStringList names;
        for (const QJsonValue& p : o.value(QStringLiteral("protocols")).toArray())
            names << format::protocolShortLabel(p.toString());
        return names.isEmpty() ? tr("none") : names.join(QStringLiteral(", "));
    });
    addColumn(tr("Usage"), usageText);
    addColumn(tr("Messages"),
        [](const QJsonObject& o) { return QString::number(o.value(QStringLiteral("messages")).toInteger()); });
    addColumn(tr("POP3 policy"), [](const QJsonObject& o) {
        const QJsonObject pop = o.value(QStringLiteral("pop")).toObject();
        const QString scope = pop.value(QStringLiteral("scope")).toString();
        const QString after = pop.value(QStringLiteral("afterRetrieval")).toString();
        static const QHash<QString, const char*> words {
            { QStringLiteral("all"), QT_TR_NOOP("all") },
            { QStringLiteral("new"), QT_TR_NOOP("new") },
            { QStringLiteral("keep"), QT_TR_NOOP("keep") },
            { QStringLiteral("read"), QT_TR_NOOP("mark read") },
            { QStringLiteral("archive"), QT_TR_NOOP("archive") },
            { QStringLiteral("delete"), QT_TR_NOOP("delete") },
        };
        auto word = [](const QString& value) { return words.contains(value) ? tr(words.value(value)) : value; };
        return tr("%1 mail, then %2").arg(word(scope), word(after));
    });
}

} // namespace tegami
