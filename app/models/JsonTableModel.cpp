#include "models/JsonTableModel.h"

#include <QJsonDocument>

namespace tegami {

JsonTableModel::JsonTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_key([](const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); })
{ }

void JsonTableModel::setRows(const QJsonArray& rows)
{
    QList<QJsonObject> next;
    next.reserve(rows.size());
    for (const QJsonValue& v : rows)
        next << v.toObject();
    bool sameKeys = next.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < next.size(); ++i)
        sameKeys = m_key(next[i]) == m_key(m_rows[i]);
    if (sameKeys) {
        m_rows = std::move(next);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(next);
    endResetModel();
}

int JsonTableModel::indexOfKey(const QString& key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_key(m_rows[i]) == key)
            return static_cast<int>(i);
    }
    return -1;
}

QString JsonTableModel::keyOf(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return QString();
    return m_key(m_rows[row]);
}

int JsonTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return QVariant();
    return m_columns[index.column()].cell(m_rows[index.row()], role);
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns[section].header;
    return QAbstractTableModel::headerData(section, orientation, role);
}

void JsonTableModel::addColumn(const QString& header, std::function<QString(const QJsonObject&)> text)
{
    addCell(header, [text = std::move(text)](const QJsonObject& row, int role) -> QVariant {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return text(row);
        return QVariant();
    });
}

void JsonTableModel::addCell(const QString& header, Cell cell)
{
    m_columns << Column { header, std::move(cell) };
}

} // namespace tegami
