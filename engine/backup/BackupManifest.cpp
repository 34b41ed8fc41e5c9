#include "backup/BackupManifest.h"

#include "accounts/AccountSchema.h"
#include "core/SettingsSchema.h"
#include "store/StoreSchema.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tegami {

namespace {

Error damaged(const QString& what)
{
    return Error::invalid(QStringLiteral("backup"),
        QStringLiteral("the backup's manifest is not valid (%1): the file is damaged or not a Tegami backup; use "
                       "another copy")
            .arg(what));
}

QJsonObject countsJson(const BackupManifest::Counts& c)
{
    return {
        { QStringLiteral("domains"), c.domains },
        { QStringLiteral("mailboxes"), c.mailboxes },
        { QStringLiteral("aliases"), c.aliases },
        { QStringLiteral("folders"), c.folders },
        { QStringLiteral("messages"), c.messages },
        { QStringLiteral("messageBytes"), c.messageBytes },
        { QStringLiteral("queuedMessages"), c.queuedMessages },
        { QStringLiteral("certificateFiles"), c.certificateFiles },
    };
}

} // namespace

QJsonObject BackupManifest::summaryJson() const
{
    return {
        { QStringLiteral("format"), QStringLiteral("tegami-backup") },
        { QStringLiteral("formatVersion"), formatVersion },
        { QStringLiteral("tegamiVersion"), tegamiVersion },
        { QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("sourceDataDir"), sourceDataDir },
        { QStringLiteral("schemas"),
            QJsonObject { { QStringLiteral("settings"), settingsSchema },
                { QStringLiteral("accounts"), accountsSchema }, { QStringLiteral("store"), storeSchema } } },
        { QStringLiteral("counts"), countsJson(counts) },
        { QStringLiteral("contents"), QJsonArray::fromStringList(contents) },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(warnings) },
        { QStringLiteral("fileCount"), files.size() },
    };
}

QJsonObject BackupManifest::toJson() const
{
    QJsonObject o = summaryJson();
    QJsonArray list;
    for (const File& f : files) {
        list.append(QJsonObject { { QStringLiteral("path"), f.path }, { QStringLiteral("size"), f.size },
            { QStringLiteral("sha256"), QString::fromLatin1(f.sha256) } });
    }
    o.insert(QStringLiteral("files"), list);
    return o;
}

Result<BackupManifest> BackupManifest::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return damaged(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("tegami-backup"))
        return damaged(QStringLiteral("no \"format\": \"tegami-backup\""));
    BackupManifest m;
    m.formatVersion = o.value(QStringLiteral("formatVersion")).toInt(0);
    if (m.formatVersion < 1)
        return damaged(QStringLiteral("no formatVersion"));
    m.tegamiVersion = o.value(QStringLiteral("tegamiVersion")).toString();
    if (m.formatVersion > currentFormatVersion) {
        return Error::invalid(QStringLiteral("backup"),
            QStringLiteral("the backup has format version %1 (written by Tegami %2), but this Tegami reads up to "
                           "version %3: restore it with that Tegami version or a newer one")
                .arg(m.formatVersion)
                .arg(m.tegamiVersion)
                .arg(currentFormatVersion));
    }
    m.createdAt = QDateTime::fromString(o.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    if (!m.createdAt.isValid())
        return damaged(QStringLiteral("no valid createdAt"));
    m.sourceDataDir = o.value(QStringLiteral("sourceDataDir")).toString();
    const QJsonObject schemas = o.value(QStringLiteral("schemas")).toObject();
    m.settingsSchema = schemas.value(QStringLiteral("settings")).toInt(-1);
    m.accountsSchema = schemas.value(QStringLiteral("accounts")).toInt(-1);
    m.storeSchema = schemas.value(QStringLiteral("store")).toInt(-1);
    if (m.settingsSchema < 0 || m.accountsSchema < 0 || m.storeSchema < 0)
        return damaged(QStringLiteral("schema versions missing"));
    const QJsonObject c = o.value(QStringLiteral("counts")).toObject();
    m.counts.domains = c.value(QStringLiteral("domains")).toInteger();
    m.counts.mailboxes = c.value(QStringLiteral("mailboxes")).toInteger();
    m.counts.aliases = c.value(QStringLiteral("aliases")).toInteger();
    m.counts.folders = c.value(QStringLiteral("folders")).toInteger();
    m.counts.messages = c.value(QStringLiteral("messages")).toInteger();
    m.counts.messageBytes = c.value(QStringLiteral("messageBytes")).toInteger();
    m.counts.queuedMessages = c.value(QStringLiteral("queuedMessages")).toInteger();
    m.counts.certificateFiles = c.value(QStringLiteral("certificateFiles")).toInteger();
    for (const QJsonValue& v : o.value(QStringLiteral("contents")).toArray())
        m.contents << v.toString();
    for (const QJsonValue& v : o.value(QStringLiteral("warnings")).toArray())
        m.warnings << v.toString();
    const QJsonValue files = o.value(QStringLiteral("files"));
    if (!files.isArray())
        return damaged(QStringLiteral("no file list"));
    for (const QJsonValue& v : files.toArray()) {
        const QJsonObject f = v.toObject();
        File file { f.value(QStringLiteral("path")).toString(), f.value(QStringLiteral("size")).toInteger(-1),
            f.value(QStringLiteral("sha256")).toString().toLatin1() };
        if (file.path.isEmpty() || file.size < 0 || file.sha256.size() != 64)
            return damaged(QStringLiteral("a file entry without path, size or SHA-256"));
        m.files.append(file);
    }
    return m;
}

Result<void> BackupManifest::checkCompatible() const
{
    const auto newer = [this](const QString& what, int theirs, int ours) {
        return Error::invalid(QStringLiteral("backup"),
            QStringLiteral("the backup's %1 have schema version %2 (written by Tegami %3), but this Tegami knows up to "
                           "version %4: restore it with that Tegami version or a newer one")
                .arg(what)
                .arg(theirs)
                .arg(tegamiVersion)
                .arg(ours));
    };
    if (settingsSchema > SettingsSchema::currentVersion)
        return newer(QStringLiteral("settings"), settingsSchema, SettingsSchema::currentVersion);
    if (accountsSchema > accountsSchemaVersion)
        return newer(QStringLiteral("accounts"), accountsSchema, accountsSchemaVersion);
    if (storeSchema > storeSchemaVersion)
        return newer(QStringLiteral("mail store index"), storeSchema, storeSchemaVersion);
    return {};
}

} // namespace tegami
