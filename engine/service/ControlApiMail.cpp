// Control API: moving mail in and out of the store (Maildir and mbox).
#include "accounts/AccountStore.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "store/MailStore.h"
#include "store/MailTransfer.h"

#include <QDir>
#include <QJsonArray>

namespace tegami {

namespace {

struct TransferRequest {
    QString owner;
    QString format;
    QString path;
    QString folder;
};

// The service runs elsewhere than the shell that asked: paths must be absolute.
Result<TransferRequest> readTransfer(Engine& engine, const QJsonObject& params)
{
    Params p(params);
    TransferRequest t;
    const QString address = p.requiredString(QStringLiteral("address"));
    t.format = p.requiredString(QStringLiteral("format"));
    t.path = p.requiredString(QStringLiteral("path"));
    t.folder = p.optionalString(QStringLiteral("folder")).value_or(QStringLiteral("INBOX"));
    if (!p.ok())
        return p.error();
    if (t.format != QLatin1String("maildir") && t.format != QLatin1String("mbox"))
        return Error::invalid(QStringLiteral("format"), QStringLiteral("must be maildir or mbox"));
    if (QDir::isRelativePath(t.path))
        return Error::invalid(QStringLiteral("path"),
            QStringLiteral("must be an absolute path (the service does not share your working directory)"));
    Result<Mailbox> mailbox = engine.accounts().findMailbox(address);
    if (!mailbox)
        return mailbox.error();
    t.owner = mailbox->address;
    return t;
}

QJsonValue reportJson(const TransferReport& r)
{
    return QJsonObject { { QStringLiteral("messages"), r.messages },
        { QStringLiteral("errors"), QJsonArray::fromStringList(r.errors) } };
}

} // namespace

void registerMailMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("mail.import"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Result<TransferRequest> t = readTransfer(engine, params);
            if (!t)
                return t.error();
            if (Result<void> owner = engine.store().ensureOwner(t->owner); !owner)
                return owner.error();
            const Result<TransferReport> r = t->format == QLatin1String("maildir")
                ? importMaildir(engine.store(), t->path, t->owner, t->folder)
                : importMbox(engine.store(), t->path, t->owner, t->folder);
            if (!r)
                return r.error();
            return reportJson(*r);
        },
        QStringLiteral("Import a Maildir or mbox into a mailbox's folder: {address, format, path, folder?}"));

    server.registerMethod(
        QStringLiteral("mail.export"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Result<TransferRequest> t = readTransfer(engine, params);
            if (!t)
                return t.error();
            const Result<TransferReport> r = t->format == QLatin1String("maildir")
                ? exportMaildir(engine.store(), t->owner, t->folder, t->path)
                : exportMbox(engine.store(), t->owner, t->folder, t->path);
            if (!r)
                return r.error();
            return reportJson(*r);
        },
        QStringLiteral("Export a mailbox's folder as Maildir or mbox: {address, format, path, folder?}"));
}

} // namespace tegami
