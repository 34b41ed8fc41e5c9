#pragma once

#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tegami {

// Reads named parameters of a control request. The first problem wins and becomes an
// InvalidArgument error naming the parameter, so a handler reads everything it needs
// and checks ok() once.
class Params {
public:
    explicit Params(QJsonObject params)
        : m_params(std::move(params))
    { }

    QString requiredString(const QString& name);
    std::optional<QString> optionalString(const QString& name);
    std::optional<bool> optionalBool(const QString& name);
    std::optional<qint64> optionalInt(const QString& name, qint64 minimum, qint64 maximum);
    std::optional<QStringList> optionalStringList(const QString& name);
    QStringList requiredStringList(const QString& name);
    QJsonValue requiredValue(const QString& name);

    bool ok() const { return !m_error.has_value(); }
    const Error& error() const { return *m_error; }

private:
    void fail(const QString& name, const QString& message);

    QJsonObject m_params;
    std::optional<Error> m_error;
};

} // namespace tegami
