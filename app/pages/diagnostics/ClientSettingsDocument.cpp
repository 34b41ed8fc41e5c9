#include "pages/diagnostics/ClientSettingsDocument.h"

#include <QJsonArray>

namespace tegami {

namespace {

QString joined(const QJsonValue& value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& v : value.toArray())
            parts << v.toString();
        return parts.join(QStringLiteral(", "));
    }
    return value.toString();
}

} // namespace

ClientSettingsDocument::ClientSettingsDocument(QJsonObject settings)
    : m_settings(std::move(settings))
{ }

QString ClientSettingsDocument::securityLabel(const QString& security)
{
    if (security == QLatin1String("tls") || security == QLatin1String("implicit") || security == QLatin1String("ssl"))
        return tr("SSL/TLS");
    if (security == QLatin1String("starttls"))
        return tr("STARTTLS");
    if (security == QLatin1String("plain") || security == QLatin1String("none"))
        return tr("None (not encrypted)");
    return security;
}

QString ClientSettingsDocument::endpoints(const QJsonValue& list)
{
    QStringList parts;
    for (const QJsonValue& v : list.toArray()) {
        const QJsonObject e = v.toObject();
        parts << tr("%1 (%2)")
                     .arg(e.value(QStringLiteral("port")).toInt())
                     .arg(securityLabel(e.value(QStringLiteral("security")).toString()));
    }
    return parts.join(QStringLiteral(", "));
}

QList<ClientSettingsDocument::Row> ClientSettingsDocument::rows(const QJsonObject& scope) const
{
    const QString host = scope.value(QStringLiteral("host")).toString();
    QList<Row> out;
    const QList<QPair<QString, QString>> protocols { { QStringLiteral("imap"), tr("Incoming mail (IMAP4)") },
        { QStringLiteral("pop3"), tr("Incoming mail (POP3)") },
        { QStringLiteral("smtp"), tr("Outgoing mail (SMTP)") } };
    for (const auto& [key, label] : protocols) {
        const QString ports = endpoints(scope.value(key));
        out.append({ label, host, ports.isEmpty() ? tr("not offered") : ports });
    }
    return out;
}

QString ClientSettingsDocument::usernameText() const
{
    const QString username = joined(m_settings.value(QStringLiteral("username")));
    return username.isEmpty() ? tr("your full email address") : username;
}

QString ClientSettingsDocument::authenticationText() const
{
    const QString auth = joined(m_settings.value(QStringLiteral("authentication")));
    return auth.isEmpty() ? tr("normal password") : auth;
}

QStringList ClientSettingsDocument::adminNotes() const
{
    QStringList out;
    for (const QJsonValue& v : m_settings.value(QStringLiteral("warnings")).toArray())
        out << (v.isObject() ? v.toObject().value(QStringLiteral("message")).toString() : v.toString());
    return out;
}

QString ClientSettingsDocument::html() const
{
    QString out = QStringLiteral("<html><head><meta charset=\"utf-8\"><title>%1</title></head><body>")
                      .arg(tr("Mail settings").toHtmlEscaped());
    out += QStringLiteral("<h2>%1</h2>").arg(tr("Mail settings").toHtmlEscaped());
    const QString domains = joined(m_settings.value(QStringLiteral("domains")));
    if (!domains.isEmpty())
        out += QStringLiteral("<p>%1</p>").arg(tr("For addresses at %1.").arg(domains).toHtmlEscaped());
    const QList<QPair<QString, QString>> scopes { { QStringLiteral("internal"), tr("In the office (internal)") },
        { QStringLiteral("external"), tr("From outside (external)") } };
    for (const auto& [key, title] : scopes) {
        const QJsonObject scope = m_settings.value(key).toObject();
        if (scope.isEmpty())
            continue;
        out += QStringLiteral("<h3>%1</h3>").arg(title.toHtmlEscaped());
        out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>%1</th><th>%2</th>"
                              "<th>%3</th></tr>")
                   .arg(tr("Server").toHtmlEscaped(), tr("Server name").toHtmlEscaped(),
                       tr("Port (encryption)").toHtmlEscaped());
        for (const Row& row : rows(scope)) {
            out += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td>%3</td></tr>")
                       .arg(row.label.toHtmlEscaped(), row.server.toHtmlEscaped(), row.ports.toHtmlEscaped());
        }
        out += QStringLiteral("</table>");
    }
    out += QStringLiteral("<p>%1<br>%2<br>%3</p>")
               .arg(tr("User name: %1").arg(usernameText()).toHtmlEscaped(),
                   tr("Password: the mailbox's password (authentication: %1)")
                       .arg(authenticationText())
                       .toHtmlEscaped(),
                   tr("Outgoing mail needs authentication with the same user name and password.").toHtmlEscaped());
    out += QStringLiteral("</body></html>");
    return out;
}

QString ClientSettingsDocument::text() const
{
    QStringList lines { tr("Mail settings") };
    const QString domains = joined(m_settings.value(QStringLiteral("domains")));
    if (!domains.isEmpty())
        lines << tr("For addresses at %1.").arg(domains);
    const QList<QPair<QString, QString>> scopes { { QStringLiteral("internal"), tr("In the office (internal)") },
        { QStringLiteral("external"), tr("From outside (external)") } };
    for (const auto& [key, title] : scopes) {
        const QJsonObject scope = m_settings.value(key).toObject();
        if (scope.isEmpty())
            continue;
        lines << QString() << title;
        for (const Row& row : rows(scope))
            lines << tr("  %1: %2, port %3").arg(row.label, row.server, row.ports);
    }
    lines << QString() << tr("User name: %1").arg(usernameText())
          << tr("Password: the mailbox's password (authentication: %1)").arg(authenticationText())
          << tr("Outgoing mail needs authentication with the same user name and password.");
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tegami
