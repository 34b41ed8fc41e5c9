// tegamictl backup ...: backups of the running service (create, verify, restore).
// The service does the work (it owns the data); paths are made absolute here because the
// service does not share this shell's working directory.
// TODO(tegami): `backup verify` without a running service (tegamictl would link
// tegami_backup and call verifyBackupArchive itself; tools/tegamictl/CMakeLists.txt).
#include "service/ControlClient.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

#include "CommandSupport.h"
#include "Output.h"

namespace tegami::cli {

namespace {

// Backups of a large store take a while; the service answers when it is done.
constexpr int backupTimeoutMs = 24 * 60 * 60 * 1000;

QString bytesText(qint64 bytes)
{
    return bytes <= 0 ? QStringLiteral("0 B") : formatSize(bytes);
}

QString localTime(const QJsonValue& iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : iso.toString();
}

int callLong(
    Context& ctx, const QString& method, const QString& file, const std::function<void(const QJsonObject&)>& print)
{
    QJsonObject params;
    if (!file.isEmpty())
        params.insert(QStringLiteral("path"), QFileInfo(file).absoluteFilePath());
    const Result<QJsonValue> r = ctx.client.call(method, params, backupTimeoutMs);
    if (!r)
        return serviceError(r.error());
    if (ctx.json)
        printJson(*r);
    else
        print(r->toObject());
    return ExitOk;
}

// What a manifest says the backup holds, a line each.
void printContents(const QJsonObject& manifest)
{
    const QJsonObject c = manifest.value(QStringLiteral("counts")).toObject();
    const QJsonObject s = manifest.value(QStringLiteral("schemas")).toObject();
    std::printf("  Taken:        %s by Tegami %s from %s\n",
        qPrintable(localTime(manifest.value(QStringLiteral("createdAt")))),
        qPrintable(manifest.value(QStringLiteral("tegamiVersion")).toString()),
        qPrintable(manifest.value(QStringLiteral("sourceDataDir")).toString()));
    std::printf("  Accounts:     %lld domains, %lld mailboxes, %lld aliases\n",
        c.value(QStringLiteral("domains")).toInteger(), c.value(QStringLiteral("mailboxes")).toInteger(),
        c.value(QStringLiteral("aliases")).toInteger());
    std::printf("  Mail:         %lld messages (%s) in %lld folders\n", c.value(QStringLiteral("messages")).toInteger(),
        qPrintable(bytesText(c.value(QStringLiteral("messageBytes")).toInteger())),
        c.value(QStringLiteral("folders")).toInteger());
    std::printf("  Queue:        %lld messages accepted but not yet delivered (included; delivered after a restore)\n",
        c.value(QStringLiteral("queuedMessages")).toInteger());
    std::printf("  Certificates: %lld files (certificates, private keys, pending requests)\n",
        c.value(QStringLiteral("certificateFiles")).toInteger());
    QStringList contents;
    for (const QJsonValue& v : manifest.value(QStringLiteral("contents")).toArray())
        contents << v.toString();
    std::printf("  Contains:     %s (not the protocol logs)\n", qPrintable(contents.join(QStringLiteral(", "))));
    std::printf("  Schemas:      settings %d, accounts %d, store %d; format %d\n",
        s.value(QStringLiteral("settings")).toInt(), s.value(QStringLiteral("accounts")).toInt(),
        s.value(QStringLiteral("store")).toInt(), manifest.value(QStringLiteral("formatVersion")).toInt());
    for (const QJsonValue& w : manifest.value(QStringLiteral("warnings")).toArray())
        std::printf("  Warning:      %s\n", qPrintable(w.toString()));
}

int cmdBackupCreate(Context& ctx)
{
    if (ctx.cl.words.size() > 3)
        return usageError(QStringLiteral("usage: tegamictl backup create [FILE]"));
    return callLong(ctx, QStringLiteral("backup.create"), ctx.cl.word(2), [](const QJsonObject& r) {
        const QString path = r.value(QStringLiteral("path")).toString();
        std::printf("Backup written to %s (%s)\n", qPrintable(path),
            qPrintable(bytesText(r.value(QStringLiteral("bytes")).toInteger())));
        printContents(r.value(QStringLiteral("manifest")).toObject());
        std::printf("  The service paused for %lld ms to take the snapshot.\n",
            r.value(QStringLiteral("snapshotPauseMs")).toInteger());
        std::printf("\nThis file contains the private keys of the certificates and the password hashes of every "
                    "mailbox.\nIt is readable by its owner only (mode 0600): keep it as safe as the server.\n");
        if (!QFileInfo::exists(path)) {
            // The system service runs with a private /tmp and without home directories.
            std::printf("Note: the file is not visible to you at that path: the service writes it as its own user, "
                        "in its own view of the file system (the system service has a private /tmp). Copy it from "
                        "the service's data directory as root, or give no FILE to write into DATA/backups/.\n");
        }
    });
}

int cmdBackupVerify(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl backup verify FILE"));
    return callLong(ctx, QStringLiteral("backup.verify"), ctx.cl.word(2), [](const QJsonObject& r) {
        const QJsonObject m = r.value(QStringLiteral("manifest")).toObject();
        std::printf("%s is a complete Tegami backup: %lld files match their SHA-256 (%s)\n",
            qPrintable(r.value(QStringLiteral("path")).toString()), m.value(QStringLiteral("fileCount")).toInteger(),
            qPrintable(bytesText(r.value(QStringLiteral("bytes")).toInteger())));
        printContents(m);
    });
}

int cmdBackupRestore(Context& ctx)
{
    if (ctx.cl.words.size() != 3)
        return usageError(QStringLiteral("usage: tegamictl backup restore FILE [--force]"));
    const QString file = ctx.cl.word(2);
    if (!ctx.cl.has(QStringLiteral("--force"))) {
        // Show what would come back, and change nothing.
        const int rc = callLong(ctx, QStringLiteral("backup.verify"), file, [](const QJsonObject& r) {
            std::printf("%s holds:\n", qPrintable(r.value(QStringLiteral("path")).toString()));
            printContents(r.value(QStringLiteral("manifest")).toObject());
        });
        if (rc != ExitOk)
            return rc;
        std::fprintf(stderr,
            "tegamictl: restoring replaces ALL current settings, accounts, certificates, mail and queued messages "
            "with the backup's (the current data is kept aside in DATA/backups/pre-restore-<time>/). Nothing was "
            "changed: run again with --force to restore.\n");
        return ExitUsage;
    }
    return callLong(ctx, QStringLiteral("backup.restore"), file, [](const QJsonObject& r) {
        std::printf("Restored %s\n", qPrintable(r.value(QStringLiteral("path")).toString()));
        printContents(r.value(QStringLiteral("manifest")).toObject());
        std::printf("The previous data was moved to %s (remove it when you no longer need it).\n",
            qPrintable(r.value(QStringLiteral("previousData")).toString()));
        std::printf("Queued messages in the backup are delivered now; the listeners have been restarted.\n");
        for (const QJsonValue& w : r.value(QStringLiteral("warnings")).toArray())
            std::printf("Warning: %s\n", qPrintable(w.toString()));
    });
}

} // namespace

QList<Command> backupCommands()
{
    return {
        { { QStringLiteral("backup"), QStringLiteral("create") }, QStringLiteral("backup create [FILE]"),
            QStringLiteral("write a backup (settings, accounts, certificates with private keys, mail, queue) while "
                           "the service runs; default DATA/backups/tegami-<time>.tar"),
            cmdBackupCreate },
        { { QStringLiteral("backup"), QStringLiteral("verify") }, QStringLiteral("backup verify FILE"),
            QStringLiteral("check a backup's manifest and every file's SHA-256; changes nothing"), cmdBackupVerify },
        { { QStringLiteral("backup"), QStringLiteral("restore") }, QStringLiteral("backup restore FILE [--force]"),
            QStringLiteral("replace all data with a backup's (the current data is kept aside); --force confirms"),
            cmdBackupRestore },
    };
}

QStringList backupFlags()
{
    // --force is a flag of every group already.
    return {};
}

} // namespace tegami::cli
