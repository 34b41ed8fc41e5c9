#include "core/Result.h"

namespace tegami {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return QStringLiteral("invalid-argument");
    case ErrorCode::NotFound:
        return QStringLiteral("not-found");
    case ErrorCode::AlreadyExists:
        return QStringLiteral("already-exists");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission-denied");
    case ErrorCode::QuotaExceeded:
        return QStringLiteral("quota-exceeded");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::toString() const
{
    return field.isEmpty() ? message : field + QStringLiteral(": ") + message;
}

} // namespace tegami
