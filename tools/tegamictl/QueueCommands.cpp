// tegamictl queue ...: outbound messages waiting for delivery, their attempts and errors.
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

QString localTime(const QJsonValue& iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QStringLiteral("-");
}

// One row per recipient still in the queue, under its message.
void printQueue(const QJsonArray& messages)
{
    if (messages.isEmpty()) {
        std::printf("The queue is empty.\n");
        return;
    }
    QList<QStringList> rows;
    for (const QJsonValue& v : messages) {
        const QJsonObject m = v.toObject();
        const QString sender = m.value(QStringLiteral("sender")).toString();
        bool first = true;
        for (const QJsonValue& r : m.value(QStringLiteral("recipients")).toArray()) {
            const QJsonObject rc = r.toObject();
            const QString state = rc.value(QStringLiteral("state")).toString();
            QString detail = rc.value(QStringLiteral("lastError")).toString();
            if (state == QLatin1String("pending") && !rc.value(QStringLiteral("nextAttempt")).toString().isEmpty())
                detail
                    = QStringLiteral("next try %1; %2").arg(localTime(rc.value(QStringLiteral("nextAttempt"))), detail);
            rows << QStringList { first ? m.value(QStringLiteral("id")).toString() : QString(),
                first ? (sender.isEmpty() ? QStringLiteral("<>") : sender) : QString(),
                rc.value(QStringLiteral("address")).toString(), state,
                QString::number(rc.value(QStringLiteral("attempts")).toInt()), detail.trimmed() };
            first = false;
        }
    }
    printTable({ QStringLiteral("ID"), QStringLiteral("FROM"), QStringLiteral("TO"), QStringLiteral("STATE"),
                   QStringLiteral("TRIES"), QStringLiteral("LAST ERROR") },
        rows);
}

int cmdQueueList(Context& ctx)
{
    if (ctx.cl.words.size() != 2)
        return usageError(QStringLiteral("usage: tegamictl queue list"));
    return call(ctx, QStringLiteral("queue.list"), {}, [](const QJsonValue& v) { printQueue(v.toArray()); });
}

int cmdQueueRetry(Context& ctx)
{
    const bool all = ctx.cl.has(QStringLiteral("--all"));
    if ((ctx.cl.words.size() == 3) == all || ctx.cl.words.size() > 3)
        return usageError(QStringLiteral("usage: tegamictl queue retry (ID | --all)"));
    QJsonObject params;
    if (!all)
        params.insert(QStringLiteral("id"), ctx.cl.word(2));
    return call(ctx, QStringLiteral("queue.retry"), params, [&](const QJsonValue& v) {
        if (all)
            std::printf("Retrying %lld messages now\n", v.toObject().value(QStringLiteral("messages")).toInteger());
        else
            std::printf("Retrying %s now\n", qPrintable(ctx.cl.word(2)));
    });
}

int cmdQueueDelete(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl queue delete ID"));
    return call(ctx, QStringLiteral("queue.delete"), { { QStringLiteral("id"), ctx.cl.word(2) } },
        [&](const QJsonValue&) { std::printf("Deleted %s (no bounce is sent)\n", qPrintable(ctx.cl.word(2))); });
}

} // namespace

QList<Command> queueCommands()
{
    return {
        { { QStringLiteral("queue"), QStringLiteral("list") }, QStringLiteral("queue list"),
            QStringLiteral("messages waiting for delivery, their attempts and errors"), cmdQueueList },
        { { QStringLiteral("queue"), QStringLiteral("retry") }, QStringLiteral("queue retry (ID | --all)"),
            QStringLiteral("try delivering now"), cmdQueueRetry },
        { { QStringLiteral("queue"), QStringLiteral("delete") }, QStringLiteral("queue delete ID"),
            QStringLiteral("remove a message from the queue without a bounce"), cmdQueueDelete },
    };
}

} // namespace tegami::cli
