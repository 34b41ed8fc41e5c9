#include "core/Protocol.h"

namespace tegami {

QString protocolName(Protocol p)
{
    switch (p) {
    case Protocol::Smtp:
        return QStringLiteral("smtp");
    case Protocol::Submission:
        return QStringLiteral("submission");
    case Protocol::Pop3:
        return QStringLiteral("pop3");
    case Protocol::Imap:
        return QStringLiteral("imap");
    }
    return {};
}

std::optional<Protocol> protocolFromName(const QString& name)
{
    for (Protocol p : allProtocols) {
        if (protocolName(p).compare(name, Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QStringList protocolNames()
{
    QStringList names;
    for (Protocol p : allProtocols)
        names << protocolName(p);
    return names;
}

QString tlsModeName(TlsMode m)
{
    switch (m) {
    case TlsMode::None:
        return QStringLiteral("none");
    case TlsMode::StartTls:
        return QStringLiteral("starttls");
    case TlsMode::Implicit:
        return QStringLiteral("implicit");
    }
    return {};
}

} // namespace tegami
