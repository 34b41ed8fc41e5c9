// Control API: service status, protocols and listeners, settings, and the protocol log.
#include "accounts/AccountStore.h"
#include "core/SettingsSchema.h"
#include "log/ProtocolLog.h"
#include "net/ListenerManager.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/LogFollower.h"
#include "service/Params.h"

#include <QCoreApplication>
#include <QJsonArray>

#include "queue/DeliveryQueue.h"

namespace tegami {

namespace {

QJsonObject fieldJson(const Settings& settings, const FieldSpec& f)
{
    // A secret is never sent out: the admin sees whether one is set, not what it is.
    const QJsonValue value = f.secret
        ? QJsonValue(settings.value(f.key).toString().isEmpty() ? QString() : QStringLiteral("********"))
        : settings.value(f.key);
    QJsonObject o { { QStringLiteral("key"), f.key }, { QStringLiteral("value"), value },
        { QStringLiteral("default"), f.defaultValue }, { QStringLiteral("type"), fieldTypeName(f.type) },
        { QStringLiteral("description"), f.description }, { QStringLiteral("restartRequired"), f.restartRequired },
        { QStringLiteral("secret"), f.secret } };
    if (f.type == FieldType::Int) {
        o.insert(QStringLiteral("minimum"), f.minimum);
        o.insert(QStringLiteral("maximum"), f.maximum);
    }
    if (f.type == FieldType::Enum)
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(f.choices));
    return o;
}

QJsonArray listenersOf(Engine& engine, Protocol p)
{
    QJsonArray out;
    for (const QJsonValue& l : engine.listeners().statusJson()) {
        if (l.toObject().value(QStringLiteral("protocol")).toString() == protocolName(p))
            out.append(l);
    }
    return out;
}

Result<QJsonValue> setProtocolEnabled(Engine& engine, const QJsonObject& params, bool enabled)
{
    Params p(params);
    const QString name = p.requiredString(QStringLiteral("protocol"));
    if (!p.ok())
        return p.error();
    const std::optional<Protocol> protocol = protocolFromName(name);
    if (!protocol) {
        return Error::invalid(QStringLiteral("protocol"),
            QStringLiteral("'%1' is not a protocol; use one of: %2")
                .arg(name, protocolNames().join(QStringLiteral(", "))));
    }
    Settings next = engine.settings();
    if (Result<void> r = next.set(protocolName(*protocol) + QStringLiteral(".enabled"), enabled); !r)
        return r.error();
    Result<ApplyReport> report = engine.applySettings(next);
    if (!report)
        return report.error();
    return QJsonValue(QJsonObject { { QStringLiteral("protocol"), protocolName(*protocol) },
        { QStringLiteral("enabled"), enabled }, { QStringLiteral("listeners"), listenersOf(engine, *protocol) },
        { QStringLiteral("failedListeners"), report->failedListeners } });
}

Result<LogFilter> filterFrom(const QJsonObject& params)
{
    Params p(params);
    LogFilter f;
    f.proto = p.optionalString(QStringLiteral("proto")).value_or(QString());
    f.sid = p.optionalString(QStringLiteral("sid")).value_or(QString());
    f.remote = p.optionalString(QStringLiteral("remote")).value_or(QString());
    f.user = p.optionalString(QStringLiteral("user")).value_or(QString());
    if (!p.ok())
        return p.error();
    return f;
}

} // namespace

void registerSystemMethods(ControlServer& server, Engine& engine)
{
    server.registerMethod(
        QStringLiteral("help"),
        [&server](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            QJsonArray out;
            for (const QString& m : server.methods())
                out.append(
                    QJsonObject { { QStringLiteral("method"), m }, { QStringLiteral("summary"), server.summary(m) } });
            return QJsonValue(out);
        },
        QStringLiteral("The methods of this API"));

    server.registerMethod(
        QStringLiteral("status"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            const Settings& s = engine.settings();
            QJsonObject protocols;
            for (Protocol p : allProtocols)
                protocols.insert(protocolName(p), QJsonObject { { QStringLiteral("enabled"), s.protocolEnabled(p) } });
            const Result<QList<Domain>> domains = engine.accounts().listDomains();
            const Result<QList<Mailbox>> mailboxes = engine.accounts().listMailboxes();
            const Result<QList<Alias>> aliases = engine.accounts().listAliases();
            const QJsonObject accounts { { QStringLiteral("domains"), domains ? domains->size() : 0 },
                { QStringLiteral("mailboxes"), mailboxes ? mailboxes->size() : 0 },
                { QStringLiteral("aliases"), aliases ? aliases->size() : 0 } };
            return QJsonValue(QJsonObject {
                { QStringLiteral("version"), QCoreApplication::applicationVersion() },
                { QStringLiteral("pid"), QCoreApplication::applicationPid() },
                { QStringLiteral("dataDir"), engine.paths().dataDir() },
                { QStringLiteral("startedAt"), engine.startedAt().toString(Qt::ISODateWithMs) },
                { QStringLiteral("uptimeSecs"), engine.startedAt().secsTo(engine.clock().now()) },
                { QStringLiteral("fqdn"), s.effectiveFqdn() },
                { QStringLiteral("protocols"), protocols },
                { QStringLiteral("listeners"), engine.listeners().statusJson() },
                { QStringLiteral("accounts"), accounts },
                { QStringLiteral("queue"),
                    QJsonObject { { QStringLiteral("messages"), engine.queue().messageCount() },
                        { QStringLiteral("today"), engine.queue().counters().toJson() } } },
                { QStringLiteral("warnings"), QJsonArray::fromStringList(engine.warnings()) },
                { QStringLiteral("nextSteps"), QJsonArray::fromStringList(engine.nextSteps()) },
                { QStringLiteral("protocolLog"),
                    QJsonObject { { QStringLiteral("directory"), engine.protocolLog().directory() },
                        { QStringLiteral("recorded"), engine.protocolLog().recordedCount() } } },
            });
        },
        QStringLiteral("The service, its listeners, accounts, warnings and next steps"));

    server.registerMethod(
        QStringLiteral("protocol.enable"),
        [&](const QJsonObject& params, ControlConnection&) { return setProtocolEnabled(engine, params, true); },
        QStringLiteral("Enable a protocol and start its listeners: {protocol}"));
    server.registerMethod(
        QStringLiteral("protocol.disable"),
        [&](const QJsonObject& params, ControlConnection&) { return setProtocolEnabled(engine, params, false); },
        QStringLiteral("Disable a protocol and stop its listeners (sessions finish): {protocol}"));

    server.registerMethod(
        QStringLiteral("listener.list"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            return QJsonValue(engine.listeners().statusJson());
        },
        QStringLiteral("Listeners with their state, and why a failed one failed"));

    server.registerMethod(
        QStringLiteral("config.get"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const std::optional<QString> key = p.optionalString(QStringLiteral("key"));
            if (!p.ok())
                return p.error();
            const SettingsSchema& schema = SettingsSchema::instance();
            if (key) {
                const FieldSpec* f = schema.field(*key);
                if (!f)
                    return Error::invalid(QStringLiteral("key"),
                        QStringLiteral("'%1' is not a known setting; `tegamictl config get` lists them all").arg(*key));
                return QJsonValue(fieldJson(engine.settings(), *f));
            }
            QJsonArray out;
            for (const FieldSpec& f : schema.fields())
                out.append(fieldJson(engine.settings(), f));
            return QJsonValue(out);
        },
        QStringLiteral("Settings with their defaults and descriptions: {key?}"));

    server.registerMethod(
        QStringLiteral("config.set"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString key = p.requiredString(QStringLiteral("key"));
            if (!p.ok())
                return p.error();
            QJsonValue value = params.value(QStringLiteral("value"));
            if (value.isUndefined()) {
                // tegamictl sends what the admin typed; the schema knows how to read it.
                Params text(params);
                const QString typed = text.requiredString(QStringLiteral("text"));
                if (!text.ok())
                    return Error::invalid(
                        QStringLiteral("value"), QStringLiteral("give the new value as \"value\" (JSON) or \"text\""));
                Result<QJsonValue> parsed = Settings::parseValueText(key, typed);
                if (!parsed)
                    return parsed.error();
                value = *parsed;
            }
            Settings next = engine.settings();
            if (Result<void> r = next.set(key, value); !r)
                return r.error();
            Result<ApplyReport> report = engine.applySettings(next);
            if (!report)
                return report.error();
            const FieldSpec* f = SettingsSchema::instance().field(key);
            const QJsonValue shown = f && f->secret ? QJsonValue(QStringLiteral("********")) : value;
            return QJsonValue(QJsonObject { { QStringLiteral("key"), key }, { QStringLiteral("value"), shown },
                { QStringLiteral("restartRequired"), f && f->restartRequired },
                { QStringLiteral("failedListeners"), report->failedListeners } });
        },
        QStringLiteral("Change a setting; validated, saved and applied: {key, value | text}"));

    server.registerMethod(
        QStringLiteral("log.tail"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const int lines
                = static_cast<int>(p.optionalInt(QStringLiteral("lines"), 0, ProtocolLog::kMaxRecent).value_or(50));
            if (!p.ok())
                return p.error();
            Result<LogFilter> filter = filterFrom(params);
            if (!filter)
                return filter.error();
            QJsonArray events;
            if (lines > 0) {
                Result<QList<LogEvent>> recent = engine.protocolLog().recent(lines, *filter);
                if (!recent)
                    return recent.error();
                for (const LogEvent& e : *recent)
                    events.append(e.toJson());
            }
            return QJsonValue(QJsonObject { { QStringLiteral("events"), events } });
        },
        QStringLiteral("The last protocol-log events: {lines?, proto?, sid?, remote?, user?}"));

    server.registerMethod(
        QStringLiteral("log.follow"),
        [&](const QJsonObject& params, ControlConnection& connection) -> Result<QJsonValue> {
            Result<LogFilter> filter = filterFrom(params);
            if (!filter)
                return filter.error();
            connection.setAttachment(
                QStringLiteral("log.follow"), new LogFollower(engine.protocolLog().subscribe(*filter), connection));
            return QJsonValue(QJsonObject { { QStringLiteral("following"), true } });
        },
        QStringLiteral("Stream new protocol-log events as log.event notifications: {proto?, sid?, remote?, user?}"));

    server.registerMethod(
        QStringLiteral("log.unfollow"),
        [&](const QJsonObject&, ControlConnection& connection) -> Result<QJsonValue> {
            connection.setAttachment(QStringLiteral("log.follow"), nullptr);
            return QJsonValue(QJsonObject { { QStringLiteral("following"), false } });
        },
        QStringLiteral("Stop the stream of log.follow"));
}

void registerControlApi(ControlServer& server, Engine& engine)
{
    registerAccountMethods(server, engine);
    registerMailMethods(server, engine);
    registerCertificateMethods(server, engine);
    registerSystemMethods(server, engine);
    registerQueueMethods(server, engine);
    registerMonitorMethods(server, engine);
    registerDiagTestMethods(server, engine);
    registerDiagSetupMethods(server, engine);
    registerBackupMethods(server, engine);
}

} // namespace tegami
