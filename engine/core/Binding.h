#pragma once

#include "core/Result.h"

#include <QHostAddress>
#include <QString>

namespace tegami {

// A local address and port a listener binds to, written "0.0.0.0:25" or "[::]:993"
// as in Exchange's Set-PopSettings -UnencryptedOrTLSBindings.
struct Binding {
    QString address; // as written, without brackets: "0.0.0.0", "::", "192.0.2.10"
    quint16 port = 0;

    static Result<Binding> parse(const QString& text);
    QString toString() const;
    QHostAddress hostAddress() const { return QHostAddress(address); }
    bool isWildcard() const;

    // True when both cannot be bound at the same time: same port and the same address,
    // or one of them is the wildcard of the same family.
    bool conflictsWith(const Binding& other) const;

    bool operator==(const Binding&) const = default;
};

} // namespace tegami
