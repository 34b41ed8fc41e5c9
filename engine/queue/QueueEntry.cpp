#include "queue/QueueEntry.h"

#include <QJsonArray>

#include <optional>

namespace tegami {

namespace {

constexpr int stateVersion = 1;

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

Error damaged(const QString& field, const QString& what)
{
    return Error::invalid(field, QStringLiteral("damaged queue state: %1").arg(what));
}

// Reads an optional time: absent or empty is invalid (not set), anything unreadable is damage.
bool readTime(const QJsonObject& json, const QString& key, QDateTime* out)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined() || v.toString().isEmpty()) {
        *out = QDateTime();
        return v.isUndefined() || v.isString();
    }
    *out = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!out->isValid())
        return false;
    *out = out->toUTC();
    return true;
}

std::optional<RecipientState> stateFromName(const QString& s)
{
    for (RecipientState v : { RecipientState::Pending, RecipientState::Delivered, RecipientState::Failed }) {
        if (recipientStateName(v) == s)
            return v;
    }
    return std::nullopt;
}

std::optional<RecipientKind> kindFromName(const QString& s)
{
    for (RecipientKind v : { RecipientKind::Unresolved, RecipientKind::Local, RecipientKind::Remote }) {
        if (recipientKindName(v) == s)
            return v;
    }
    return std::nullopt;
}

} // namespace

QString recipientStateName(RecipientState s)
{
    switch (s) {
    case RecipientState::Pending:
        return QStringLiteral("pending");
    case RecipientState::Delivered:
        return QStringLiteral("delivered");
    case RecipientState::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

QString recipientKindName(RecipientKind k)
{
    switch (k) {
    case RecipientKind::Unresolved:
        return QStringLiteral("unresolved");
    case RecipientKind::Local:
        return QStringLiteral("local");
    case RecipientKind::Remote:
        return QStringLiteral("remote");
    }
    return QString();
}

bool QueueRecipient::wants(DsnNotifyBits bit) const
{
    if (notify & DsnNotifyNever)
        return false;
    if (notify == 0)
        return bit == DsnNotifyFailure || bit == DsnNotifyDelay;
    return (notify & bit) != 0;
}

QString QueueRecipient::domain() const
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).toLower();
}

QJsonObject QueueRecipient::toJson() const
{
    QJsonObject o {
        { QStringLiteral("address"), address },
        { QStringLiteral("original"), original },
        { QStringLiteral("kind"), recipientKindName(kind) },
        { QStringLiteral("state"), recipientStateName(state) },
        { QStringLiteral("attempts"), attempts },
        { QStringLiteral("nextAttempt"), timeText(nextAttempt) },
        { QStringLiteral("lastAttempt"), timeText(lastAttempt) },
        { QStringLiteral("finishedAt"), timeText(finishedAt) },
        { QStringLiteral("replyCode"), replyCode },
        { QStringLiteral("status"), status },
        { QStringLiteral("replyStatus"), replyStatus },
        { QStringLiteral("lastError"), lastError },
        { QStringLiteral("remoteHost"), remoteHost },
        { QStringLiteral("delayNoticeSent"), delayNoticeSent },
        { QStringLiteral("notified"), notified },
    };
    if (!orcpt.isEmpty())
        o.insert(QStringLiteral("orcpt"), orcpt);
    if (notify != 0)
        o.insert(QStringLiteral("notify"), notify);
    if (intentFolderId != 0) {
        o.insert(QStringLiteral("intentFolderId"), intentFolderId);
        o.insert(QStringLiteral("intentUidValidity"), qint64(intentUidValidity));
        o.insert(QStringLiteral("intentUidNext"), qint64(intentUidNext));
    }
    return o;
}

Result<QueueRecipient> QueueRecipient::fromJson(const QJsonObject& o)
{
    QueueRecipient r;
    r.address = o.value(QStringLiteral("address")).toString();
    if (r.address.isEmpty())
        return damaged(QStringLiteral("address"), QStringLiteral("a recipient has no address"));
    r.original = o.value(QStringLiteral("original")).toString(r.address);
    r.orcpt = o.value(QStringLiteral("orcpt")).toString();
    r.notify = o.value(QStringLiteral("notify")).toInt(0);
    const auto kind = kindFromName(o.value(QStringLiteral("kind")).toString());
    const auto state = stateFromName(o.value(QStringLiteral("state")).toString());
    if (!kind || !state)
        return damaged(
            QStringLiteral("state"), QStringLiteral("recipient %1 has no valid kind or state").arg(r.address));
    r.kind = *kind;
    r.state = *state;
    r.attempts = o.value(QStringLiteral("attempts")).toInt(0);
    if (!readTime(o, QStringLiteral("nextAttempt"), &r.nextAttempt)
        || !readTime(o, QStringLiteral("lastAttempt"), &r.lastAttempt)
        || !readTime(o, QStringLiteral("finishedAt"), &r.finishedAt))
        return damaged(QStringLiteral("time"), QStringLiteral("recipient %1 has an unreadable time").arg(r.address));
    r.replyCode = o.value(QStringLiteral("replyCode")).toInt(0);
    r.status = o.value(QStringLiteral("status")).toString();
    r.replyStatus = o.value(QStringLiteral("replyStatus")).toString();
    r.lastError = o.value(QStringLiteral("lastError")).toString();
    r.remoteHost = o.value(QStringLiteral("remoteHost")).toString();
    r.delayNoticeSent = o.value(QStringLiteral("delayNoticeSent")).toBool(false);
    r.notified = o.value(QStringLiteral("notified")).toBool(false);
    r.intentFolderId = o.value(QStringLiteral("intentFolderId")).toInteger(0);
    r.intentUidValidity = quint32(o.value(QStringLiteral("intentUidValidity")).toInteger(0));
    r.intentUidNext = quint32(o.value(QStringLiteral("intentUidNext")).toInteger(0));
    if (r.state == RecipientState::Pending && !r.nextAttempt.isValid())
        return damaged(
            QStringLiteral("nextAttempt"), QStringLiteral("pending recipient %1 has no due time").arg(r.address));
    return r;
}

bool QueueEntry::isDone() const
{
    for (const QueueRecipient& r : recipients) {
        if (!r.isFinal() || !r.notified)
            return false;
    }
    return true;
}

std::vector<QueueRecipient> QueueEntry::initialRecipients(const Envelope& envelope, const QDateTime& now)
{
    std::vector<QueueRecipient> out;
    for (const EnvelopeRecipient& e : envelope.recipients) {
        QueueRecipient r;
        r.address = e.address;
        r.original = e.address;
        r.orcpt = e.orcpt;
        r.notify = e.notify;
        r.nextAttempt = now;
        out.push_back(std::move(r));
    }
    return out;
}

QJsonObject QueueEntry::toJson() const
{
    QJsonArray list;
    for (const QueueRecipient& r : recipients)
        list.append(r.toJson());
    QJsonObject o {
        { QStringLiteral("version"), stateVersion },
        { QStringLiteral("id"), id },
        { QStringLiteral("envelope"), envelopeToJson(envelope) },
        { QStringLiteral("size"), size },
        { QStringLiteral("queuedAt"), timeText(queuedAt) },
        { QStringLiteral("origin"), origin },
        { QStringLiteral("recipients"), list },
    };
    if (!parentId.isEmpty())
        o.insert(QStringLiteral("parentId"), parentId);
    return o;
}

Result<QueueEntry> QueueEntry::fromJson(const QJsonObject& o)
{
    if (o.value(QStringLiteral("version")).toInt(0) != stateVersion)
        return damaged(QStringLiteral("version"),
            QStringLiteral("unknown state version %1").arg(o.value(QStringLiteral("version")).toInt(0)));
    QueueEntry e;
    e.id = o.value(QStringLiteral("id")).toString();
    if (e.id.isEmpty())
        return damaged(QStringLiteral("id"), QStringLiteral("the queue id is missing"));
    Result<Envelope> envelope = envelopeFromJson(o.value(QStringLiteral("envelope")).toObject());
    if (!envelope)
        return envelope.error();
    e.envelope = std::move(envelope).value();
    const QJsonValue size = o.value(QStringLiteral("size"));
    if (!size.isDouble() || size.toInteger(-1) < 0)
        return damaged(QStringLiteral("size"), QStringLiteral("the message size is missing"));
    e.size = size.toInteger();
    if (!readTime(o, QStringLiteral("queuedAt"), &e.queuedAt) || !e.queuedAt.isValid())
        return damaged(QStringLiteral("queuedAt"), QStringLiteral("the time queued is missing"));
    e.origin = o.value(QStringLiteral("origin")).toString(QStringLiteral("smtp"));
    e.parentId = o.value(QStringLiteral("parentId")).toString();
    const QJsonArray list = o.value(QStringLiteral("recipients")).toArray();
    if (list.isEmpty())
        return damaged(QStringLiteral("recipients"), QStringLiteral("there are no recipients"));
    for (const QJsonValue& v : list) {
        Result<QueueRecipient> r = QueueRecipient::fromJson(v.toObject());
        if (!r)
            return r.error();
        e.recipients.push_back(std::move(r).value());
    }
    return e;
}

} // namespace tegami
