#include "service/JsonRpc.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tegami::rpc {

int codeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return InvalidParams;
    case ErrorCode::NotFound:
        return NotFound;
    case ErrorCode::AlreadyExists:
        return AlreadyExists;
    case ErrorCode::PermissionDenied:
        return PermissionDenied;
    case ErrorCode::QuotaExceeded:
        return QuotaExceeded;
    case ErrorCode::Busy:
        return Busy;
    case ErrorCode::Io:
        return IoError;
    case ErrorCode::Internal:
        return InternalError;
    }
    return InternalError;
}

ErrorCode errorCodeFor(int rpcCode)
{
    switch (rpcCode) {
    case InvalidParams:
        return ErrorCode::InvalidArgument;
    case NotFound:
        return ErrorCode::NotFound;
    case AlreadyExists:
        return ErrorCode::AlreadyExists;
    case PermissionDenied:
        return ErrorCode::PermissionDenied;
    case QuotaExceeded:
        return ErrorCode::QuotaExceeded;
    case Busy:
        return ErrorCode::Busy;
    case IoError:
        return ErrorCode::Io;
    default:
        return ErrorCode::Internal;
    }
}

namespace {

Item parseOne(const QJsonValue& value)
{
    Item item;
    if (!value.isObject()) {
        item.errorResponse = error(QJsonValue::Null, InvalidRequest, QStringLiteral("a request must be a JSON object"));
        return item;
    }
    const QJsonObject o = value.toObject();
    QJsonValue id = o.value(QStringLiteral("id"));
    // An id must be a string, a number or null; anything else cannot be echoed back.
    if (!(id.isUndefined() || id.isString() || id.isDouble() || id.isNull())) {
        item.errorResponse
            = error(QJsonValue::Null, InvalidRequest, QStringLiteral("\"id\" must be a string or a number"));
        return item;
    }
    const QJsonValue replyId = id.isUndefined() ? QJsonValue(QJsonValue::Null) : id;
    if (o.value(QStringLiteral("jsonrpc")).toString() != QLatin1String("2.0")) {
        item.errorResponse = error(replyId, InvalidRequest, QStringLiteral("\"jsonrpc\" must be \"2.0\""));
        return item;
    }
    const QJsonValue method = o.value(QStringLiteral("method"));
    if (!method.isString() || method.toString().isEmpty()) {
        item.errorResponse = error(replyId, InvalidRequest, QStringLiteral("\"method\" must be a non-empty string"));
        return item;
    }
    const QJsonValue params = o.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isObject()) {
        item.errorResponse
            = error(replyId, InvalidParams, QStringLiteral("\"params\" must be an object of named parameters"));
        return item;
    }
    item.request = Request { id, method.toString(), params.toObject() };
    return item;
}

} // namespace

Message parse(const QByteArray& line)
{
    Message m;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt parses only objects and arrays at the top; a bare value (1, "x", null) is
        // valid JSON but no request.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + line + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1) {
            m.fatal = error(QJsonValue::Null, InvalidRequest, QStringLiteral("a request must be a JSON object"));
            return m;
        }
        m.fatal = error(QJsonValue::Null, ParseError,
            QStringLiteral("not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
        return m;
    }
    if (doc.isArray()) {
        m.batch = true;
        const QJsonArray items = doc.array();
        if (items.isEmpty()) {
            m.fatal = error(QJsonValue::Null, InvalidRequest, QStringLiteral("an empty batch is not a request"));
            return m;
        }
        for (const QJsonValue& v : items)
            m.items << parseOne(v);
        return m;
    }
    if (!doc.isObject()) {
        // Valid JSON, but a bare value (1, "x", null) is no request.
        m.fatal = error(QJsonValue::Null, InvalidRequest, QStringLiteral("a request must be a JSON object"));
        return m;
    }
    m.items << parseOne(doc.object());
    return m;
}

QJsonObject result(const QJsonValue& id, const QJsonValue& value)
{
    return QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("result"), value } };
}

QJsonObject error(const QJsonValue& id, int code, const QString& message, const QJsonValue& data)
{
    QJsonObject e { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    if (!data.isUndefined() && !data.isNull())
        e.insert(QStringLiteral("data"), data);
    return QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
        { QStringLiteral("error"), e } };
}

QJsonObject error(const QJsonValue& id, const Error& e)
{
    QJsonObject data { { QStringLiteral("kind"), errorCodeName(e.code) } };
    if (!e.field.isEmpty())
        data.insert(QStringLiteral("field"), e.field);
    return error(id, codeFor(e.code), e.message, data);
}

QJsonObject notification(const QString& method, const QJsonObject& params)
{
    return QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("method"), method },
        { QStringLiteral("params"), params } };
}

QByteArray encode(const QJsonValue& message)
{
    const QJsonDocument doc = message.isArray() ? QJsonDocument(message.toArray()) : QJsonDocument(message.toObject());
    return doc.toJson(QJsonDocument::Compact) + '\n';
}

} // namespace tegami::rpc
