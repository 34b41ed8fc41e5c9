#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace tegami {

enum class FieldType { Bool, Int, String, Enum, StringList, BindingList, NetworkList };
QString fieldTypeName(FieldType t);

// One setting: its key ("pop3.maxCommandSize"), type, default, bounds and the words an
// admin reads in `tegamictl config get` and in the console. The schema is the single
// source of truth for defaults, validation and the generic get/set of the control API.
struct FieldSpec {
    QString key;
    FieldType type = FieldType::String;
    QJsonValue defaultValue;
    QString description;
    qint64 minimum = 0; // Int only
    qint64 maximum = 0; // Int only
    QStringList choices; // Enum only
    bool restartRequired = false; // true: a change only takes effect after tegamid restarts
    bool secret = false; // a password: never shown by config.get (it says whether one is set)
    // Extra check on a value of the right type; returns an error message or an empty string.
    std::function<QString(const QJsonValue&)> check;
};

class SettingsSchema {
public:
    // The current schema (see SettingsSchema.cpp for every field).
    static const SettingsSchema& instance();
    static constexpr int currentVersion = 1;

    const QList<FieldSpec>& fields() const { return m_fields; }
    const FieldSpec* field(const QString& key) const;

    // Checks one value against its field; returns an error message or an empty string.
    QString validateValue(const FieldSpec& spec, const QJsonValue& value) const;

private:
    SettingsSchema();
    QList<FieldSpec> m_fields;
};

} // namespace tegami
