#include "store/ImportBatcher.h"

namespace tegami {

ImportBatcher::ImportBatcher(MailStore& store, qint64 folderId, TransferReport& report)
    : m_store(store)
    , m_folderId(folderId)
    , m_report(report)
{ }

void ImportBatcher::add(const QString& label, QByteArray message, AppendOptions options)
{
    m_bytes += message.size();
    m_requests.push_back({ std::move(message), std::move(options) });
    m_labels << label;
    if (m_requests.size() >= maxMessages || m_bytes >= maxBytes)
        flush();
}

void ImportBatcher::flush()
{
    if (m_requests.empty())
        return;
    auto batch = m_store.appendBatch(m_folderId, m_requests);
    if (batch) {
        m_report.messages += int(batch->size());
    } else {
        for (size_t i = 0; i < m_requests.size(); ++i) {
            auto one = m_store.append(m_folderId, m_requests[i].message, m_requests[i].options);
            if (one)
                ++m_report.messages;
            else
                m_report.errors << m_labels.at(qsizetype(i)) + QStringLiteral(": ") + one.error().message;
        }
    }
    m_requests.clear();
    m_labels.clear();
    m_bytes = 0;
}

Result<FolderInfo> importTargetFolder(MailStore& store, const QString& owner, const QString& folderName)
{
    auto existing = store.findFolder(owner, folderName);
    if (existing) {
        if (!existing->selectable) {
            return Error::invalid(QStringLiteral("folder"),
                QStringLiteral("folder \"%1\" only holds subfolders; import into another folder").arg(existing->name));
        }
        return existing;
    }
    if (existing.error().code != ErrorCode::NotFound)
        return existing.error();
    return store.createFolder(owner, folderName, SpecialUse::None);
}

} // namespace tegami
