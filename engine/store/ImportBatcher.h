#pragma once

#include "store/MailStore.h"
#include "store/MailTransfer.h"

namespace tegami {

// Feeds imported messages to MailStore::appendBatch() in groups, so an import costs one
// sync per group rather than per message. When a group fails as a whole, its messages are
// retried one by one so the report names the bad one and the rest still get in.
class ImportBatcher {
public:
    ImportBatcher(MailStore& store, qint64 folderId, TransferReport& report);

    void add(const QString& label, QByteArray message, AppendOptions options);
    void flush();

private:
    static constexpr size_t maxMessages = 200;
    static constexpr qint64 maxBytes = 32 * 1024 * 1024;

    MailStore& m_store;
    qint64 m_folderId;
    TransferReport& m_report;
    std::vector<AppendRequest> m_requests;
    QStringList m_labels;
    qint64 m_bytes = 0;
};

// The folder to import into, created when missing.
Result<FolderInfo> importTargetFolder(MailStore& store, const QString& owner, const QString& folderName);

} // namespace tegami
