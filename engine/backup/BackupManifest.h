#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tegami {

// What a backup holds, written as manifest.json, the archive's last entry (so it can list
// the hash of every file before it). A reader refuses a manifest of another format
// version, and a backup whose schemas are newer than this Tegami understands.
struct BackupManifest {
    static constexpr int currentFormatVersion = 1;
    static constexpr const char* fileName = "manifest.json";

    struct File {
        QString path; // relative, '/' separated: "store/messages/3f/0000003f.eml"
        qint64 size = 0;
        QByteArray sha256; // hex
    };
    struct Counts {
        qint64 domains = 0;
        qint64 mailboxes = 0; // accounts (users)
        qint64 aliases = 0;
        qint64 folders = 0; // IMAP folders of every owner
        qint64 messages = 0; // message rows in the store index
        qint64 messageBytes = 0;
        qint64 queuedMessages = 0; // accepted, not yet delivered (queue/messages)
        qint64 certificateFiles = 0;
    };

    int formatVersion = currentFormatVersion;
    QString tegamiVersion;
    QDateTime createdAt; // when the snapshot was taken (UTC)
    QString sourceDataDir;
    int settingsSchema = 0; // 0: the backup has no settings file
    int accountsSchema = 0;
    int storeSchema = 0;
    Counts counts;
    QStringList contents; // "settings", "accounts", "certificates", "mail", "queue"
    QStringList warnings; // e.g. message files missing from the store at snapshot time
    QList<File> files;

    QJsonObject toJson() const;
    // Parses and checks the fields; a newer format or schema is refused with the fix.
    static Result<BackupManifest> fromJson(const QByteArray& json);
    // Refuses schemas newer than this build writes (an older backup is migrated at reopen).
    Result<void> checkCompatible() const;
    // The summary the control API and tegamictl show (no file list).
    QJsonObject summaryJson() const;
};

} // namespace tegami
