#include "log/LogFilter.h"

namespace tegami {

namespace {

struct Endpoint {
    QString address;
    QString port;
};

// "a.b.c.d:p", "[v6]:p", "[v6]", bare "v6" or bare "a.b.c.d".
Endpoint splitEndpoint(const QString& text)
{
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {text.mid(1), {}};
        const QString rest = text.mid(close + 1);
        return {text.mid(1, close - 1), rest.startsWith(QLatin1Char(':')) ? rest.mid(1) : QString()};
    }
    if (text.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        return {text.left(colon), text.mid(colon + 1)};
    }
    return {text, {}};
}

// A v4 client on a dual-stack listener shows up as ::ffff:a.b.c.d; an admin filters by a.b.c.d.
QString normalizeAddress(QString address)
{
    address = address.toLower();
    const QLatin1String mapped("::ffff:");
    if (address.startsWith(mapped) && address.contains(QLatin1Char('.')))
        address = address.mid(mapped.size());
    return address;
}

} // namespace

bool LogFilter::isEmpty() const
{
    return proto.isEmpty() && sid.isEmpty() && remote.isEmpty() && user.isEmpty();
}

bool LogFilter::matches(const LogEvent& event) const
{
    if (!proto.isEmpty() && proto.compare(event.proto, Qt::CaseInsensitive) != 0)
        return false;
    if (!sid.isEmpty() && sid.compare(event.sid, Qt::CaseInsensitive) != 0)
        return false;
    if (!user.isEmpty() && user.compare(event.user, Qt::CaseInsensitive) != 0)
        return false;
    if (!remote.isEmpty()) {
        const Endpoint wanted = splitEndpoint(remote.trimmed());
        const Endpoint actual = splitEndpoint(event.remote);
        if (normalizeAddress(wanted.address) != normalizeAddress(actual.address))
            return false;
        if (!wanted.port.isEmpty() && wanted.port != actual.port)
            return false;
    }
    return true;
}

} // namespace tegami
