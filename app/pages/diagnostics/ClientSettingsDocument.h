#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace tegami {

// The client-settings card as a document an admin hands out: the answer of
// diag.clientSettings as HTML (to show, print or save) and as plain text (to paste into a
// mail). Both say the same, in the words mail clients use ("SSL/TLS", "STARTTLS").
class ClientSettingsDocument {
    Q_DECLARE_TR_FUNCTIONS(ClientSettingsDocument)
public:
    explicit ClientSettingsDocument(QJsonObject settings);

    // The card for users; the notes for the administrator are not part of it.
    QString html() const;
    QString text() const;
    // What the service found wrong with these settings (a loopback-only listener, ...).
    QStringList adminNotes() const;

    // "SSL/TLS" for tls/implicit, "STARTTLS", "None" for plain.
    static QString securityLabel(const QString& security);
    // "995 (SSL/TLS), 110 (STARTTLS)"; the first entry is the one to recommend.
    static QString endpoints(const QJsonValue& list);

private:
    struct Row {
        QString label;
        QString server;
        QString ports;
    };
    QList<Row> rows(const QJsonObject& scope) const;
    QString usernameText() const;
    QString authenticationText() const;

    QJsonObject m_settings;
};

} // namespace tegami
