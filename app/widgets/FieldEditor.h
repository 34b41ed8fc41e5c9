#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QObject>

class QWidget;

namespace tegami {

// The editor for one setting, chosen from its schema entry as config.get returns it
// ({key, type, value, default, description, minimum, maximum, choices}): a check box, a
// spin box, a combo box or a line edit (lists are comma-separated).
class FieldEditor : public QObject {
    Q_OBJECT
public:
    FieldEditor(const QJsonObject& field, QWidget* parent);

    QString key() const { return m_key; }
    QString type() const { return m_type; }
    QWidget* widget() const { return m_widget; }
    bool isSecret() const { return m_secret; }

    // The value as the service should receive it (JSON of the field's type).
    QJsonValue value() const;
    // Shows the service's value and takes it as the unmodified state.
    void setValue(const QJsonValue& value);
    bool isModified() const;
    void markSaved() { m_saved = value(); }

    // The setting's name as an admin reads it ("Connection limit per client address").
    static QString label(const QString& key);

Q_SIGNALS:
    void edited();

private:
    QString m_key;
    QString m_type;
    bool m_secret = false;
    QWidget* m_widget = nullptr;
    QJsonValue m_saved;
};

} // namespace tegami
