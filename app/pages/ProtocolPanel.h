#pragma once

#include <QJsonArray>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace tegami {

class ServiceClient;
class SettingsForm;

// One protocol on the Protocols page: enable/disable, its listeners' state, and its
// settings (generated from the schema). Named "<protocol>Panel"; the check box is
// "enableProtocol".
class ProtocolPanel : public QWidget {
    Q_OBJECT
public:
    ProtocolPanel(ServiceClient& client, const QString& protocol, QWidget* parent = nullptr);

    QString protocol() const { return m_protocol; }
    SettingsForm* form() const { return m_form; }
    // config.get's fields and listener.list's listeners (all protocols; the panel picks its own).
    void setFields(const QJsonArray& fields);
    void setListeners(const QJsonArray& listeners);

Q_SIGNALS:
    void changed();
    void statusMessage(const QString& text);

private:
    void setEnabledOnService(bool enabled);

    ServiceClient& m_client;
    QString m_protocol;
    QCheckBox* m_enable = nullptr;
    QLabel* m_listeners = nullptr;
    QLabel* m_error = nullptr;
    SettingsForm* m_form = nullptr;
};

} // namespace tegami
