#include "accounts/ProtocolSet.h"

namespace tegami {

ProtocolSet::ProtocolSet(std::initializer_list<Protocol> protocols)
{
    for (Protocol p : protocols)
        insert(p);
}

ProtocolSet ProtocolSet::all()
{
    ProtocolSet set;
    for (Protocol p : allProtocols)
        set.insert(p);
    return set;
}

QStringList ProtocolSet::names() const
{
    QStringList out;
    for (Protocol p : allProtocols) {
        if (contains(p))
            out << protocolName(p);
    }
    return out;
}

Result<ProtocolSet> ProtocolSet::fromNames(const QStringList& names, const QString& field)
{
    ProtocolSet set;
    for (const QString& raw : names) {
        const QString name = raw.trimmed();
        if (name.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
            set = all();
            continue;
        }
        const std::optional<Protocol> p = protocolFromName(name);
        if (!p) {
            return Error::invalid(field,
                QStringLiteral("unknown protocol '%1': use one or more of %2, or 'all'")
                    .arg(name, protocolNames().join(QStringLiteral(", "))));
        }
        set.insert(*p);
    }
    return set;
}

Result<ProtocolSet> ProtocolSet::fromString(const QString& text, const QString& field)
{
    if (text.trimmed().isEmpty())
        return ProtocolSet();
    return fromNames(text.split(QLatin1Char(',')), field);
}

} // namespace tegami
