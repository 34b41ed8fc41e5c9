#pragma once

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace tegami {

class ServiceClient;

// What users type into their mail clients, for access in the office and from outside:
// POP3, IMAP4 and SMTP server names, ports, encryption and the user name form
// (diag.clientSettings). Ready to print, copy or save, and exported for clients that set
// themselves up: Thunderbird autoconfig, Outlook Autodiscover and the DNS records to publish
// (diag.export). The Diagnostics page and the protocols wizard both show it.
class ClientSettingsCard : public QWidget {
    Q_OBJECT
public:
    explicit ClientSettingsCard(ServiceClient& client, QWidget* parent = nullptr);

    // Asks the service again (with the host names typed in, if any).
    void refresh();

    // The last diag.clientSettings answer ({} before the first).
    QJsonObject settings() const { return m_settings; }
    QString html() const;
    QString text() const;

    void copyToClipboard() const;
    // Writes the card as an HTML page. False with *error on failure.
    bool saveHtml(const QString& path, QString* error = nullptr) const;
    // Asks diag.export for "autoconfig", "autodiscover" or "dns" and saves the answer where
    // the save dialog (or its test hook) says; exported() or failed() follows.
    void exportFormat(const QString& format);

    // Test hook: answers the save dialog (suggested file name, filter) -> path, "" = cancel.
    void setSaveFileHandler(std::function<QString(const QString& suggested, const QString& filter)> handler)
    {
        m_saveFile = std::move(handler);
    }

Q_SIGNALS:
    // The card shows a new answer of the service.
    void refreshed();
    void exported(const QString& format, const QString& path);
    void failed(const QString& message);

private:
    void buildUi();
    void showSettings(const QJsonObject& settings);
    void showMessage(const QString& text, bool error);
    void saveHtmlWithDialog();
    void print();
    QString askSavePath(const QString& suggested, const QString& filter);

    ServiceClient& m_client;
    QJsonObject m_settings;
    QLineEdit* m_internalHost = nullptr;
    QLineEdit* m_externalHost = nullptr;
    QLabel* m_notes = nullptr;
    QTextBrowser* m_view = nullptr;
    QComboBox* m_domain = nullptr;
    QComboBox* m_scope = nullptr;
    QLabel* m_status = nullptr;
    QList<QPushButton*> m_needSettings;
    std::function<QString(const QString&, const QString&)> m_saveFile;
};

} // namespace tegami
