#pragma once

#include <QJsonArray>
#include <QMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace tegami {

class FieldEditor;
class ServiceClient;

// A form generated from the settings schema (config.get), so it stays in step with the
// service: one editor per field under the given key prefixes, its description beneath,
// and the service's validation error at the field after Apply (config.set, one key at a
// time). Editors are named by their key ("pop3.maxConnections"), error labels "<key>/error".
class SettingsForm : public QWidget {
    Q_OBJECT
public:
    struct Section {
        QString title; // empty: no heading
        QStringList prefixes; // "smtp." takes every smtp.* field
        QStringList exclude; // keys shown elsewhere (e.g. "smtp.enabled")
    };

    SettingsForm(ServiceClient& client, QList<Section> sections, QWidget* parent = nullptr);

    // Builds the editors on first use, then shows the service's values (edits are dropped).
    void setFields(const QJsonArray& fields);
    bool hasChanges() const;
    FieldEditor* editor(const QString& key) const { return m_editors.value(key); }
    QString errorText(const QString& key) const;

    // Apply, Revert and the result line ("settingsButtons"): the page places it outside its
    // scroll area so it stays in view.
    QWidget* buttonBar() const { return m_buttonBar; }

    // Sends every changed field; applied() follows when all answers are in.
    void apply();
    void revert();

Q_SIGNALS:
    void applied(int saved, int failed);
    void statusMessage(const QString& text);

private:
    struct Row {
        FieldEditor* editor = nullptr;
        QLabel* error = nullptr;
    };
    void build(const QJsonArray& fields);
    bool belongs(const Section& section, const QString& key) const;
    void applyNext(QStringList keys, int saved, int failed, QStringList notes);
    void showError(const QString& key, const QString& message);
    void updateButtons();

    ServiceClient& m_client;
    QList<Section> m_sections;
    QVBoxLayout* m_layout = nullptr;
    QMap<QString, FieldEditor*> m_editors;
    QMap<QString, QLabel*> m_errors;
    QJsonArray m_fields;
    QWidget* m_buttonBar = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_revert = nullptr;
    QLabel* m_result = nullptr;
    bool m_built = false;
    bool m_applying = false;
};

} // namespace tegami
