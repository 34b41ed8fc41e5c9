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
        { QStringLiteral("pop"), pop.toJson() },
        { QStringLiteral("imap"), imap.toJson() },
    };
}

QString imapDeleteActionName(ImapDeleteAction a)
{
    switch (a) {
    case ImapDeleteAction::MoveToTrash:
        return QStringLiteral("trash");
    case ImapDeleteAction::Archive:
        return QStringLiteral("archive");
    case ImapDeleteAction::DeleteNow:
        return QStringLiteral("delete");
    }
    return {};
}

std::optional<ImapDeleteAction> imapDeleteActionFromName(const QString& name)
{
    for (ImapDeleteAction a :
        { ImapDeleteAction::MoveToTrash, ImapDeleteAction::Archive, ImapDeleteAction::DeleteNow }) {
        if (imapDeleteActionName(a) == name)
            return a;
    }
    return std::nullopt;
}

QJsonObject ImapPolicy::toJson() const
{
    return { { QStringLiteral("autoExpunge"), autoExpunge },
        { QStringLiteral("deleteAction"), imapDeleteActionName(deleteAction) } };
}

QString popScopeName(PopScope s)
{
    return s == PopScope::NewMail ? QStringLiteral("new") : QStringLiteral("all");
}

std::optional<PopScope> popScopeFromName(const QString& name)
{
    if (name == QLatin1String("all"))
        return PopScope::AllMail;
    if (name == QLatin1String("new"))
        return PopScope::NewMail;
    return std::nullopt;
}

QString popAfterRetrievalName(PopAfterRetrieval a)
{
    switch (a) {
    case PopAfterRetrieval::Keep:
        return QStringLiteral("keep");
    case PopAfterRetrieval::MarkRead:
        return QStringLiteral("read");
    case PopAfterRetrieval::Archive:
        return QStringLiteral("archive");
    case PopAfterRetrieval::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

std::optional<PopAfterRetrieval> popAfterRetrievalFromName(const QString& name)
{
    for (PopAfterRetrieval a : { PopAfterRetrieval::Keep, PopAfterRetrieval::MarkRead, PopAfterRetrieval::Archive,
             PopAfterRetrieval::Delete }) {
        if (popAfterRetrievalName(a) == name)
            return a;
    }
    return std::nullopt;
}

QJsonObject PopPolicy::toJson() const
{
    QJsonObject o { { QStringLiteral("scope"), popScopeName(scope) },
        { QStringLiteral("afterRetrieval"), popAfterRetrievalName(afterRetrieval) } };
    if (scope == PopScope::NewMail)
        o.insert(QStringLiteral("since"), timeJson(since));
    return o;
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
