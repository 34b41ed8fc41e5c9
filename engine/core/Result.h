#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace tegami {

// What kind of failure an operation had. The control API maps each to a JSON-RPC error
// code, so callers (console, tegamictl) can react without parsing messages.
enum class ErrorCode {
    InvalidArgument, // bad input: the message says which field and what is expected
    NotFound,
    AlreadyExists,
    PermissionDenied,
    QuotaExceeded,
    Busy, // temporarily unavailable: locked, banned, try again later
    Io, // disk or database failure
    Internal,
};

QString errorCodeName(ErrorCode code);

// An error an admin can act on: `message` says what is wrong and, where there is one,
// the fix; `field` names the input at fault (a settings key, a parameter name).
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString field;

    static Error invalid(QString field, QString message)
    {
        return { ErrorCode::InvalidArgument, std::move(message), std::move(field) };
    }
    static Error notFound(QString message) { return { ErrorCode::NotFound, std::move(message), {} }; }
    static Error exists(QString message) { return { ErrorCode::AlreadyExists, std::move(message), {} }; }
    static Error io(QString message) { return { ErrorCode::Io, std::move(message), {} }; }
    static Error internal(QString message) { return { ErrorCode::Internal, std::move(message), {} }; }

    // "field: message" when there is a field, else the message.
    QString toString() const;
};

// A value or an Error (std::expected is C++23; GCC 12 does not have it).
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_v(std::move(value))
    { }
    Result(Error error)
        : m_v(std::move(error))
    { }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace tegami
