#include "queue/Envelope.h"

#include <QJsonArray>

namespace tegami {

namespace {

QString retName(DsnRet ret)
{
    switch (ret) {
    case DsnRet::Full:
        return QStringLiteral("full");
    case DsnRet::Headers:
        return QStringLiteral("hdrs");
    case DsnRet::Default:
        break;
    }
    return QString();
}

std::optional<DsnRet> retFromName(const QString& name)
{
    if (name.isEmpty())
        return DsnRet::Default;
    if (name == QLatin1String("full"))
        return DsnRet::Full;
    if (name == QLatin1String("hdrs"))
        return DsnRet::Headers;
    return std::nullopt;
}

constexpr int allNotifyBits = DsnNotifyNever | DsnNotifySuccess | DsnNotifyFailure | DsnNotifyDelay;

Error bad(const QString& field, const QString& what)
{
    return Error::invalid(field, QStringLiteral("damaged envelope: %1").arg(what));
}

// Optional string members: absent means empty, anything but a string is damage.
bool readString(const QJsonObject& json, const QString& key, QString* out)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined()) {
        out->clear();
        return true;
    }
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

} // namespace

QJsonObject envelopeToJson(const Envelope& envelope)
{
    QJsonArray recipients;
    for (const EnvelopeRecipient& r : envelope.recipients) {
        QJsonObject o { { QStringLiteral("address"), r.address } };
        if (!r.orcpt.isEmpty())
            o.insert(QStringLiteral("orcpt"), r.orcpt);
        if (r.notify != 0)
            o.insert(QStringLiteral("notify"), r.notify);
        recipients.append(o);
    }
    QJsonObject json {
        { QStringLiteral("sender"), envelope.sender },
        { QStringLiteral("recipients"), recipients },
        { QStringLiteral("smtpUtf8"), envelope.smtpUtf8 },
        { QStringLiteral("eightBitMime"), envelope.eightBitMime },
        { QStringLiteral("receivedVia"), protocolName(envelope.receivedVia) },
        { QStringLiteral("authenticatedUser"), envelope.authenticatedUser },
        { QStringLiteral("remoteAddress"), envelope.remoteAddress },
        { QStringLiteral("heloName"), envelope.heloName },
        { QStringLiteral("sessionId"), envelope.sessionId },
    };
    if (!envelope.envId.isEmpty())
        json.insert(QStringLiteral("envId"), envelope.envId);
    if (envelope.ret != DsnRet::Default)
        json.insert(QStringLiteral("ret"), retName(envelope.ret));
    if (envelope.receivedAt.isValid())
        json.insert(QStringLiteral("receivedAt"), envelope.receivedAt.toUTC().toString(Qt::ISODateWithMs));
    return json;
}

Result<Envelope> envelopeFromJson(const QJsonObject& json)
{
    Envelope e;
    const QJsonValue sender = json.value(QStringLiteral("sender"));
    if (!sender.isString())
        return bad(QStringLiteral("sender"), QStringLiteral("the sender is missing"));
    e.sender = sender.toString();

    const QJsonValue recipients = json.value(QStringLiteral("recipients"));
    if (!recipients.isArray() || recipients.toArray().isEmpty())
        return bad(QStringLiteral("recipients"), QStringLiteral("there are no recipients"));
    for (const QJsonValue& v : recipients.toArray()) {
        const QJsonObject o = v.toObject();
        EnvelopeRecipient r;
        const QJsonValue address = o.value(QStringLiteral("address"));
        if (!address.isString() || address.toString().isEmpty())
            return bad(QStringLiteral("recipients"), QStringLiteral("a recipient has no address"));
        r.address = address.toString();
        if (!readString(o, QStringLiteral("orcpt"), &r.orcpt))
            return bad(QStringLiteral("orcpt"), QStringLiteral("ORCPT of %1 is not text").arg(r.address));
        const QJsonValue notify = o.value(QStringLiteral("notify"));
        if (!notify.isUndefined()) {
            const qint64 bits = notify.toInteger(-1);
            if (!notify.isDouble() || bits < 0 || (bits & ~qint64(allNotifyBits)) != 0)
                return bad(QStringLiteral("notify"), QStringLiteral("NOTIFY of %1 is not valid").arg(r.address));
            r.notify = int(bits);
        }
        e.recipients.push_back(std::move(r));
    }

    if (!readString(json, QStringLiteral("envId"), &e.envId))
        return bad(QStringLiteral("envId"), QStringLiteral("ENVID is not text"));
    QString ret;
    if (!readString(json, QStringLiteral("ret"), &ret) || !retFromName(ret))
        return bad(QStringLiteral("ret"), QStringLiteral("RET must be \"full\" or \"hdrs\""));
    e.ret = *retFromName(ret);

    for (const auto& [key, flag] : { std::pair { QStringLiteral("smtpUtf8"), &e.smtpUtf8 },
             std::pair { QStringLiteral("eightBitMime"), &e.eightBitMime } }) {
        const QJsonValue v = json.value(key);
        if (!v.isUndefined() && !v.isBool())
            return bad(key, QStringLiteral("%1 must be true or false").arg(key));
        *flag = v.toBool(false);
    }

    QString via;
    if (!readString(json, QStringLiteral("receivedVia"), &via))
        return bad(QStringLiteral("receivedVia"), QStringLiteral("the protocol is not text"));
    if (!via.isEmpty()) {
        const std::optional<Protocol> p = protocolFromName(via);
        if (!p)
            return bad(QStringLiteral("receivedVia"), QStringLiteral("unknown protocol \"%1\"").arg(via));
        e.receivedVia = *p;
    }
    for (const auto& [key, field] : { std::pair { QStringLiteral("authenticatedUser"), &e.authenticatedUser },
             std::pair { QStringLiteral("remoteAddress"), &e.remoteAddress },
             std::pair { QStringLiteral("heloName"), &e.heloName },
             std::pair { QStringLiteral("sessionId"), &e.sessionId } }) {
        if (!readString(json, key, field))
            return bad(key, QStringLiteral("%1 is not text").arg(key));
    }
    QString received;
    if (!readString(json, QStringLiteral("receivedAt"), &received))
        return bad(QStringLiteral("receivedAt"), QStringLiteral("the time received is not text"));
    if (!received.isEmpty()) {
        e.receivedAt = QDateTime::fromString(received, Qt::ISODateWithMs);
        if (!e.receivedAt.isValid())
            return bad(QStringLiteral("receivedAt"), QStringLiteral("\"%1\" is not an ISO 8601 time").arg(received));
        e.receivedAt = e.receivedAt.toUTC();
    }
    return e;
}

} // namespace tegami
