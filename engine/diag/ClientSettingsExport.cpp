#include "diag/ClientSettingsExport.h"

#include "diag/Autoconfig.h"
#include "diag/Autodiscover.h"

namespace tegami {

QJsonObject ExportFile::toJson() const
{
    return QJsonObject { { QStringLiteral("format"), format }, { QStringLiteral("fileName"), fileName },
        { QStringLiteral("mimeType"), mimeType }, { QStringLiteral("content"), content } };
}

QStringList exportFormats()
{
    return { QStringLiteral("autoconfig"), QStringLiteral("autodiscover"), QStringLiteral("dns") };
}

Result<ExportFile> exportClientSettings(const ClientSettingsCard& card, const ExportRequest& request)
{
    if (!exportFormats().contains(request.format))
        return Error::invalid(QStringLiteral("format"),
            QStringLiteral("'%1' is not an export format; use one of: %2")
                .arg(request.format, exportFormats().join(QStringLiteral(", "))));
    QString domain = request.domain.trimmed().toLower();
    if (domain.isEmpty()) {
        if (card.domains.isEmpty())
            return Error::invalid(QStringLiteral("domain"),
                QStringLiteral("there is no mail domain yet: add one first (`tegamictl domain add example.com`)"));
        domain = card.domains.first();
    } else if (!card.domains.isEmpty() && !card.domains.contains(domain, Qt::CaseInsensitive)) {
        return Error::invalid(QStringLiteral("domain"),
            QStringLiteral("this server does not serve %1; use one of: %2")
                .arg(domain, card.domains.join(QStringLiteral(", "))));
    }
    const ClientScope& scope = request.external ? card.external : card.internal;
    if (request.format != QLatin1String("dns") && scope.isEmpty())
        return Error::invalid(QStringLiteral("format"),
            QStringLiteral("no POP3, IMAP4 or submission listener is running, so there is nothing to export: enable "
                           "a protocol first (`tegamictl protocol enable imap`)"));

    ExportFile file;
    file.format = request.format;
    if (request.format == QLatin1String("autoconfig")) {
        AutoconfigOptions o;
        o.domain = domain;
        o.otherDomains = card.domains;
        file.fileName = QStringLiteral("config-v1.1.xml");
        file.mimeType = QStringLiteral("application/xml");
        file.content = autoconfigXml(scope, o);
    } else if (request.format == QLatin1String("autodiscover")) {
        file.fileName = QStringLiteral("autodiscover.xml");
        file.mimeType = QStringLiteral("application/xml");
        file.content = autodiscoverXml(scope, request.emailAddress);
    } else {
        DnsRecordOptions o = request.dns;
        o.domain = domain;
        if (o.mxHost.isEmpty())
            o.mxHost = scope.host;
        file.fileName = QStringLiteral("%1.zone.txt").arg(domain);
        file.mimeType = QStringLiteral("text/plain");
        file.content = dnsRecords(scope, o);
    }
    return file;
}

} // namespace tegami
