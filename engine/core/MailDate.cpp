#include "core/MailDate.h"

#include <QLocale>

namespace tegami {

QByteArray rfc5322Date(const QDateTime& time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
}

} // namespace tegami
