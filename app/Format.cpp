#include "Format.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QStringList>

namespace tegami::format {

QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeTraditionalFormat);
}

QDateTime parseTime(const QString& iso)
{
    return QDateTime::fromString(iso, Qt::ISODateWithMs);
}

QString localTime(const QString& iso)
{
    const QDateTime t = parseTime(iso);
    if (!t.isValid())
        return QString();
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString duration(qint64 secs)
{
    if (secs < 60)
        return QCoreApplication::translate("tegami::format", "%1 s").arg(secs);
    if (secs < 3600)
        return QCoreApplication::translate("tegami::format", "%1 min").arg(secs / 60);
    if (secs < 86400)
        return QCoreApplication::translate("tegami::format", "%1 h %2 min").arg(secs / 3600).arg((secs % 3600) / 60);
    return QCoreApplication::translate("tegami::format", "%1 d %2 h").arg(secs / 86400).arg((secs % 86400) / 3600);
}

QString list(const QJsonValue& array)
{
    QStringList out;
    for (const QJsonValue& v : array.toArray())
        out << v.toString();
    return out.join(QStringLiteral(", "));
}

QString protocolLabel(const QString& name)
{
    if (name == QLatin1String("smtp"))
        return QCoreApplication::translate("tegami::format", "SMTP (incoming mail)");
    if (name == QLatin1String("submission"))
        return QCoreApplication::translate("tegami::format", "SMTP submission");
    if (name == QLatin1String("pop3"))
        return QCoreApplication::translate("tegami::format", "POP3");
    if (name == QLatin1String("imap"))
        return QCoreApplication::translate("tegami::format", "IMAP4");
    return name;
}

QString protocolShortLabel(const QString& name)
{
    if (name == QLatin1String("smtp"))
        return QCoreApplication::translate("tegami::format", "SMTP");
    if (name == QLatin1String("submission"))
        return QCoreApplication::translate("tegami::format", "Submission");
    return protocolLabel(name);
}

QString tlsModeLabel(const QString& mode)
{
    if (mode == QLatin1String("none"))
        return QCoreApplication::translate("tegami::format", "None");
    if (mode == QLatin1String("starttls"))
        return QCoreApplication::translate("tegami::format", "STARTTLS");
    if (mode == QLatin1String("implicit"))
        return QCoreApplication::translate("tegami::format", "Implicit TLS");
    return mode;
}

} // namespace tegami::format
