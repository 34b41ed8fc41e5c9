#include "core/Binding.h"

namespace tegami {

Result<Binding> Binding::parse(const QString& text)
{
    const QString t = text.trimmed();
    QString host;
    QString portText;
    if (t.startsWith(QLatin1Char('['))) {
        const qsizetype close = t.indexOf(QLatin1Char(']'));
        if (close < 0 || close + 1 >= t.size() || t.at(close + 1) != QLatin1Char(':'))
            return Error::invalid(
                {}, QStringLiteral("'%1' is not address:port; write IPv6 addresses as [::1]:993").arg(text));
        host = t.mid(1, close - 1);
        portText = t.mid(close + 2);
    } else {
        const qsizetype colon = t.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || t.count(QLatin1Char(':')) != 1)
            return Error::invalid({},
                QStringLiteral("'%1' is not address:port (for example 0.0.0.0:110, or [::]:110 for IPv6)").arg(text));
        host = t.left(colon);
        portText = t.mid(colon + 1);
    }
    QHostAddress addr;
    if (!addr.setAddress(host))
        return Error::invalid({},
            QStringLiteral("'%1' is not an IP address; bindings take a local IP address such as 0.0.0.0 (all IPv4), :: "
                           "(all IPv6) or 192.0.2.10")
                .arg(host));
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return Error::invalid({}, QStringLiteral("'%1' is not a port number between 1 and 65535").arg(portText));
    Binding b;
    b.address = addr.toString();
    b.port = static_cast<quint16>(port);
    return b;
}

QString Binding::toString() const
{
    if (address.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(address).arg(port);
    return QStringLiteral("%1:%2").arg(address).arg(port);
}

bool Binding::isWildcard() const
{
    const QHostAddress a = hostAddress();
    return a == QHostAddress(QHostAddress::AnyIPv4) || a == QHostAddress(QHostAddress::AnyIPv6);
}

bool Binding::conflictsWith(const Binding& other) const
{
    if (port != other.port)
        return false;
    const QHostAddress a = hostAddress();
    const QHostAddress b = other.hostAddress();
    if (a == b)
        return true;
    const bool sameFamily = a.protocol() == b.protocol();
    return sameFamily && (isWildcard() || other.isWildcard());
}

} // namespace tegami
