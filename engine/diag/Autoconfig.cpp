#include "diag/Autoconfig.h"

#include <QXmlStreamWriter>

namespace tegami {

namespace {

void writeServer(QXmlStreamWriter& xml, const QString& element, const QString& type, const ClientEndpoint& e)
{
    xml.writeStartElement(element);
    xml.writeAttribute(QStringLiteral("type"), type);
    xml.writeTextElement(QStringLiteral("hostname"), e.host);
    xml.writeTextElement(QStringLiteral("port"), QString::number(e.port));
    xml.writeTextElement(QStringLiteral("socketType"), autoconfigSocketType(e.security));
    xml.writeTextElement(QStringLiteral("username"), QStringLiteral("%EMAILADDRESS%"));
    xml.writeTextElement(QStringLiteral("authentication"), QStringLiteral("password-cleartext"));
    xml.writeEndElement();
}

} // namespace

QString autoconfigSocketType(const QString& security)
{
    if (security == QLatin1String("tls"))
        return QStringLiteral("SSL");
    if (security == QLatin1String("starttls"))
        return QStringLiteral("STARTTLS");
    return QStringLiteral("plain");
}

QString autoconfigXml(const ClientScope& scope, const AutoconfigOptions& options)
{
    // Written as UTF-8 bytes, so the declaration says encoding="UTF-8" (the file is served as is).
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeComment(QStringLiteral(" Thunderbird autoconfig for %1, written by Tegami. Serve it as "
                                    "https://autoconfig.%1/mail/config-v1.1.xml ")
                         .arg(options.domain));
    xml.writeStartElement(QStringLiteral("clientConfig"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    xml.writeStartElement(QStringLiteral("emailProvider"));
    xml.writeAttribute(QStringLiteral("id"), options.domain);
    xml.writeTextElement(QStringLiteral("domain"), options.domain);
    for (const QString& d : options.otherDomains) {
        if (d.compare(options.domain, Qt::CaseInsensitive) != 0)
            xml.writeTextElement(QStringLiteral("domain"), d);
    }
    xml.writeTextElement(
        QStringLiteral("displayName"), options.displayName.isEmpty() ? options.domain : options.displayName);
    xml.writeTextElement(QStringLiteral("displayShortName"),
        options.displayShortName.isEmpty() ? options.domain.section(QLatin1Char('.'), 0, 0) : options.displayShortName);
    for (const ClientEndpoint& e : scope.imap)
        writeServer(xml, QStringLiteral("incomingServer"), QStringLiteral("imap"), e);
    for (const ClientEndpoint& e : scope.pop3)
        writeServer(xml, QStringLiteral("incomingServer"), QStringLiteral("pop3"), e);
    for (const ClientEndpoint& e : scope.smtp)
        writeServer(xml, QStringLiteral("outgoingServer"), QStringLiteral("smtp"), e);
    xml.writeEndElement(); // emailProvider
    xml.writeEndElement(); // clientConfig
    xml.writeEndDocument();
    return QString::fromUtf8(out);
}

} // namespace tegami
