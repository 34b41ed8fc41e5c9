#include "queue/Spool.h"

#include "core/FileSync.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>

#include "queue/QueueLog.h"

namespace tegami {

Q_LOGGING_CATEGORY(lcQueue, "tegami.queue")

namespace {

const QString emlSuffix = QStringLiteral(".eml");
const QString jsonSuffix = QStringLiteral(".json");

Error writeError(const QString& path, const QString& why)
{
    return Error::io(QStringLiteral("cannot write %1: %2; check free disk space and the permissions of the spool "
                                    "directory")
                         .arg(path, why));
}

} // namespace

QJsonObject SpoolRecovery::toJson() const
{
    return QJsonObject {
        { QStringLiteral("tmpFilesRemoved"), tmpFilesRemoved },
        { QStringLiteral("orphanFilesRemoved"), orphanFilesRemoved },
        { QStringLiteral("damaged"), damaged },
        { QStringLiteral("damagedReasons"), QJsonArray::fromStringList(damagedReasons) },
        { QStringLiteral("unknownFiles"), unknownFiles },
    };
}

Result<void> checkEnvelope(const Envelope& envelope)
{
    if (envelope.recipients.empty())
        return Error::invalid(QStringLiteral("recipients"), QStringLiteral("a message needs at least one recipient"));
    for (const EnvelopeRecipient& r : envelope.recipients) {
        if (r.address.isEmpty() || !r.address.contains(QLatin1Char('@')))
            return Error::invalid(
                QStringLiteral("recipients"), QStringLiteral("\"%1\" is not a mailbox address").arg(r.address));
    }
    return {};
}

// ----- the writer ----------------------------------------------------------------------------

class SpoolFileWriter final : public SpoolWriter {
public:
    SpoolFileWriter(std::weak_ptr<Spool*> spool, const QString& path)
        : m_spool(std::move(spool))
        , m_file(path)
    { }
    ~SpoolFileWriter() override
    {
        if (!m_done) {
            m_file.close();
            QFile::remove(m_file.fileName());
        }
    }

    Result<void> open()
    {
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return writeError(m_file.fileName(), m_file.errorString());
        return {};
    }

    Result<void> write(QByteArrayView bytes) override
    {
        if (m_done)
            return Error::internal(QStringLiteral("the message was already committed"));
        if (m_error)
            return *m_error;
        if (m_file.write(bytes.data(), bytes.size()) != bytes.size()) {
            m_error = writeError(m_file.fileName(), m_file.errorString());
            return *m_error;
        }
        m_size += bytes.size();
        return {};
    }

    qint64 size() const override { return m_size; }

    Result<QString> commit(const Envelope& envelope) override
    {
        if (m_done)
            return Error::internal(QStringLiteral("the message was already committed"));
        if (m_error)
            return *m_error;
        if (auto r = checkEnvelope(envelope); !r)
            return r.error();
        const std::shared_ptr<Spool*> spool = m_spool.lock();
        if (!spool)
            return Error { ErrorCode::Busy, QStringLiteral("the queue has stopped; the message was not accepted"), {} };
        if (auto r = platform::syncFile(m_file); !r) {
            m_error = r.error();
            return r.error();
        }
        m_file.close();
        if (m_file.error() != QFileDevice::NoError) {
            m_error = writeError(m_file.fileName(), m_file.errorString());
            return *m_error;
        }
        // From here the staged file belongs to commitStaged(), which removes it on failure.
        m_done = true;
        Result<QueueEntry> entry
            = (*spool)->commitStaged(m_file.fileName(), m_size, envelope, QStringLiteral("smtp"), {});
        if (!entry)
            return entry.error();
        (*spool)->committed(*entry);
        return entry->id;
    }

private:
    std::weak_ptr<Spool*> m_spool;
    QFile m_file;
    qint64 m_size = 0;
    bool m_done = false;
    std::optional<Error> m_error;
};

// ----- the spool -----------------------------------------------------------------------------

Spool::Spool(QString dir, const Clock& clock)
    : m_dir(std::move(dir))
    , m_clock(clock)
    , m_self(std::make_shared<Spool*>(this))
{ }

Spool::~Spool() = default;

QString Spool::messagesDir() const
{
    return m_dir + QStringLiteral("/messages");
}

QString Spool::damagedDir() const
{
    return m_dir + QStringLiteral("/damaged");
}

QString Spool::messagePath(const QString& id) const
{
    return messagesDir() + QLatin1Char('/') + id + emlSuffix;
}

QString Spool::statePath(const QString& id) const
{
    return messagesDir() + QLatin1Char('/') + id + jsonSuffix;
}

QString Spool::newIncomingPath() const
{
    return m_dir
        + QStringLiteral("/incoming/%1.tmp").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

QString Spool::newId()
{
    for (;;) {
        const QString id = QStringLiteral("%1-%2-%3")
                               .arg(m_clock.now().toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz")))
                               .arg(++m_counter, 4, 16, QLatin1Char('0'))
                               .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
        if (!QFile::exists(messagePath(id)) && !QFile::exists(statePath(id)))
            return id;
    }
}

Result<std::unique_ptr<SpoolWriter>> Spool::begin()
{
    auto writer = std::make_unique<SpoolFileWriter>(m_self, newIncomingPath());
    if (auto r = writer->open(); !r)
        return r.error();
    return std::unique_ptr<SpoolWriter>(std::move(writer));
}

Result<QueueEntry> Spool::enqueue(
    const QByteArray& message, const Envelope& envelope, const QString& origin, const QString& parentId)
{
    if (auto r = checkEnvelope(envelope); !r)
        return r.error();
    const QString path = newIncomingPath();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return writeError(path, file.errorString());
    if (file.write(message) != message.size()) {
        const Error e = writeError(path, file.errorString());
        file.close();
        QFile::remove(path);
        return e;
    }
    if (auto r = platform::syncFile(file); !r) {
        file.close();
        QFile::remove(path);
        return r.error();
    }
    file.close();
    return commitStaged(path, message.size(), envelope, origin, parentId);
}

Result<QueueEntry> Spool::commitStaged(
    const QString& stagedPath, qint64 size, const Envelope& envelope, const QString& origin, const QString& parentId)
{
    QueueEntry entry;
    entry.id = newId();
    entry.envelope = envelope;
    entry.size = size;
    entry.queuedAt = m_clock.now().toUTC();
    entry.origin = origin;
    entry.parentId = parentId;
    entry.recipients = QueueEntry::initialRecipients(envelope, entry.queuedAt);

    const QString eml = messagePath(entry.id);
    if (!QFile::rename(stagedPath, eml)) {
        QFile::remove(stagedPath);
        return Error::io(
            QStringLiteral("cannot move %1 to %2: check the permissions of the spool directory").arg(stagedPath, eml));
    }
    // The message must be durable under its name before the envelope says it is there.
    if (auto r = platform::syncDirectory(messagesDir()); !r) {
        QFile::remove(eml);
        return r.error();
    }
    if (auto r = saveState(entry); !r) {
        QFile::remove(statePath(entry.id));
        QFile::remove(eml);
        return r.error();
    }
    return entry;
}

void Spool::committed(const QueueEntry& entry)
{
    if (m_onCommit)
        m_onCommit(entry);
}

Result<void> Spool::saveState(const QueueEntry& entry)
{
    const QString path = statePath(entry.id);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    const QByteArray data = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(data) != data.size()) {
        const Error e = writeError(path, file.errorString());
        file.cancelWriting();
        return e;
    }
    // QSaveFile::commit() fsyncs the temporary file before renaming it over the target; the
    // rename is durable once the directory is synced.
    if (!file.commit())
        return writeError(path, file.errorString());
    return platform::syncDirectory(messagesDir());
}

Result<void> Spool::remove(const QString& id)
{
    const QString json = statePath(id);
    if (!QFile::remove(json) && QFile::exists(json))
        return Error::io(QStringLiteral("cannot remove %1: check the permissions of the spool directory").arg(json));
    if (auto r = platform::syncDirectory(messagesDir()); !r)
        return r;
    const QString eml = messagePath(id);
    if (!QFile::remove(eml) && QFile::exists(eml))
        qCWarning(lcQueue) << "cannot remove" << eml << "; it is removed at the next start";
    return {};
}

void Spool::moveAside(const QString& id, const QString& reason, SpoolRecovery* report)
{
    QDir().mkpath(damagedDir());
    QString target = damagedDir() + QLatin1Char('/') + id;
    for (int n = 2; QFile::exists(target + jsonSuffix) || QFile::exists(target + emlSuffix); ++n)
        target = damagedDir() + QLatin1Char('/') + id + QStringLiteral("~%1").arg(n);
    for (const QString& suffix : { emlSuffix, jsonSuffix }) {
        const QString from = messagesDir() + QLatin1Char('/') + id + suffix;
        if (QFile::exists(from) && !QFile::rename(from, target + suffix))
            qCWarning(lcQueue) << "cannot move damaged spool file" << from << "to" << damagedDir();
    }
    QFile note(target + QStringLiteral(".reason.txt"));
    if (note.open(QIODevice::WriteOnly))
        note.write(reason.toUtf8() + '\n');
    if (auto synced = platform::syncDirectory(damagedDir()); !synced)
        qCWarning(lcQueue).noquote() << synced.error().toString();
    ++report->damaged;
    report->damagedReasons << QStringLiteral("%1: %2").arg(id, reason);
    qCWarning(lcQueue).noquote() << "damaged queue entry" << id << "moved to" << damagedDir() << ":" << reason;
}

Result<std::vector<QueueEntry>> Spool::recover(SpoolRecovery* report)
{
    SpoolRecovery local;
    SpoolRecovery& rep = report ? *report : local;
    for (const QString& path : { m_dir + QStringLiteral("/incoming"), messagesDir() }) {
        if (!QDir().mkpath(path))
            return Error::io(QStringLiteral("cannot create %1: check the permissions of the data directory").arg(path));
    }
    // Half-received messages were never acknowledged.
    QDirIterator incoming(m_dir + QStringLiteral("/incoming"), QDir::Files | QDir::Hidden | QDir::System);
    while (incoming.hasNext()) {
        if (QFile::remove(incoming.next()))
            ++rep.tmpFilesRemoved;
    }

    QStringList states;
    QStringList messages;
    QDirIterator it(messagesDir(), QDir::Files | QDir::Hidden | QDir::System);
    while (it.hasNext()) {
        it.next();
        const QString name = it.fileName();
        if (name.endsWith(jsonSuffix))
            states << name.chopped(jsonSuffix.size());
        else if (name.endsWith(emlSuffix))
            messages << name.chopped(emlSuffix.size());
        else if (name.contains(QLatin1String(".json.")) || name.endsWith(QLatin1String(".tmp"))) {
            // A state rewrite that did not finish (QSaveFile's temporary): the old state stands.
            if (QFile::remove(it.filePath()))
                ++rep.tmpFilesRemoved;
        } else {
            ++rep.unknownFiles;
        }
    }
    std::sort(states.begin(), states.end());

    std::vector<QueueEntry> entries;
    for (const QString& id : states) {
        QFile file(statePath(id));
        if (!file.open(QIODevice::ReadOnly)) {
            moveAside(id, QStringLiteral("the envelope cannot be read: %1").arg(file.errorString()), &rep);
            continue;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        file.close();
        if (!doc.isObject()) {
            moveAside(id, QStringLiteral("the envelope is not valid JSON (%1)").arg(parseError.errorString()), &rep);
            continue;
        }
        Result<QueueEntry> entry = QueueEntry::fromJson(doc.object());
        if (!entry) {
            moveAside(id, entry.error().toString(), &rep);
            continue;
        }
        if (entry->id != id) {
            moveAside(id, QStringLiteral("the envelope belongs to %1").arg(entry->id), &rep);
            continue;
        }
        const QFileInfo eml(messagePath(id));
        if (!eml.exists()) {
            moveAside(id, QStringLiteral("the message file is missing"), &rep);
            continue;
        }
        if (eml.size() != entry->size) {
            moveAside(id,
                QStringLiteral("the message file has %1 bytes, the envelope says %2").arg(eml.size()).arg(entry->size),
                &rep);
            continue;
        }
        messages.removeAll(id);
        entries.push_back(std::move(entry).value());
    }
    // Message files without an envelope: the commit did not finish, so nobody was told 250.
    for (const QString& id : messages) {
        if (states.contains(id))
            continue; // moved aside with its envelope
        if (QFile::remove(messagePath(id)))
            ++rep.orphanFilesRemoved;
    }
    if (rep.tmpFilesRemoved || rep.orphanFilesRemoved || rep.damaged) {
        if (auto r = platform::syncDirectory(messagesDir()); !r)
            return r.error();
    }
    return entries;
}

} // namespace tegami
