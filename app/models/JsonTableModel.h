#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>

namespace tegami {

// A table of JSON objects as the control API returns them (one object per row). Each
// subclass declares its columns; rows keep their selection across refreshes when the
// same keys come back in the same order.
class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using Cell = std::function<QVariant(const QJsonObject& row, int role)>;

    explicit JsonTableModel(QObject* parent = nullptr);

    void setRows(const QJsonArray& rows);
    QJsonObject row(int index) const { return m_rows.value(index); }
    QList<QJsonObject> rows() const { return m_rows; }
    // The row whose key is key, or -1.
    int indexOfKey(const QString& key) const;
    QString keyOf(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    // A column whose display text is text(row); tooltip defaults to the same text.
    void addColumn(const QString& header, std::function<QString(const QJsonObject&)> text);
    // A column that answers every role itself.
    void addCell(const QString& header, Cell cell);
    // What identifies a row (an id or address); the whole object by default.
    void setKey(std::function<QString(const QJsonObject&)> key) { m_key = std::move(key); }

private:
    struct Column {
        QString header;
        Cell cell;
    };
    QList<Column> m_columns;
    QList<QJsonObject> m_rows;
    std::function<QString(const QJsonObject&)> m_key;
};

} // namespace tegami
