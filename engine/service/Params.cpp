#include "service/Params.h"

namespace tegami {

void Params::fail(const QString& name, const QString& message)
{
    if (!m_error)
        m_error = Error::invalid(name, message);
}

QString Params::requiredString(const QString& name)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined()) {
        fail(name, QStringLiteral("is required"));
        return {};
    }
    if (!v.isString()) {
        fail(name, QStringLiteral("must be a string"));
        return {};
    }
    return v.toString();
}

std::optional<QString> Params::optionalString(const QString& name)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        fail(name, QStringLiteral("must be a string"));
        return std::nullopt;
    }
    return v.toString();
}

std::optional<bool> Params::optionalBool(const QString& name)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        fail(name, QStringLiteral("must be true or false"));
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<qint64> Params::optionalInt(const QString& name, qint64 minimum, qint64 maximum)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger()) || v.toInteger() < minimum
        || v.toInteger() > maximum) {
        fail(name, QStringLiteral("must be a whole number between %1 and %2").arg(minimum).arg(maximum));
        return std::nullopt;
    }
    return v.toInteger();
}

std::optional<QStringList> Params::optionalStringList(const QString& name)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isArray()) {
        fail(name, QStringLiteral("must be a list of strings"));
        return std::nullopt;
    }
    QStringList out;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString()) {
            fail(name, QStringLiteral("must be a list of strings"));
            return std::nullopt;
        }
        out << item.toString();
    }
    return out;
}

QStringList Params::requiredStringList(const QString& name)
{
    if (!m_params.contains(name)) {
        fail(name, QStringLiteral("is required"));
        return {};
    }
    return optionalStringList(name).value_or(QStringList());
}

QJsonValue Params::requiredValue(const QString& name)
{
    const QJsonValue v = m_params.value(name);
    if (v.isUndefined())
        fail(name, QStringLiteral("is required"));
    return v;
}

} // namespace tegami
