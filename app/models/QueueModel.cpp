#include "models/QueueModel.h"

#include <QJsonArray>

#include "Format.h"

namespace tegami {

namespace {

int maxAttempts(const QJsonObject& o)
{
    int n = 0;
    for (const QJsonValue& r : o.value(QStringLiteral("recipients")).toArray())
        n = qMax(n, r.toObject().value(QStringLiteral("attempts")).toInt());
    return n;
}

// The error of the first recipient that has one: what the admin most needs to read.
QString lastError(const QJsonObject& o)
{
    for (const QJsonValue& r : o.value(QStringLiteral("recipients")).toArray()) {
        const QString e = r.toObject().value(QStringLiteral("lastError")).toString();
        if (!e.isEmpty())
            return e;
    }
    return QString();
}

QString nextAttempt(const QJsonObject& o)
{
    QString next;
    for (const QJsonValue& r : o.value(QStringLiteral("recipients")).toArray()) {
        const QString t = r.toObject().value(QStringLiteral("nextAttempt")).toString();
        if (!t.isEmpty() && (next.isEmpty() || t < next))
            next = t;
    }
    return format::localTime(next);
}

} // namespace

QueueModel::QueueModel(QObject* parent)
    : JsonTableModel(parent)
{
    setKey([](const QJsonObject& o) { return o.value(QStringLiteral("id")).toString(); });
    addColumn(tr("From"), [](const QJsonObject& o) {
        const QString s = o.value(QStringLiteral("sender")).toString();
        return s.isEmpty() ? tr("<> (bounce)") : s;
    });
    addColumn(tr("To"), [](const QJsonObject& o) {
        QStringList to;
        for (const QJsonValue& r : o.value(QStringLiteral("recipients")).toArray())
            to << r.toObject().value(QStringLiteral("address")).toString();
        return to.join(QStringLiteral(", "));
    });
    addColumn(
        tr("Size"), [](const QJsonObject& o) { return format::bytes(o.value(QStringLiteral("size")).toInteger()); });
    addColumn(tr("Queued"),
        [](const QJsonObject& o) { return format::localTime(o.value(QStringLiteral("queuedAt")).toString()); });
    addColumn(tr("Attempts"), [](const QJsonObject& o) { return QString::number(maxAttempts(o)); });
    addColumn(tr("Next attempt"), nextAttempt);
    addColumn(tr("Id"), [](const QJsonObject& o) { return o.value(QStringLiteral("id")).toString(); });
    addColumn(tr("Last error"), lastError);
}

QString QueueModel::recipientsText(const QJsonObject& message)
{
    QStringList lines;
    for (const QJsonValue& v : message.value(QStringLiteral("recipients")).toArray()) {
        const QJsonObject r = v.toObject();
        QString line
            = tr("%1: %2, %n attempt(s)", nullptr, r.value(QStringLiteral("attempts")).toInt())
                  .arg(r.value(QStringLiteral("address")).toString(), r.value(QStringLiteral("state")).toString());
        const QString host = r.value(QStringLiteral("remoteHost")).toString();
        if (!host.isEmpty())
            line += tr(", last tried %1").arg(host);
        const QString error = r.value(QStringLiteral("lastError")).toString();
        if (!error.isEmpty())
            line += QStringLiteral("\n    ") + error;
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace tegami
