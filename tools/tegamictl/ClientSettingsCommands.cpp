// tegamictl client-settings, port check and config check: what users put in their mail
// clients (and the files and DNS records that let clients find it themselves), whether a
// listener could bind an address and port, and the configuration check.
#include "service/ControlClient.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

QString securityText(const QString& security)
{
    if (security == QLatin1String("tls"))
        return QStringLiteral("SSL/TLS");
    if (security == QLatin1String("starttls"))
        return QStringLiteral("STARTTLS");
    return QStringLiteral("none (not encrypted)");
}

// Every row names its scope and service: the table is also read by grep and scripts.
void addScopeRows(QList<QStringList>& rows, const QString& scope, const QJsonObject& s)
{
    const struct {
        const char* key;
        const char* label;
    } services[] = { { "imap", "IMAP4 (incoming)" }, { "pop3", "POP3 (incoming)" }, { "smtp", "SMTP (outgoing)" } };
    bool any = false;
    for (const auto& service : services) {
        for (const QJsonValue& v : s.value(QLatin1String(service.key)).toArray()) {
            const QJsonObject e = v.toObject();
            rows << QStringList { scope, QString::fromLatin1(service.label), e.value(QStringLiteral("host")).toString(),
                QString::number(e.value(QStringLiteral("port")).toInt()),
                securityText(e.value(QStringLiteral("security")).toString()) };
            any = true;
        }
    }
    if (!any)
        rows << QStringList { scope, QStringLiteral("(nothing running)"), QStringLiteral("-"), QStringLiteral("-"),
            QStringLiteral("-") };
}

void printCard(const QJsonObject& card)
{
    const QStringList domains = card.value(QStringLiteral("domains")).toVariant().toStringList();
    std::printf("Mail client settings%s\n",
        domains.isEmpty() ? "" : qPrintable(QStringLiteral(" for ") + domains.join(QStringLiteral(", "))));
    std::printf("User name:       %s\n", qPrintable(card.value(QStringLiteral("username")).toString()));
    std::printf("Authentication:  %s\n\n", qPrintable(card.value(QStringLiteral("authentication")).toString()));
    QList<QStringList> rows;
    addScopeRows(rows, QStringLiteral("internal"), card.value(QStringLiteral("internal")).toObject());
    addScopeRows(rows, QStringLiteral("external"), card.value(QStringLiteral("external")).toObject());
    printTable({ QStringLiteral("ACCESS"), QStringLiteral("SERVICE"), QStringLiteral("SERVER"), QStringLiteral("PORT"),
                   QStringLiteral("ENCRYPTION") },
        rows);
    std::printf("\nThe first entry of each service is the one to use; the others also work.\n");
    const QJsonArray warnings = card.value(QStringLiteral("warnings")).toArray();
    if (!warnings.isEmpty()) {
        std::printf("\nWarnings:\n");
        for (const QJsonValue& w : warnings)
            std::printf("  - %s\n", qPrintable(w.toString()));
    }
}

int cmdClientSettings(Context& ctx)
{
    const CommandLine& cl = ctx.cl;
    if (cl.words.size() != 1)
        return usageError(
            QStringLiteral("usage: tegamictl client-settings [--internal-host H] [--external-host H] "
                           "[--export autoconfig|autodiscover|dns [--domain D] [--scope external|internal]]"));
    QJsonObject params;
    if (cl.has(QStringLiteral("--internal-host")))
        params.insert(QStringLiteral("internalHost"), cl.option(QStringLiteral("--internal-host")));
    if (cl.has(QStringLiteral("--external-host")))
        params.insert(QStringLiteral("externalHost"), cl.option(QStringLiteral("--external-host")));
    if (!cl.has(QStringLiteral("--export"))) {
        if (cl.has(QStringLiteral("--domain")) || cl.has(QStringLiteral("--scope")) || cl.has(QStringLiteral("--email"))
            || cl.has(QStringLiteral("--strict-spf")))
            return usageError(QStringLiteral("--domain, --scope, --email and --strict-spf go with --export"));
        return call(
            ctx, QStringLiteral("diag.clientSettings"), params, [](const QJsonValue& v) { printCard(v.toObject()); });
    }
    params.insert(QStringLiteral("format"), cl.option(QStringLiteral("--export")));
    if (cl.has(QStringLiteral("--domain")))
        params.insert(QStringLiteral("domain"), cl.option(QStringLiteral("--domain")));
    if (cl.has(QStringLiteral("--scope")))
        params.insert(QStringLiteral("scope"), cl.option(QStringLiteral("--scope")));
    if (cl.has(QStringLiteral("--email")))
        params.insert(QStringLiteral("emailAddress"), cl.option(QStringLiteral("--email")));
    if (cl.has(QStringLiteral("--strict-spf")))
        params.insert(QStringLiteral("strictSpf"), true);
    // The file itself goes to stdout, so `> config-v1.1.xml` saves it.
    return call(ctx, QStringLiteral("diag.export"), params, [](const QJsonValue& v) {
        std::fputs(v.toObject().value(QStringLiteral("content")).toString().toUtf8().constData(), stdout);
    });
}

void printProbe(const QJsonObject& r)
{
    const QString address = r.value(QStringLiteral("address")).toString();
    const QString where = QStringLiteral("%1:%2")
                              .arg(address.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(address) : address)
                              .arg(r.value(QStringLiteral("port")).toInt());
    const QString protocol = r.value(QStringLiteral("protocol")).toString();
    const QString name = protocol.isEmpty() ? where : QStringLiteral("%1 (%2)").arg(where, protocol);
    const QJsonObject usedBy = r.value(QStringLiteral("usedBy")).toObject();
    const QJsonArray problems = r.value(QStringLiteral("problems")).toArray();
    if (problems.isEmpty()) {
        if (usedBy.contains(QStringLiteral("tegami")))
            std::printf("%s: OK (Tegami's %s listens there now)\n", qPrintable(name),
                qPrintable(usedBy.value(QStringLiteral("tegami")).toString()));
        else
            std::printf("%s: OK, free to use\n", qPrintable(name));
    } else {
        std::printf("%s: cannot be used\n", qPrintable(name));
        for (const QJsonValue& v : problems) {
            const QJsonObject p = v.toObject();
            std::printf("  - %s [%s]\n    fix: %s\n", qPrintable(p.value(QStringLiteral("message")).toString()),
                qPrintable(p.value(QStringLiteral("kind")).toString()),
                qPrintable(p.value(QStringLiteral("fix")).toString()));
        }
    }
    const QJsonArray firewall = r.value(QStringLiteral("firewall")).toArray();
    for (const QJsonValue& f : firewall)
        std::printf("Firewall: %s\n", qPrintable(f.toString()));
}

int cmdPortCheck(Context& ctx)
{
    const CommandLine& cl = ctx.cl;
    bool ok = false;
    const uint port = cl.word(3).toUInt(&ok);
    if (cl.words.size() != 4 || !ok || port == 0 || port > 65535)
        return usageError(QStringLiteral("usage: tegamictl port check [--protocol P] [--tls none|starttls|implicit] "
                                         "ADDRESS PORT (for example: port check --protocol imap 0.0.0.0 993)"));
    QJsonObject params { { QStringLiteral("address"), cl.word(2) },
        { QStringLiteral("port"), static_cast<int>(port) } };
    if (cl.has(QStringLiteral("--protocol")))
        params.insert(QStringLiteral("protocol"), cl.option(QStringLiteral("--protocol")));
    if (cl.has(QStringLiteral("--tls")))
        params.insert(QStringLiteral("tls"), cl.option(QStringLiteral("--tls")));
    const Result<QJsonValue> r = ctx.client.call(QStringLiteral("diag.probePort"), params);
    if (!r)
        return serviceError(r.error());
    if (ctx.json)
        printJson(*r);
    else
        printProbe(r->toObject());
    // Scripts can test the answer: 0 free (or already Tegami's), 1 a problem.
    return r->toObject().value(QStringLiteral("ok")).toBool() ? ExitOk : ExitFailed;
}

int cmdConfigCheck(Context& ctx)
{
    if (ctx.cl.words.size() != 2)
        return usageError(QStringLiteral("usage: tegamictl config check"));
    return call(ctx, QStringLiteral("diag.checks"), {}, [](const QJsonValue& v) {
        const QJsonArray items = v.toArray();
        if (items.isEmpty()) {
            std::printf("No configuration problems found.\n");
            return;
        }
        for (const QJsonValue& i : items) {
            const QJsonObject o = i.toObject();
            const QString wizard = o.value(QStringLiteral("wizard")).toString();
            std::printf("%-8s %s\n         (console: %s page%s)\n",
                qPrintable(o.value(QStringLiteral("severity")).toString().toUpper()),
                qPrintable(o.value(QStringLiteral("message")).toString()),
                qPrintable(o.value(QStringLiteral("page")).toString()),
                wizard.isEmpty() ? "" : qPrintable(QStringLiteral(", or the %1 wizard").arg(wizard)));
        }
    });
}

} // namespace

QList<Command> clientSettingsCommands()
{
    return {
        { { QStringLiteral("client-settings") },
            QStringLiteral("client-settings [--internal-host H] [--external-host H] [--export "
                           "autoconfig|autodiscover|dns [--domain D] [--scope external|internal] [--email ADDRESS] "
                           "[--strict-spf]]"),
            QStringLiteral("the servers, ports and encryption for users' mail clients; --export prints Thunderbird's "
                           "autoconfig XML, Outlook's Autodiscover XML or the DNS records to publish"),
            cmdClientSettings },
        { { QStringLiteral("port"), QStringLiteral("check") },
            QStringLiteral("port check [--protocol P] [--tls none|starttls|implicit] ADDRESS PORT"),
            QStringLiteral("whether a listener could use an address and port (in use and by whom, privileges, "
                           "address); exit status 1 when it cannot"),
            cmdPortCheck },
        { { QStringLiteral("config"), QStringLiteral("check") }, QStringLiteral("config check"),
            QStringLiteral("configuration problems, each with the console page that fixes it"), cmdConfigCheck },
    };
}

QStringList clientSettingsFlags()
{
    return { QStringLiteral("--strict-spf") };
}

} // namespace tegami::cli
