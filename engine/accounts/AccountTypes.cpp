#include "accounts/AccountTypes.h"

#include <QJsonArray>

namespace tegami {

namespace {

QJsonValue timeJson(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

} // namespace

QJsonObject Domain::toJson() const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("name"), name },
        { QStringLiteral("ace"), ace },
        { QStringLiteral("created"), timeJson(created) },
    };
}

QJsonObject Mailbox::toJson() const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("address"), address },
        { QStringLiteral("displayName"), displayName },
        { QStringLiteral("quotaBytes"), quotaBytes },
        { QStringLiteral("enabled"), enabled },
        { QStringLiteral("protocols"), QJsonArray::fromStringList(protocols.names()) },
        { QStringLiteral("admin"), admin },
        { QStringLiteral("created"), timeJson(created) },
        { QStringLiteral("passwordChanged"), timeJson(passwordChanged) },
    };
}

QJsonObject Alias::toJson() const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("address"), address },
        { QStringLiteral("targets"), QJsonArray::fromStringList(targets) },
        { QStringLiteral("created"), timeJson(created) },
    };
}

QJsonObject ResolvedRecipients::toJson() const
{
    return {
        { QStringLiteral("local"), QJsonArray::fromStringList(local) },
        { QStringLiteral("remote"), QJsonArray::fromStringList(remote) },
        { QStringLiteral("notes"), QJsonArray::fromStringList(notes) },
    };
}

} // namespace tegami
