// Control API: what the wizards and the Diagnostics page build on. The client-settings card
// and its exports, the port and binding probe, the configuration check, and whether a
// certificate fits each listener.
//
//   diag.clientSettings {internalHost?, externalHost?}
//     -> {internal: {host, pop3: [{host, port, security}], imap: [...], smtp: [...]}, external: {...},
//         username, authentication, domains: [...], warnings: [...]}
//        security: "tls" (implicit TLS), "starttls" or "none"; the preferred entry first.
//   diag.export {format: "autoconfig"|"autodiscover"|"dns", domain?, scope?: "external"|"internal",
//                emailAddress?, strictSpf?, internalHost?, externalHost?}
//     -> {format, fileName, mimeType, content}
//   diag.probePort {address, port, protocol?, tls?}
//     -> {address, port, protocol, ok, problems: [{kind, message, fix}], usedBy?, firewall: [...]}
//   diag.probeBindings {listeners: [{protocol, address, port, tls}], complete?}
//     -> {ok, listeners: [<as diag.probePort without firewall>], firewall: ["open TCP 993 for IMAP4 over TLS"]}
//        kind: "in-use" | "duplicate" | "privileged" | "address";
//        usedBy: {program, pid, command?} (another program) | {tegami: "imap listener"}
//   diag.checks {} (answers after the server name's DNS lookup, at most 5 s)
//     -> [{id, severity: "error"|"warning"|"info", message, page, wizard}]
//   diag.certificateMatch {certificate, fqdn?}   (fqdn: a proposed name to check instead of each listener's)
//     -> {certificate, subject, sans, listeners: [{protocol, address, port, tls, enabled, fqdn, matches, reason}],
//         usable, problems, warnings, notBefore, notAfter, daysLeft, selfSigned, trusted, trustProblem}
#include "accounts/AccountStore.h"
#include "diag/ClientSettings.h"
#include "diag/ClientSettingsExport.h"
#include "diag/ConfigCheck.h"
#include "diag/PortProbe.h"
#include "net/ListenerManager.h"
#include "service/CertificateTlsProvider.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "tls/CertificateStore.h"
#include "tls/HostName.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonArray>
#include <QTimer>

namespace tegami {

namespace {

constexpr int kLookupTimeoutMs = 5000;

QStringList domainNames(Engine& engine)
{
    QStringList names;
    const Result<QList<Domain>> domains = engine.accounts().listDomains();
    if (domains) {
        for (const Domain& d : *domains)
            names << d.name;
    }
    return names;
}

ClientSettingsCard buildCard(
    Engine& engine, const std::optional<QString>& internalHost, const std::optional<QString>& externalHost)
{
    const Settings& s = engine.settings();
    ClientSettingsInput in;
    in.listeners = ListenerView::fromStatusJson(engine.listeners().statusJson());
    in.domains = domainNames(engine);
    const QString configuredExternal = s.string(QStringLiteral("server.externalHostName"));
    in.internal.host = internalHost.value_or(s.effectiveFqdn());
    in.external.host = externalHost.value_or(configuredExternal.isEmpty() ? s.effectiveFqdn() : configuredExternal);
    for (Protocol p : allProtocols) {
        // A protocol's own name (imap.fqdn) is what its certificate is for, unless the admin
        // named the host of a scope.
        const QString own = s.string(protocolName(p) + QStringLiteral(".fqdn"));
        if (own.isEmpty())
            continue;
        if (!internalHost)
            in.internal.perProtocol.insert(p, own);
        if (!externalHost && configuredExternal.isEmpty())
            in.external.perProtocol.insert(p, own);
    }
    return buildClientSettings(in);
}

Result<ProbeEntry> probeEntryFrom(const QJsonObject& o, const QString& prefix)
{
    Params p(o);
    ProbeEntry e;
    e.address = p.requiredString(QStringLiteral("address")).trimmed();
    e.port = static_cast<quint16>(p.optionalInt(QStringLiteral("port"), 1, 65535).value_or(0));
    e.protocol = p.optionalString(QStringLiteral("protocol")).value_or(QString());
    // "tls" is a mode ("none", "starttls", "implicit"/"tls") or a yes/no for implicit TLS.
    std::optional<QString> tls;
    const QJsonValue tlsValue = o.value(QStringLiteral("tls"));
    // (false says only "not implicit": the firewall reminder then names no mode.)
    if (tlsValue.isBool())
        e.tls = tlsValue.toBool() ? QStringLiteral("implicit") : QString();
    else
        tls = p.optionalString(QStringLiteral("tls"));
    if (!p.ok()) {
        Error error = p.error();
        error.field = prefix + error.field;
        return error;
    }
    if (e.port == 0)
        return Error::invalid(prefix + QStringLiteral("port"), QStringLiteral("give a port between 1 and 65535"));
    if (!e.protocol.isEmpty() && !protocolFromName(e.protocol))
        return Error::invalid(prefix + QStringLiteral("protocol"),
            QStringLiteral("'%1' is not a protocol; use one of: %2")
                .arg(e.protocol, protocolNames().join(QStringLiteral(", "))));
    e.protocol = e.protocol.toLower();
    if (tls) {
        if (*tls == QLatin1String("tls"))
            tls = QStringLiteral("implicit");
        if (*tls != QLatin1String("none") && *tls != QLatin1String("starttls") && *tls != QLatin1String("implicit"))
            return Error::invalid(
                prefix + QStringLiteral("tls"), QStringLiteral("must be one of: none, starttls, implicit"));
        e.tls = *tls;
    }
    return e;
}

PortProbe probeFor(Engine& engine)
{
    PortProbe probe;
    QList<RunningListener> running;
    for (const Listener* l : engine.listeners().listeners()) {
        if (l->state() == ListenerState::Listening)
            running << RunningListener { protocolName(l->spec().protocol), l->spec().binding.address, l->boundPort() };
    }
    probe.setRunningListeners(running);
    probe.setDaemonPath(QCoreApplication::applicationFilePath());
    return probe;
}

ConfigFacts gatherFacts(Engine& engine)
{
    ConfigFacts f;
    f.settings = engine.settings();
    f.listeners = ListenerView::fromStatusJson(engine.listeners().statusJson());
    for (Protocol p : allProtocols) {
        if (!f.settings.protocolEnabled(p))
            continue;
        f.certificateChecks.insert(p, engine.certificateProvider().check(p));
        const QString id = f.settings.certificateFor(p);
        if (id.isEmpty() || f.certificates.contains(id))
            continue;
        if (const Result<CertificateInfo> info = engine.certificates().find(id); info)
            f.certificates.insert(id, *info);
    }
    const Result<QList<Domain>> domains = engine.accounts().listDomains();
    f.domains = domains ? static_cast<int>(domains->size()) : -1;
    const Result<QList<Mailbox>> mailboxes = engine.accounts().listMailboxes();
    f.users = mailboxes ? static_cast<int>(
                  std::count_if(mailboxes->begin(), mailboxes->end(), [](const Mailbox& m) { return !m.admin; }))
                        : -1;
    f.fqdn = f.settings.effectiveFqdn();
    f.engineWarnings = engine.warnings();
    f.now = engine.clock().now();
    return f;
}

QJsonObject certificateMatch(Engine& engine, const QString& id, const LoadedCertificate& loaded,
    const CertificateInfo& info, const std::optional<QString>& proposedFqdn)
{
    const Settings& s = engine.settings();
    const QDateTime now = engine.clock().now();
    QJsonArray listeners;
    for (Protocol p : allProtocols) {
        const QString n = protocolName(p);
        const QString fqdn = proposedFqdn.value_or(s.listenerFqdn(p));
        const bool matches = !fqdn.isEmpty() && certificateMatchesHost(loaded.certificate, fqdn);
        const QString reason = matches ? QStringLiteral("%1 is among the certificate's names").arg(fqdn)
            : fqdn.isEmpty()           ? QStringLiteral("the server has no name (set server.fqdn)")
                                       : QStringLiteral("the certificate is for %1, not for %2")
                                   .arg(certificateNames(loaded.certificate).join(QStringLiteral(", ")), fqdn);
        for (const char* kind : { "bindings", "tlsBindings" }) {
            const bool implicit = QLatin1String(kind) == QLatin1String("tlsBindings");
            for (const Binding& b : s.bindings(n + QLatin1Char('.') + QLatin1String(kind))) {
                listeners.append(QJsonObject { { QStringLiteral("protocol"), n },
                    { QStringLiteral("address"), b.address }, { QStringLiteral("port"), b.port },
                    { QStringLiteral("tls"), implicit ? QStringLiteral("implicit") : QStringLiteral("starttls") },
                    { QStringLiteral("enabled"), s.protocolEnabled(p) }, { QStringLiteral("fqdn"), fqdn },
                    { QStringLiteral("matches"), matches }, { QStringLiteral("reason"), reason } });
            }
        }
    }
    // Usability apart from the names (key, dates, strength): checked without an FQDN.
    const CertificateCheck check = checkCertificate(loaded, QString(), now);
    return QJsonObject { { QStringLiteral("certificate"), id }, { QStringLiteral("subject"), info.subject },
        { QStringLiteral("sans"), QJsonArray::fromStringList(info.sans) }, { QStringLiteral("listeners"), listeners },
        { QStringLiteral("usable"), check.usable },
        { QStringLiteral("problems"), QJsonArray::fromStringList(check.problems) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(check.warnings) },
        { QStringLiteral("notBefore"), isoUtc(info.notBefore) }, { QStringLiteral("notAfter"), isoUtc(info.notAfter) },
        { QStringLiteral("daysLeft"), now.secsTo(info.notAfter) / 86400 },
        { QStringLiteral("selfSigned"), info.selfSigned }, { QStringLiteral("trusted"), info.trusted },
        { QStringLiteral("trustProblem"), info.trustProblem } };
}

void registerCardMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("diag.clientSettings"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const std::optional<QString> internalHost = p.optionalString(QStringLiteral("internalHost"));
            const std::optional<QString> externalHost = p.optionalString(QStringLiteral("externalHost"));
            if (!p.ok())
                return p.error();
            return QJsonValue(buildCard(engine, internalHost, externalHost).toJson());
        },
        QStringLiteral("The client-settings card (internal and external POP3, IMAP4 and SMTP server names, ports and "
                       "encryption): {internalHost?, externalHost?}"));

    server.registerMethod(
        QStringLiteral("diag.export"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            ExportRequest r;
            r.format = p.requiredString(QStringLiteral("format"));
            r.domain = p.optionalString(QStringLiteral("domain")).value_or(QString());
            const QString scope = p.optionalString(QStringLiteral("scope")).value_or(QStringLiteral("external"));
            r.emailAddress = p.optionalString(QStringLiteral("emailAddress")).value_or(QString());
            r.dns.strictSpf = p.optionalBool(QStringLiteral("strictSpf")).value_or(false);
            const std::optional<QString> internalHost = p.optionalString(QStringLiteral("internalHost"));
            const std::optional<QString> externalHost = p.optionalString(QStringLiteral("externalHost"));
            if (!p.ok())
                return p.error();
            if (scope != QLatin1String("external") && scope != QLatin1String("internal"))
                return Error::invalid(QStringLiteral("scope"), QStringLiteral("must be external or internal"));
            r.external = scope == QLatin1String("external");
            const Settings& s = engine.settings();
            r.dns.mxEnabled = s.protocolEnabled(Protocol::Smtp);
            const QList<ListenerView> listeners = ListenerView::fromStatusJson(engine.listeners().statusJson());
            r.dns.mxOnPort25 = std::any_of(listeners.begin(), listeners.end(),
                [](const ListenerView& l) { return l.protocol == Protocol::Smtp && l.port == 25; });
            r.dns.smarthost = s.string(QStringLiteral("outbound.smarthost"));
            Result<ExportFile> file = exportClientSettings(buildCard(engine, internalHost, externalHost), r);
            if (!file)
                return file.error();
            return QJsonValue(file->toJson());
        },
        QStringLiteral("The card as a file: Thunderbird autoconfig, Outlook Autodiscover or DNS records: {format, "
                       "domain?, scope?, emailAddress?, strictSpf?}"));
}

void registerProbeMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("diag.probePort"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Result<ProbeEntry> entry = probeEntryFrom(params, QString());
            if (!entry)
                return entry.error();
            const ProbeReport report = probeFor(engine).probe({ *entry });
            QJsonObject o = report.results.first().toJson();
            o.insert(QStringLiteral("firewall"), QJsonArray::fromStringList(report.firewall));
            return QJsonValue(o);
        },
        QStringLiteral("Whether a listener could bind an address and port, and who holds it: {address, port, "
                       "protocol?, tls?}"));

    server.registerMethod(
        QStringLiteral("diag.probeBindings"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            const QJsonValue list = params.value(QStringLiteral("listeners"));
            if (!list.isArray())
                return Error::invalid(QStringLiteral("listeners"),
                    QStringLiteral("give the listeners as a list of {protocol, address, port, tls}"));
            Params p(params);
            const bool complete = p.optionalBool(QStringLiteral("complete")).value_or(false);
            if (!p.ok())
                return p.error();
            QList<ProbeEntry> entries;
            const QJsonArray items = list.toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                Result<ProbeEntry> e = probeEntryFrom(items.at(i).toObject(), QStringLiteral("listeners[%1].").arg(i));
                if (!e)
                    return e.error();
                entries << *e;
            }
            return QJsonValue(probeFor(engine).probe(entries, complete).toJson());
        },
        QStringLiteral("Check listener bindings before applying them (in use, duplicates, privileged ports, addresses) "
                       "and list the firewall ports to open: {listeners: [{protocol, address, port, tls}], "
                       "complete?}"));
}

void registerCheckMethods(ControlServer& server, Engine& engine)
{
    server.registerAsyncMethod(
        QStringLiteral("diag.checks"),
        [&](const QJsonObject&, ControlConnection&, ControlServer::Reply reply) {
            auto facts = std::make_shared<ConfigFacts>(gatherFacts(engine));
            const auto finish = [facts, reply] { reply(QJsonValue(configChecksJson(runConfigChecks(*facts)))); };
            if (facts->fqdn.isEmpty() || !facts->fqdn.contains(QLatin1Char('.'))) {
                finish();
                return;
            }
            // The lookup runs on Qt's resolver threads; whichever of it and the timeout comes first answers.
            QTimer::singleShot(kLookupTimeoutMs, &engine, [facts, finish] {
                facts->fqdnResolves = false;
                facts->fqdnLookupError = QStringLiteral("no answer within %1 s").arg(kLookupTimeoutMs / 1000);
                finish();
            });
            QHostInfo::lookupHost(facts->fqdn, &engine, [facts, finish](const QHostInfo& info) {
                facts->fqdnResolves = info.error() == QHostInfo::NoError && !info.addresses().isEmpty();
                if (!*facts->fqdnResolves)
                    facts->fqdnLookupError = info.errorString();
                finish();
            });
        },
        QStringLiteral("The configuration check: each warning with the page and wizard that fix it"));

    server.registerMethod(
        QStringLiteral("diag.certificateMatch"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("certificate"));
            const std::optional<QString> fqdn = p.optionalString(QStringLiteral("fqdn"));
            if (!p.ok())
                return p.error();
            const Result<CertificateInfo> info = engine.certificates().find(id);
            if (!info)
                return info.error();
            const Result<LoadedCertificate> loaded = engine.certificates().load(info->id);
            if (!loaded)
                return loaded.error();
            return QJsonValue(certificateMatch(engine, info->id, *loaded, *info, fqdn));
        },
        QStringLiteral("Whether a certificate fits each listener's name (wildcards included), its expiry and trust: "
                       "{certificate, fqdn? (a name to check instead of each listener's)}"));
}

} // namespace

void registerDiagSetupMethods(ControlServer& server, Engine& engine)
{
    registerCardMethods(server, engine);
    registerProbeMethods(server, engine);
    registerCheckMethods(server, engine);
}

} // namespace tegami
