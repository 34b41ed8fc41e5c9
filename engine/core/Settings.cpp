#include "core/Settings.h"

#include "core/SettingsSchema.h"

#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

namespace tegami {

namespace {
// A JSON value as it is written in the file: 512, true, "secureLogin", ["0.0.0.0:110"].
QString jsonText(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}
} // namespace

QString ListenerSpec::id() const
{
    return protocolName(protocol) + QLatin1Char('/') + binding.toString();
}

Settings Settings::defaults()
{
    Settings s;
    for (const FieldSpec& f : SettingsSchema::instance().fields())
        s.m_values.insert(f.key, f.defaultValue);
    return s;
}

Result<Settings> Settings::fromJson(const QJsonObject& document)
{
    const SettingsSchema& schema = SettingsSchema::instance();
    Settings s = defaults();
    for (auto section = document.begin(); section != document.end(); ++section) {
        if (section.key() == QLatin1String("schemaVersion"))
            continue;
        if (!section.value().isObject()) {
            return Error::invalid(
                section.key(), QStringLiteral("is not a known section; sections are objects such as \"pop3\": {...}"));
        }
        const QJsonObject fields = section.value().toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QString key = section.key() + QLatin1Char('.') + it.key();
            const FieldSpec* spec = schema.field(key);
            if (!spec)
                return Error::invalid(key, QStringLiteral("is not a known setting; check the spelling or remove it"));
            const QString problem = schema.validateValue(*spec, it.value());
            if (!problem.isEmpty()) {
                return Error::invalid(key,
                    problem
                        + QStringLiteral("; correct it, or remove the line to use the default (%1)")
                              .arg(jsonText(spec->defaultValue)));
            }
            s.m_values.insert(key, it.value());
        }
    }
    if (Result<void> cross = s.validateCrossField(); !cross)
        return cross.error();
    return s;
}

QJsonObject Settings::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("schemaVersion"), SettingsSchema::currentVersion);
    for (const FieldSpec& f : SettingsSchema::instance().fields()) {
        const qsizetype dot = f.key.indexOf(QLatin1Char('.'));
        const QString section = f.key.left(dot);
        QJsonObject obj = root.value(section).toObject();
        obj.insert(f.key.mid(dot + 1), m_values.value(f.key));
        root.insert(section, obj);
    }
    return root;
}

Result<void> Settings::set(const QString& key, const QJsonValue& value)
{
    const SettingsSchema& schema = SettingsSchema::instance();
    const FieldSpec* spec = schema.field(key);
    if (!spec)
        return Error::invalid(key, QStringLiteral("is not a known setting; `tegamictl config get` lists them all"));
    const QString problem = schema.validateValue(*spec, value);
    if (!problem.isEmpty())
        return Error::invalid(key, problem);
    Settings candidate = *this;
    candidate.m_values.insert(key, value);
    if (Result<void> cross = candidate.validateCrossField(); !cross)
        return cross;
    *this = std::move(candidate);
    return {};
}

Result<QJsonValue> Settings::parseValueText(const QString& key, const QString& text)
{
    const FieldSpec* spec = SettingsSchema::instance().field(key);
    if (!spec)
        return Error::invalid(key, QStringLiteral("is not a known setting; `tegamictl config get` lists them all"));
    // A JSON literal is taken as it is ("[\"0.0.0.0:25\"]", "true", "12").
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"));
    if (doc.isArray() && doc.array().size() == 1) {
        const QJsonValue v = doc.array().first();
        const bool listType = spec->type == FieldType::StringList || spec->type == FieldType::BindingList
            || spec->type == FieldType::NetworkList;
        const bool textType = spec->type == FieldType::String || spec->type == FieldType::Enum;
        // "1.3" for an enum and "25" for a string are text, not numbers.
        if (!(listType && v.isString()) && !(textType && !v.isString()))
            return v;
    }
    switch (spec->type) {
    case FieldType::Bool:
        if (text == QLatin1String("on") || text == QLatin1String("yes"))
            return QJsonValue(true);
        if (text == QLatin1String("off") || text == QLatin1String("no"))
            return QJsonValue(false);
        return Error::invalid(key, QStringLiteral("must be true or false"));
    case FieldType::Int: {
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok)
            return Error::invalid(key, QStringLiteral("'%1' is not a whole number").arg(text));
        return QJsonValue(n);
    }
    case FieldType::String:
    case FieldType::Enum:
        return QJsonValue(text);
    case FieldType::StringList:
    case FieldType::BindingList:
    case FieldType::NetworkList: {
        QJsonArray items;
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            items.append(part.trimmed());
        return QJsonValue(items);
    }
    }
    return Error::invalid(key, QStringLiteral("cannot be set from text"));
}

QStringList Settings::list(const QString& key) const
{
    QStringList out;
    for (const QJsonValue& v : m_values.value(key).toArray())
        out << v.toString();
    return out;
}

QList<Binding> Settings::bindings(const QString& key) const
{
    QList<Binding> out;
    for (const QString& text : list(key)) {
        Result<Binding> b = Binding::parse(text);
        if (b)
            out << *b;
    }
    return out;
}

bool Settings::protocolEnabled(Protocol p) const
{
    return boolean(protocolName(p) + QStringLiteral(".enabled"));
}

QList<ListenerSpec> Settings::listeners() const
{
    QList<ListenerSpec> out;
    for (Protocol p : allProtocols) {
        if (!protocolEnabled(p))
            continue;
        const QString name = protocolName(p);
        for (const Binding& b : bindings(name + QStringLiteral(".bindings")))
            out << ListenerSpec { p, b, TlsMode::StartTls };
        for (const Binding& b : bindings(name + QStringLiteral(".tlsBindings")))
            out << ListenerSpec { p, b, TlsMode::Implicit };
    }
    return out;
}

QString Settings::effectiveFqdn() const
{
    const QString configured = string(QStringLiteral("server.fqdn"));
    if (!configured.isEmpty())
        return configured;
    const QString domain = QHostInfo::localDomainName();
    const QString host = QSysInfo::machineHostName();
    return domain.isEmpty() || host.contains(QLatin1Char('.')) ? host : host + QLatin1Char('.') + domain;
}

QString Settings::listenerFqdn(Protocol p) const
{
    const QString own = string(protocolName(p) + QStringLiteral(".fqdn"));
    return own.isEmpty() ? effectiveFqdn() : own;
}

QString Settings::certificateFor(Protocol p) const
{
    const QString own = string(protocolName(p) + QStringLiteral(".certificate"));
    return own.isEmpty() ? string(QStringLiteral("tls.defaultCertificate")) : own;
}

QStringList Settings::changedKeys(const Settings& other) const
{
    QStringList keys;
    for (const FieldSpec& f : SettingsSchema::instance().fields()) {
        if (m_values.value(f.key) != other.m_values.value(f.key))
            keys << f.key;
    }
    return keys;
}

Result<void> Settings::validateCrossField() const
{
    // Two sockets on one address and port cannot both be bound. The classic case is an
    // inbound MX and a client submission listener both on port 25: they need different
    // local addresses.
    struct Owner {
        QString key;
        Binding binding;
    };
    // A protocol's own lists must not repeat an address and port, enabled or not.
    for (Protocol p : allProtocols) {
        QList<Binding> own;
        for (const char* kind : { "bindings", "tlsBindings" }) {
            const QString key = protocolName(p) + QLatin1Char('.') + QLatin1String(kind);
            for (const Binding& b : bindings(key)) {
                if (own.contains(b))
                    return Error::invalid(
                        key, QStringLiteral("lists %1 twice; remove the duplicate").arg(b.toString()));
                own << b;
            }
        }
    }
    QList<Owner> seen;
    for (Protocol p : allProtocols) {
        if (!protocolEnabled(p))
            continue;
        for (const char* kind : { "bindings", "tlsBindings" }) {
            const QString key = protocolName(p) + QLatin1Char('.') + QLatin1String(kind);
            for (const Binding& b : bindings(key)) {
                for (const Owner& o : seen) {
                    if (!o.binding.conflictsWith(b))
                        continue;
                    return Error::invalid(key,
                        QStringLiteral("%1 clashes with %2 in %3: two listeners cannot share an address and port. "
                                       "To run both, bind each to a different local address (for example the MX on "
                                       "192.0.2.10:%4 and the client listener on 192.0.2.11:%4), or use another port.")
                            .arg(b.toString(), o.binding.toString(), o.key)
                            .arg(b.port));
                }
                seen << Owner { key, b };
            }
        }
    }
    return {};
}

} // namespace tegami
