#include "wizards/common/SetupState.h"

#include <QRegularExpression>

#include "Format.h"

namespace tegami {

QString ListenerChoice::binding() const
{
    return address.contains(QLatin1Char(':')) ? QStringLiteral("[%1]:%2").arg(address).arg(port)
                                              : QStringLiteral("%1:%2").arg(address).arg(port);
}

QJsonValue ServiceSnapshot::value(const QString& key) const
{
    for (const QJsonValue& v : fields) {
        const QJsonObject f = v.toObject();
        if (f.value(QStringLiteral("key")).toString() == key)
            return f.value(QStringLiteral("value"));
    }
    return {};
}

QString ServiceSnapshot::effectiveFqdn() const
{
    return status.value(QStringLiteral("fqdn")).toString();
}

QString ServiceSnapshot::listenerFqdn(const QString& protocol, const QString& serverFqdnOverride) const
{
    const QString own = value(protocol + QStringLiteral(".fqdn")).toString();
    if (!own.isEmpty())
        return own;
    if (!serverFqdnOverride.isEmpty())
        return serverFqdnOverride;
    return effectiveFqdn();
}

bool ServiceSnapshot::protocolEnabled(const QString& protocol) const
{
    return value(protocol + QStringLiteral(".enabled")).toBool();
}

QList<ListenerChoice> ServiceSnapshot::configuredListeners(const QString& protocol) const
{
    QList<ListenerChoice> out;
    const auto add = [&](const QString& key, const QString& security) {
        for (const QJsonValue& v : value(key).toArray()) {
            const QString text = v.toString();
            const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
            if (colon < 0)
                continue;
            ListenerChoice l;
            l.protocol = protocol;
            l.security = security;
            l.address = text.left(colon).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
            l.port = text.mid(colon + 1).toInt();
            out << l;
        }
    };
    add(protocol + QStringLiteral(".tlsBindings"), QStringLiteral("tls"));
    const QString login = value(protocol + QStringLiteral(".loginType")).toString();
    add(protocol + QStringLiteral(".bindings"),
        login == QLatin1String("plainTextLogin") ? QStringLiteral("none") : QStringLiteral("starttls"));
    return out;
}

bool ServiceSnapshot::isFresh() const
{
    const QJsonObject accounts = status.value(QStringLiteral("accounts")).toObject();
    return accounts.value(QStringLiteral("domains")).toInt() == 0
        && accounts.value(QStringLiteral("mailboxes")).toInt() == 0;
}

namespace wizard {

QStringList protocols()
{
    return { QStringLiteral("submission"), QStringLiteral("imap"), QStringLiteral("pop3"), QStringLiteral("smtp") };
}

QString protocolLabel(const QString& protocol)
{
    return format::protocolLabel(protocol);
}

int defaultPort(const QString& protocol, const QString& security)
{
    const bool tls = security == QLatin1String("tls");
    if (protocol == QLatin1String("pop3"))
        return tls ? 995 : 110;
    if (protocol == QLatin1String("imap"))
        return tls ? 993 : 143;
    if (protocol == QLatin1String("submission"))
        return tls ? 465 : 587;
    return 25;
}

QString securityLabel(const QString& security)
{
    if (security == QLatin1String("tls"))
        return QCoreApplication::translate("tegami::wizard", "Implicit TLS (SSL)");
    if (security == QLatin1String("starttls"))
        return QCoreApplication::translate("tegami::wizard", "STARTTLS");
    return QCoreApplication::translate("tegami::wizard", "None (passwords in clear text)");
}

QString loginTypeLabel(const QString& loginType)
{
    if (loginType == QLatin1String("secureLogin") || loginType == QLatin1String("requireTls"))
        return QCoreApplication::translate("tegami::wizard", "TLS before any login (recommended)");
    if (loginType == QLatin1String("plainTextAuthentication"))
        return QCoreApplication::translate("tegami::wizard", "Plain commands allowed, passwords only over TLS");
    if (loginType == QLatin1String("plainTextLogin") || loginType == QLatin1String("allowPlain"))
        return QCoreApplication::translate("tegami::wizard", "Passwords allowed without TLS (not recommended)");
    return QCoreApplication::translate("tegami::wizard", "No login (other mail servers deliver)");
}

QString hostNameProblem(const QString& name)
{
    static const QRegularExpression label(QStringLiteral("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$"));
    if (name.isEmpty())
        return QCoreApplication::translate("tegami::wizard", "Enter a name, for example mail.example.com.");
    if (name.size() > 253)
        return QCoreApplication::translate("tegami::wizard", "A host name is at most 253 characters.");
    const QStringList parts = name.split(QLatin1Char('.'));
    for (const QString& part : parts) {
        if (!label.match(part).hasMatch())
            return QCoreApplication::translate("tegami::wizard",
                "'%1' is not a valid name: use letters, digits and hyphens in labels separated by dots, for "
                "example mail.example.com.")
                .arg(name);
    }
    if (parts.size() < 2)
        return QCoreApplication::translate(
            "tegami::wizard", "'%1' is not fully qualified: add the domain, for example %1.example.com.")
            .arg(name);
    return {};
}

} // namespace wizard

} // namespace tegami
