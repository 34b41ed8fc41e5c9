#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace tegami::rpc {

// JSON-RPC 2.0 error codes: the standard ones, then Tegami's for each ErrorCode.
inline constexpr int ParseError = -32700;
inline constexpr int InvalidRequest = -32600;
inline constexpr int MethodNotFound = -32601;
inline constexpr int InvalidParams = -32602;
inline constexpr int InternalError = -32603;
inline constexpr int NotFound = -32004;
inline constexpr int AlreadyExists = -32009;
inline constexpr int PermissionDenied = -32003;
inline constexpr int Busy = -32005;
inline constexpr int QuotaExceeded = -32011;
inline constexpr int IoError = -32010;

int codeFor(ErrorCode code);
ErrorCode errorCodeFor(int rpcCode);

struct Request {
    QJsonValue id; // absent (undefined) for a notification
    QString method;
    QJsonObject params;
    bool isNotification() const { return id.isUndefined(); }
};

// One element of a message: a request, or the error response it earned.
struct Item {
    std::optional<Request> request;
    QJsonObject errorResponse;
};

// A parsed message (one line on the control socket): a single request or a batch.
struct Message {
    bool batch = false;
    QList<Item> items;
    QJsonObject fatal; // set for a parse error or an empty batch: the only response
};

Message parse(const QByteArray& line);

QJsonObject result(const QJsonValue& id, const QJsonValue& value);
QJsonObject error(const QJsonValue& id, int code, const QString& message, const QJsonValue& data = QJsonValue());
QJsonObject error(const QJsonValue& id, const Error& e);
QJsonObject notification(const QString& method, const QJsonObject& params);

// Encodes one message as a line for the socket.
QByteArray encode(const QJsonValue& message);

} // namespace tegami::rpc
