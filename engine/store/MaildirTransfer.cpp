// Maildir import and export (https://cr.yp.to/proto/maildir.html, Dovecot's keyword file).
#include "store/ImportBatcher.h"
#include "store/LineEndings.h"
#include "store/MailTransfer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <map>

namespace tegami {

namespace {

constexpr int maildirKeywordSlots = 26; // 'a'..'z'
const QString keywordFileName = QStringLiteral("dovecot-keywords");
const QString forwardedKeyword = QStringLiteral("$Forwarded");

// Dovecot's "dovecot-keywords": lines "<index> <keyword>", index 0 is letter 'a'.
std::map<int, QString> readKeywordFile(const QString& dir)
{
    std::map<int, QString> slots;
    QFile file(dir + QLatin1Char('/') + keywordFileName);
    if (!file.open(QIODevice::ReadOnly))
        return slots;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype space = line.indexOf(QLatin1Char(' '));
        if (space <= 0)
            continue;
        bool ok = false;
        const int index = line.left(space).toInt(&ok);
        const QString keyword = line.mid(space + 1).trimmed();
        if (ok && index >= 0 && index < maildirKeywordSlots && !keyword.isEmpty())
            slots[index] = keyword;
    }
    return slots;
}

// The info part of a Maildir file name: what follows ":2," (or "!2,"/";2," on file
// systems that forbid ':').
QString maildirInfo(const QString& fileName)
{
    for (const char* marker : { ":2,", "!2,", ";2," }) {
        const qsizetype at = fileName.lastIndexOf(QLatin1String(marker));
        if (at >= 0)
            return fileName.mid(at + 3);
    }
    return {};
}

QString maildirBaseName(const QString& fileName)
{
    for (QChar sep : { QLatin1Char(':'), QLatin1Char('!'), QLatin1Char(';') }) {
        const qsizetype at = fileName.lastIndexOf(sep);
        if (at >= 0 && fileName.mid(at + 1).startsWith(QLatin1String("2,")))
            return fileName.left(at);
    }
    return fileName;
}

QStringList flagsFromInfo(const QString& info, const std::map<int, QString>& keywordSlots)
{
    QStringList flags;
    for (QChar c : info) {
        switch (c.unicode()) {
        case 'D':
            flags << systemFlagName(SystemFlag::Draft);
            break;
        case 'F':
            flags << systemFlagName(SystemFlag::Flagged);
            break;
        case 'P':
            flags << forwardedKeyword;
            break;
        case 'R':
            flags << systemFlagName(SystemFlag::Answered);
            break;
        case 'S':
            flags << systemFlagName(SystemFlag::Seen);
            break;
        case 'T':
            flags << systemFlagName(SystemFlag::Deleted);
            break;
        default:
            if (c >= QLatin1Char('a') && c <= QLatin1Char('z')) {
                auto it = keywordSlots.find(c.unicode() - 'a');
                if (it != keywordSlots.end())
                    flags << it->second;
            }
            break;
        }
    }
    return flags;
}

struct MaildirEntry {
    QString path;
    QString label; // "cur/<name>" for the report
    QString info;
    QDateTime mtime;
};

} // namespace

Result<TransferReport> importMaildir(
    MailStore& store, const QString& maildirPath, const QString& owner, const QString& folderName)
{
    const QDir root(maildirPath);
    const bool hasCur = root.exists(QStringLiteral("cur"));
    const bool hasNew = root.exists(QStringLiteral("new"));
    if (!root.exists() || (!hasCur && !hasNew)) {
        return Error::invalid(QStringLiteral("path"),
            QStringLiteral("%1 is not a Maildir: it has no cur/ or new/ directory; give the folder "
                           "that contains them")
                .arg(maildirPath));
    }
    auto target = importTargetFolder(store, owner, folderName);
    if (!target)
        return target.error();

    const std::map<int, QString> keywordSlots = readKeywordFile(root.absolutePath());
    std::vector<MaildirEntry> entries;
    for (const QString& sub : { QStringLiteral("new"), QStringLiteral("cur") }) {
        const QDir dir(root.absoluteFilePath(sub));
        if (!dir.exists())
            continue;
        // Names starting with '.' are temporary files of other tools, by Maildir rules.
        const QFileInfoList files = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo& fi : files) {
            if (fi.fileName().startsWith(QLatin1Char('.')))
                continue;
            entries.push_back({ fi.absoluteFilePath(), sub + QLatin1Char('/') + fi.fileName(),
                sub == QLatin1String("cur") ? maildirInfo(fi.fileName()) : QString(), fi.lastModified().toUTC() });
        }
    }
    // Delivery order, so UIDs ascend the way the mail arrived.
    std::stable_sort(entries.begin(), entries.end(), [](const MaildirEntry& a, const MaildirEntry& b) {
        return a.mtime != b.mtime ? a.mtime < b.mtime : a.label < b.label;
    });

    TransferReport report;
    ImportBatcher batcher(store, target->id, report);
    for (const MaildirEntry& e : entries) {
        QFile file(e.path);
        if (!file.open(QIODevice::ReadOnly)) {
            report.errors << e.label + QStringLiteral(": cannot read: ") + file.errorString();
            continue;
        }
        QByteArray data = file.readAll();
        if (data.isEmpty()) {
            report.errors << e.label + QStringLiteral(": the file is empty; skipped");
            continue;
        }
        AppendOptions options;
        options.flags = flagsFromInfo(e.info, keywordSlots);
        options.internalDate = e.mtime;
        batcher.add(e.label, toCrlf(data), std::move(options));
    }
    batcher.flush();
    return report;
}

Result<TransferReport> exportMaildir(
    MailStore& store, const QString& owner, const QString& folderName, const QString& maildirPath)
{
    auto source = store.findFolder(owner, folderName);
    if (!source)
        return source.error();
    const QFileInfo rootInfo(maildirPath);
    if (rootInfo.exists() && !rootInfo.isDir()) {
        return Error::invalid(
            QStringLiteral("path"), QStringLiteral("%1 is a file; give a directory for the Maildir").arg(maildirPath));
    }
    QDir root(maildirPath);
    for (const QString& sub : { QStringLiteral("cur"), QStringLiteral("new"), QStringLiteral("tmp") }) {
        if (!root.mkpath(sub)) {
            return Error::io(
                QStringLiteral("cannot create %1/%2: check that the location is writable").arg(maildirPath, sub));
        }
    }
    auto list = store.messages(source->id);
    if (!list)
        return list.error();

    TransferReport report;
    // Keep the letters an earlier export (or Dovecot) gave to keywords; add new ones.
    std::map<int, QString> slots = readKeywordFile(root.absolutePath());
    auto letterFor = [&slots](const QString& keyword) -> QChar {
        for (const auto& [index, name] : slots) {
            if (name.compare(keyword, Qt::CaseInsensitive) == 0)
                return QChar(char16_t('a' + index));
        }
        for (int index = 0; index < maildirKeywordSlots; ++index) {
            if (slots.find(index) == slots.end()) {
                slots[index] = keyword;
                return QChar(char16_t('a' + index));
            }
        }
        return {};
    };
    const size_t slotsBefore = slots.size();

    // Existing files by base name, so a re-export replaces instead of duplicating.
    std::map<QString, QString> existing;
    for (const QString& sub : { QStringLiteral("cur"), QStringLiteral("new") }) {
        const QDir dir(root.absoluteFilePath(sub));
        for (const QString& name : dir.entryList(QDir::Files | QDir::NoDotAndDotDot))
            existing[maildirBaseName(name)] = dir.absoluteFilePath(name);
    }

    for (const MessageInfo& m : *list) {
        const QString label = QStringLiteral("UID %1").arg(m.uid);
        auto data = store.readMessage(source->id, m.uid);
        if (!data) {
            report.errors << label + QStringLiteral(": ") + data.error().message;
            continue;
        }
        QString info;
        if (m.flags.has(SystemFlag::Draft))
            info += QLatin1Char('D');
        if (m.flags.has(SystemFlag::Flagged))
            info += QLatin1Char('F');
        if (m.flags.hasKeyword(forwardedKeyword))
            info += QLatin1Char('P');
        if (m.flags.has(SystemFlag::Answered))
            info += QLatin1Char('R');
        if (m.flags.has(SystemFlag::Seen))
            info += QLatin1Char('S');
        if (m.flags.has(SystemFlag::Deleted))
            info += QLatin1Char('T');
        QString letters;
        for (const QString& keyword : m.flags.keywords) {
            if (keyword.compare(forwardedKeyword, Qt::CaseInsensitive) == 0)
                continue;
            const QChar letter = letterFor(keyword);
            if (letter.isNull())
                report.errors << label
                        + QStringLiteral(": keyword %1 dropped: Maildir has room for 26 keywords").arg(keyword);
            else
                letters += letter;
        }
        std::sort(letters.begin(), letters.end());
        info += letters; // Maildir wants the info letters in ASCII order: capitals first

        const QString base = QStringLiteral("%1.G%2.tegami")
                                 .arg(m.internalDate.toSecsSinceEpoch())
                                 .arg(m.guid, 16, 16, QLatin1Char('0'));
        const QString tmpPath = root.absoluteFilePath(QStringLiteral("tmp/") + base);
        const QString finalPath = root.absoluteFilePath(QStringLiteral("cur/") + base + QStringLiteral(":2,") + info);
        QFile out(tmpPath);
        const QByteArray lf = toLf(*data);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(lf) != lf.size() || !out.flush()) {
            report.errors << label + QStringLiteral(": cannot write %1: %2").arg(tmpPath, out.errorString());
            out.close();
            QFile::remove(tmpPath);
            continue;
        }
        out.setFileTime(m.internalDate, QFileDevice::FileModificationTime);
        out.close();
        if (auto it = existing.find(base); it != existing.end())
            QFile::remove(it->second);
        if (!QFile::rename(tmpPath, finalPath)) {
            report.errors << label + QStringLiteral(": cannot move the file into %1/cur").arg(maildirPath);
            QFile::remove(tmpPath);
            continue;
        }
        ++report.messages;
    }

    if (slots.size() != slotsBefore) {
        QSaveFile keywords(root.absoluteFilePath(keywordFileName));
        if (keywords.open(QIODevice::WriteOnly)) {
            for (const auto& [index, name] : slots)
                keywords.write(QByteArray::number(index) + ' ' + name.toUtf8() + '\n');
        }
        if (!keywords.commit())
            report.errors
                << QStringLiteral("%1: cannot write the keyword list: %2").arg(keywordFileName, keywords.errorString());
    }
    return report;
}

} // namespace tegami
