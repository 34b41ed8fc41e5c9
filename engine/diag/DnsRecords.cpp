#include "diag/DnsRecords.h"

#include <QUrl>

namespace tegami {

namespace {

struct SrvService {
    const char* label; // "_imaps"
    int basePriority; // lower is preferred: implicit TLS before STARTTLS, IMAP before POP3
};

QString record(const QString& owner, int ttl, const QString& type, const QString& data)
{
    return QStringLiteral("%1 %2 IN %3 %4")
        .arg(owner.leftJustified(40), QString::number(ttl).rightJustified(5), type.leftJustified(5), data);
}

// The card entries a service's SRV records announce: implicit TLS for "_imaps", the
// plain-text port (with or without STARTTLS) for "_imap".
QList<ClientEndpoint> matching(const QList<ClientEndpoint>& entries, bool implicitTls)
{
    QList<ClientEndpoint> out;
    for (const ClientEndpoint& e : entries) {
        if ((e.security == QLatin1String("tls")) == implicitTls)
            out << e;
    }
    return out;
}

} // namespace

QString absoluteDnsName(const QString& name)
{
    QString ace = QString::fromLatin1(QUrl::toAce(name.trimmed())).toLower();
    if (ace.isEmpty())
        ace = name.trimmed().toLower();
    if (!ace.endsWith(QLatin1Char('.')))
        ace += QLatin1Char('.');
    return ace;
}

QString dnsRecords(const ClientScope& scope, const DnsRecordOptions& options)
{
    const QString domain = absoluteDnsName(options.domain);
    const QString mx = absoluteDnsName(options.mxHost);
    const int ttl = options.ttl;
    QStringList lines;
    lines << QStringLiteral("; DNS records for %1 (zone-file syntax, written by Tegami).").arg(options.domain);
    lines << QStringLiteral("; Publish them at your DNS provider. Names end with a dot; %1 also needs an A (and, with "
                            "IPv6, an AAAA) record with this server's public address.")
                 .arg(mx);
    lines << QString();

    lines << QStringLiteral("; Inbound mail: other servers deliver mail for %1 to this host on port 25.").arg(domain);
    if (!options.mxEnabled)
        lines << QStringLiteral("; NOTE: the inbound SMTP (MX) listener is off, so mail from other servers cannot "
                                "arrive yet: enable smtp (protocols page) before publishing this MX.");
    else if (!options.mxOnPort25)
        lines << QStringLiteral("; NOTE: the inbound SMTP (MX) listener is not on port 25; other servers only "
                                "connect to port 25 (forward it on the router, or bind smtp to port 25).");
    lines << record(domain, ttl, QStringLiteral("MX"), QStringLiteral("10 %1").arg(mx));
    lines << QString();

    const QString all = options.strictSpf ? QStringLiteral("-all") : QStringLiteral("~all");
    if (options.strictSpf)
        lines << QStringLiteral("; SPF with -all (hard fail): receivers may refuse mail from %1 that comes from any "
                                "host other than this domain's MX hosts.")
                     .arg(options.domain);
    else
        lines << QStringLiteral("; SPF with ~all (soft fail): mail from %1 sent by other hosts is marked as suspect, "
                                "not refused. Change it to -all once all mail of %1 leaves through this server.")
                     .arg(options.domain);
    if (!options.smarthost.isEmpty())
        lines << QStringLiteral("; Outgoing mail leaves through the smarthost %1: add what its provider documents "
                                "(for example include:spf.provider.example) before %2.")
                     .arg(options.smarthost, all);
    lines << record(domain, ttl, QStringLiteral("TXT"), QStringLiteral("\"v=spf1 mx %1\"").arg(all));
    lines << QString();

    lines << QStringLiteral("; Client settings (RFC 6186 SRV records). Lower priority numbers are preferred: implicit "
                            "TLS before STARTTLS (RFC 8314),");
    lines << QStringLiteral("; IMAP4 before POP3. \"0 0 0 .\" tells clients a service is not offered here.");
    struct Group {
        const QList<ClientEndpoint>* entries;
        SrvService tls;
        SrvService plain;
    };
    const Group groups[] = {
        { &scope.smtp, { "_submissions", 0 }, { "_submission", 10 } },
        { &scope.imap, { "_imaps", 0 }, { "_imap", 10 } },
        { &scope.pop3, { "_pop3s", 20 }, { "_pop3", 30 } },
    };
    for (const Group& g : groups) {
        for (const bool implicitTls : { true, false }) {
            const SrvService& service = implicitTls ? g.tls : g.plain;
            const QString owner = QStringLiteral("%1._tcp.%2").arg(QLatin1String(service.label), domain);
            const QList<ClientEndpoint> entries = matching(*g.entries, implicitTls);
            if (entries.isEmpty()) {
                lines << record(owner, ttl, QStringLiteral("SRV"), QStringLiteral("0 0 0 ."));
                continue;
            }
            int priority = service.basePriority;
            for (const ClientEndpoint& e : entries)
                lines << record(owner, ttl, QStringLiteral("SRV"),
                    QStringLiteral("%1 1 %2 %3").arg(priority++).arg(e.port).arg(absoluteDnsName(e.host)));
        }
    }
    lines << QString();

    const QString bare = domain.chopped(1);
    lines << QStringLiteral("; Clients that do not read SRV records look for these names; point them at this server "
                            "and serve the exports there:");
    lines << QStringLiteral(";   Thunderbird: https://autoconfig.%1/mail/config-v1.1.xml (the autoconfig export)")
                 .arg(bare);
    lines << QStringLiteral(";   Outlook: https://autodiscover.%1/autodiscover/autodiscover.xml (the Autodiscover "
                            "export)")
                 .arg(bare);
    lines << QStringLiteral("; ") + record(QStringLiteral("autoconfig.") + domain, ttl, QStringLiteral("CNAME"), mx);
    lines << QStringLiteral("; ") + record(QStringLiteral("autodiscover.") + domain, ttl, QStringLiteral("CNAME"), mx);
    lines << QStringLiteral("; ")
            + record(QStringLiteral("_autodiscover._tcp.") + domain, ttl, QStringLiteral("SRV"),
                QStringLiteral("0 0 443 %1").arg(mx));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace tegami
