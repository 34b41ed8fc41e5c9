// Control API: the certificate store and which listeners use which certificate.
#include "service/CertificateTlsProvider.h"
#include "service/ControlApi.h"
#include "service/ControlServer.h"
#include "service/Engine.h"
#include "service/Params.h"
#include "tls/CertificateStore.h"

#include <QJsonArray>

namespace tegami {

namespace {

QJsonObject certificateJson(Engine& engine, const CertificateInfo& info)
{
    QJsonObject o = info.toJson();
    o.insert(QStringLiteral("usedBy"), QJsonArray::fromStringList(engine.certificateProvider().usedBy(info.id)));
    return o;
}

// Every name clients may use to reach this server, so a generated certificate matches
// all listeners: the admin's names, the server FQDN and each protocol's own FQDN.
QStringList serverNames(const Settings& s, QStringList names)
{
    names << s.effectiveFqdn();
    for (Protocol p : allProtocols)
        names << s.listenerFqdn(p);
    QStringList unique;
    for (const QString& n : names) {
        if (!n.isEmpty() && !unique.contains(n, Qt::CaseInsensitive))
            unique << n;
    }
    return unique;
}

Result<KeyType> keyTypeParam(const std::optional<QString>& name, KeyType fallback)
{
    if (!name)
        return fallback;
    const std::optional<KeyType> type = keyTypeFromName(*name);
    if (!type)
        return Error::invalid(QStringLiteral("keyType"),
            QStringLiteral("must be one of: %1").arg(keyTypeNames().join(QStringLiteral(", "))));
    return *type;
}

// The store changed: the next connection must see it.
Result<QJsonValue> changed(Engine& engine, const Result<CertificateInfo>& info)
{
    if (!info)
        return info.error();
    engine.certificateProvider().invalidate();
    return QJsonValue(certificateJson(engine, *info));
}

} // namespace

void registerCertificateMethods(ControlServer& server, Engine& engine)
{
    // Each call looks the store up: a restore (backup.restore) reopens it.
    server.registerMethod(
        QStringLiteral("cert.list"),
        [&](const QJsonObject&, ControlConnection&) -> Result<QJsonValue> {
            QJsonArray certificates;
            for (const CertificateInfo& info : engine.certificates().list())
                certificates.append(certificateJson(engine, info));
            QJsonArray pending;
            for (const PendingRequest& r : engine.certificates().pendingRequests())
                pending.append(r.toJson());
            QJsonObject assignments;
            for (Protocol p : allProtocols) {
                const CertificateCheck check = engine.certificateProvider().check(p);
                QJsonObject a = check.toJson();
                a.insert(QStringLiteral("certificate"), engine.settings().certificateFor(p));
                a.insert(QStringLiteral("fqdn"), engine.settings().listenerFqdn(p));
                assignments.insert(protocolName(p), a);
            }
            return QJsonValue(QJsonObject { { QStringLiteral("certificates"), certificates },
                { QStringLiteral("pending"), pending }, { QStringLiteral("assignments"), assignments } });
        },
        QStringLiteral("Certificates, pending requests, and each protocol's assignment with its check"));

    server.registerMethod(
        QStringLiteral("cert.import"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const std::optional<QString> pem = p.optionalString(QStringLiteral("pem"));
            const std::optional<QString> key = p.optionalString(QStringLiteral("key"));
            const std::optional<QString> passphrase = p.optionalString(QStringLiteral("passphrase"));
            const std::optional<QString> pkcs12 = p.optionalString(QStringLiteral("pkcs12"));
            const std::optional<QString> password = p.optionalString(QStringLiteral("password"));
            if (!p.ok())
                return p.error();
            if (pem.has_value() == pkcs12.has_value())
                return Error::invalid(QStringLiteral("pem"),
                    QStringLiteral("give either pem (PEM text) or pkcs12 (base64 of a .pfx/.p12 file)"));
            if (pkcs12) {
                const auto decoded
                    = QByteArray::fromBase64Encoding(pkcs12->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                if (!decoded)
                    return Error::invalid(QStringLiteral("pkcs12"), QStringLiteral("is not base64"));
                return changed(
                    engine, engine.certificates().importPkcs12(*decoded, password.value_or(QString()).toUtf8()));
            }
            return changed(engine,
                engine.certificates().importPem(
                    pem->toUtf8(), key.value_or(QString()).toUtf8(), passphrase.value_or(QString()).toUtf8()));
        },
        QStringLiteral("Import a certificate: {pem, key?, passphrase?} or {pkcs12 (base64), password}"));

    server.registerMethod(
        QStringLiteral("cert.generate"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            SelfSignedRequest r;
            r.commonName = p.optionalString(QStringLiteral("commonName")).value_or(engine.settings().effectiveFqdn());
            const QStringList names = p.optionalStringList(QStringLiteral("sans")).value_or(QStringList());
            r.validityDays = static_cast<int>(p.optionalInt(QStringLiteral("validityDays"), 1, 3650).value_or(825));
            const std::optional<QString> keyType = p.optionalString(QStringLiteral("keyType"));
            if (!p.ok())
                return p.error();
            Result<KeyType> type = keyTypeParam(keyType, KeyType::EcP256);
            if (!type)
                return type.error();
            r.keyType = *type;
            r.sans = serverNames(engine.settings(), names);
            return changed(engine, engine.certificates().generateSelfSigned(r));
        },
        QStringLiteral("Generate a self-signed certificate for this server's names: {commonName?, sans?, keyType?, "
                       "validityDays?}"));

    server.registerMethod(
        QStringLiteral("cert.csr"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            CsrRequest r;
            r.commonName = p.optionalString(QStringLiteral("commonName")).value_or(engine.settings().effectiveFqdn());
            r.organisation = p.optionalString(QStringLiteral("organisation")).value_or(QString());
            r.organisationalUnit = p.optionalString(QStringLiteral("organisationalUnit")).value_or(QString());
            r.locality = p.optionalString(QStringLiteral("locality")).value_or(QString());
            r.state = p.optionalString(QStringLiteral("state")).value_or(QString());
            r.country = p.optionalString(QStringLiteral("country")).value_or(QString());
            r.email = p.optionalString(QStringLiteral("email")).value_or(QString());
            const QStringList names = p.optionalStringList(QStringLiteral("sans")).value_or(QStringList());
            const std::optional<QString> keyType = p.optionalString(QStringLiteral("keyType"));
            if (!p.ok())
                return p.error();
            Result<KeyType> type = keyTypeParam(keyType, KeyType::Rsa2048);
            if (!type)
                return type.error();
            r.keyType = *type;
            r.sans = serverNames(engine.settings(), names);
            Result<PendingRequest> pending = engine.certificates().createCsr(r);
            if (!pending)
                return pending.error();
            return QJsonValue(pending->toJson());
        },
        QStringLiteral("Create a key and a certificate signing request for a CA: {commonName?, organisation?, ..., "
                       "sans?, keyType?}"));

    server.registerMethod(
        QStringLiteral("cert.complete"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString pem = p.requiredString(QStringLiteral("pem"));
            if (!p.ok())
                return p.error();
            return changed(engine, engine.certificates().completeCsr(pem.toUtf8()));
        },
        QStringLiteral("Import the CA's answer to a pending request: {pem}"));

    server.registerMethod(
        QStringLiteral("cert.assign"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("id"));
            const QString target = p.optionalString(QStringLiteral("protocol")).value_or(QStringLiteral("default"));
            const bool force = p.optionalBool(QStringLiteral("force")).value_or(false);
            if (!p.ok())
                return p.error();
            Result<LoadedCertificate> loaded = engine.certificates().load(id);
            if (!loaded)
                return loaded.error();
            const Result<CertificateInfo> info = engine.certificates().find(id);
            QString key = QStringLiteral("tls.defaultCertificate");
            QList<Protocol> affected;
            if (target != QLatin1String("default")) {
                const std::optional<Protocol> protocol = protocolFromName(target);
                if (!protocol)
                    return Error::invalid(QStringLiteral("protocol"),
                        QStringLiteral("must be default or one of: %1")
                            .arg(protocolNames().join(QStringLiteral(", "))));
                key = protocolName(*protocol) + QStringLiteral(".certificate");
                affected << *protocol;
            } else {
                for (Protocol pr : allProtocols) {
                    if (engine.settings().string(protocolName(pr) + QStringLiteral(".certificate")).isEmpty())
                        affected << pr;
                }
            }
            // Check against the name of every listener that will use it.
            QJsonObject checks;
            QStringList problems;
            for (Protocol pr : affected) {
                const CertificateCheck c
                    = checkCertificate(*loaded, engine.settings().listenerFqdn(pr), engine.clock().now());
                checks.insert(protocolName(pr), c.toJson());
                if (!c.usable && engine.settings().protocolEnabled(pr))
                    problems << QStringLiteral("%1: %2").arg(protocolName(pr), c.problems.join(QStringLiteral("; ")));
            }
            if (!problems.isEmpty() && !force) {
                return Error::invalid(QStringLiteral("id"),
                    QStringLiteral(
                        "the certificate does not fit: %1. Fix the names (server.fqdn, <protocol>.fqdn) or "
                        "use another certificate; `force` assigns it anyway, and those listeners then offer no TLS")
                        .arg(problems.join(QStringLiteral(" | "))));
            }
            Settings next = engine.settings();
            if (Result<void> r = next.set(key, info->id); !r)
                return r.error();
            Result<ApplyReport> report = engine.applySettings(next);
            if (!report)
                return report.error();
            return QJsonValue(QJsonObject { { QStringLiteral("id"), info->id }, { QStringLiteral("setting"), key },
                { QStringLiteral("checks"), checks } });
        },
        QStringLiteral(
            "Use a certificate for one protocol or as the default, after checking it fits: {id, protocol?, force?}"));

    server.registerMethod(
        QStringLiteral("cert.export"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("id"));
            const bool chain = p.optionalBool(QStringLiteral("chain")).value_or(true);
            const std::optional<QString> pkcs12Password = p.optionalString(QStringLiteral("pkcs12Password"));
            if (!p.ok())
                return p.error();
            if (pkcs12Password) {
                Result<QByteArray> data = engine.certificates().exportPkcs12(id, pkcs12Password->toUtf8());
                if (!data)
                    return data.error();
                return QJsonValue(QJsonObject { { QStringLiteral("pkcs12"), QString::fromLatin1(data->toBase64()) } });
            }
            Result<QByteArray> pem = engine.certificates().exportCertificate(id, chain);
            if (!pem)
                return pem.error();
            return QJsonValue(QJsonObject { { QStringLiteral("pem"), QString::fromUtf8(*pem) } });
        },
        QStringLiteral("The public certificate as PEM, or with pkcs12Password the certificate and key as PKCS#12: {id, "
                       "chain?, pkcs12Password?}"));

    server.registerMethod(
        QStringLiteral("cert.remove"),
        [&](const QJsonObject& params, ControlConnection&) -> Result<QJsonValue> {
            Params p(params);
            const QString id = p.requiredString(QStringLiteral("id"));
            if (!p.ok())
                return p.error();
            const Result<CertificateInfo> info = engine.certificates().find(id);
            if (!info) {
                // Not a certificate: maybe a pending request.
                for (const PendingRequest& r : engine.certificates().pendingRequests()) {
                    if (r.id == id) {
                        if (Result<void> removed = engine.certificates().removePending(id); !removed)
                            return removed.error();
                        return QJsonValue(true);
                    }
                }
                return info.error();
            }
            const QStringList users = engine.certificateProvider().usedBy(info->id);
            if (!users.isEmpty()) {
                return Error::invalid(QStringLiteral("id"),
                    QStringLiteral("the certificate %1 is assigned to %2; assign another certificate first")
                        .arg(info->id, users.join(QStringLiteral(", "))));
            }
            if (Result<void> r = engine.certificates().remove(info->id); !r)
                return r.error();
            engine.certificateProvider().invalidate();
            return QJsonValue(true);
        },
        QStringLiteral("Remove a certificate that no listener uses, or a pending request: {id}"));
}

} // namespace tegami
