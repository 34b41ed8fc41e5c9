#include "models/CertificateModel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QJsonArray>

#include "Format.h"

namespace tegami {

CertificateModel::CertificateModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("id")).toString(); });
    addColumn(tr("Name"), displayName);
    addColumn(tr("Covers"), [](const QJsonObject& o) { return format::list(o.value(QStringLiteral("sans"))); });
    addColumn(tr("Issuer"), [](const QJsonObject& o) {
        return o.value(QStringLiteral("selfSigned")).toBool() ? tr("self-signed")
                                                              : o.value(QStringLiteral("issuer")).toString();
    });
    addCell(tr("Valid until"), [](const QJsonObject& o, int role) -> QVariant {
        const QDateTime until = format::parseTime(o.value(QStringLiteral("notAfter")).toString());
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return format::localTime(o.value(QStringLiteral("notAfter")).toString());
        if (role == Qt::ForegroundRole && until.isValid() && until < QDateTime::currentDateTimeUtc().addDays(30))
            return QBrush(QColor(0xb0, 0x20, 0x20));
        return QVariant();
    });
    addColumn(tr("Used by"), [](const QJsonObject& o) {
        const QString used = format::list(o.value(QStringLiteral("usedBy")));
        return used.isEmpty() ? tr("not used") : used;
    });
    addColumn(tr("Trust"), [](const QJsonObject& o) {
        return o.value(QStringLiteral("trusted")).toBool() ? tr("trusted")
                                                           : o.value(QStringLiteral("trustProblem")).toString();
    });
    addColumn(tr("Id"), [](const QJsonObject& o) { return o.value(QStringLiteral("id")).toString(); });
}

QString CertificateModel::displayName(const QJsonObject& o)
{
    const QString subject = o.value(QStringLiteral("subject")).toString();
    for (const QString& part : subject.split(QLatin1Char(','))) {
        const QString p = part.trimmed();
        if (p.startsWith(QLatin1String("CN=")))
            return p.mid(3);
    }
    const QJsonArray sans = o.value(QStringLiteral("sans")).toArray();
    return sans.isEmpty() ? subject : sans.first().toString();
}

} // namespace tegami
