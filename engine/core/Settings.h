#pragma once

#include "core/Binding.h"
#include "core/Protocol.h"
#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace tegami {

// One socket a listener opens, derived from the settings of an enabled protocol.
struct ListenerSpec {
    Protocol protocol = Protocol::Smtp;
    Binding binding;
    TlsMode tlsMode = TlsMode::None;

    QString id() const; // "pop3/0.0.0.0:995", stable across reloads
    bool operator==(const ListenerSpec&) const = default;
};

// A validated set of values for every field of SettingsSchema. Values are kept as JSON
// (the schema types them); typed accessors and views serve engine code. A Settings
// object is always valid: set() and fromJson() refuse anything the schema refuses.
class Settings {
public:
    static Settings defaults();

    // Builds settings from the document of a settings file (without the schemaVersion
    // check; see SettingsFile). Unknown keys are errors (a typo must not be ignored);
    // missing keys take their default.
    static Result<Settings> fromJson(const QJsonObject& document);
    QJsonObject toJson() const; // nested by section, with schemaVersion

    QJsonValue value(const QString& key) const { return m_values.value(key); }
    // Validates the value and the whole resulting configuration; on error nothing changes.
    Result<void> set(const QString& key, const QJsonValue& value);
    // Parses a value given as text on a command line ("true", "512", "a,b" or a JSON literal).
    static Result<QJsonValue> parseValueText(const QString& key, const QString& text);

    bool boolean(const QString& key) const { return m_values.value(key).toBool(); }
    qint64 integer(const QString& key) const { return m_values.value(key).toInteger(); }
    QString string(const QString& key) const { return m_values.value(key).toString(); }
    QStringList list(const QString& key) const;
    QList<Binding> bindings(const QString& key) const;

    bool protocolEnabled(Protocol p) const;
    // Sockets of every enabled protocol, in schema order.
    QList<ListenerSpec> listeners() const;
    QString effectiveFqdn() const;
    // The name a protocol's listeners answer to: <protocol>.fqdn, else effectiveFqdn().
    QString listenerFqdn(Protocol p) const;
    // The certificate id a protocol's listeners use: <protocol>.certificate, else
    // tls.defaultCertificate (empty: none assigned).
    QString certificateFor(Protocol p) const;

    // Keys whose values differ between this and other.
    QStringList changedKeys(const Settings& other) const;

    // Checks rules that span fields (two listeners on one address and port).
    Result<void> validateCrossField() const;

    bool operator==(const Settings& other) const { return m_values == other.m_values; }

private:
    QHash<QString, QJsonValue> m_values;
};

} // namespace tegami
