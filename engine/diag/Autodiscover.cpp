#include "diag/Autodiscover.h"

#include <QXmlStreamWriter>

namespace tegami {

namespace {

QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

void writeProtocol(QXmlStreamWriter& xml, const QString& type, const ClientEndpoint& e, const QString& loginName)
{
    xml.writeStartElement(QStringLiteral("Protocol"));
    xml.writeTextElement(QStringLiteral("Type"), type);
    xml.writeTextElement(QStringLiteral("Server"), e.host);
    xml.writeTextElement(QStringLiteral("Port"), QString::number(e.port));
    xml.writeTextElement(QStringLiteral("DomainRequired"), onOff(false));
    if (!loginName.isEmpty())
        xml.writeTextElement(QStringLiteral("LoginName"), loginName);
    xml.writeTextElement(QStringLiteral("SPA"), onOff(false));
    xml.writeTextElement(QStringLiteral("SSL"), onOff(e.security != QLatin1String("none")));
    xml.writeTextElement(QStringLiteral("Encryption"), autodiscoverEncryption(e.security));
    xml.writeTextElement(QStringLiteral("AuthRequired"), onOff(true));
    if (type == QLatin1String("SMTP")) {
        // Outlook must log in to SMTP itself, not rely on a POP3 login first.
        xml.writeTextElement(QStringLiteral("UsePOPAuth"), onOff(false));
        xml.writeTextElement(QStringLiteral("SMTPLast"), onOff(false));
    }
    xml.writeEndElement();
}

} // namespace

QString autodiscoverEncryption(const QString& security)
{
    if (security == QLatin1String("tls"))
        return QStringLiteral("SSL");
    if (security == QLatin1String("starttls"))
        return QStringLiteral("TLS");
    return QStringLiteral("None");
}

QString autodiscoverXml(const ClientScope& scope, const QString& emailAddress)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeComment(QStringLiteral(" Outlook Autodiscover (POX) for %1, written by Tegami. Serve it for POST "
                                    "requests to https://autodiscover.DOMAIN/autodiscover/autodiscover.xml ")
                         .arg(scope.host));
    xml.writeStartElement(QStringLiteral("Autodiscover"));
    xml.writeDefaultNamespace(QString::fromLatin1(kAutodiscoverResponseNs));
    xml.writeStartElement(QStringLiteral("Response"));
    xml.writeDefaultNamespace(QString::fromLatin1(kAutodiscoverOutlookNs));
    xml.writeStartElement(QStringLiteral("Account"));
    xml.writeTextElement(QStringLiteral("AccountType"), QStringLiteral("email"));
    xml.writeTextElement(QStringLiteral("Action"), QStringLiteral("settings"));
    if (!scope.imap.isEmpty())
        writeProtocol(xml, QStringLiteral("IMAP"), scope.imap.first(), emailAddress);
    if (!scope.pop3.isEmpty())
        writeProtocol(xml, QStringLiteral("POP3"), scope.pop3.first(), emailAddress);
    if (!scope.smtp.isEmpty())
        writeProtocol(xml, QStringLiteral("SMTP"), scope.smtp.first(), emailAddress);
    xml.writeEndElement(); // Account
    xml.writeEndElement(); // Response
    xml.writeEndElement(); // Autodiscover
    xml.writeEndDocument();
    return QString::fromUtf8(out);
}

} // namespace tegami
