#pragma once

#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace tegami::tables {

// A read-only table the way every page shows one: whole rows selected, one at a time,
// sortable columns off (the service's order is meaningful), compact rows.
QTableView* create(QWidget* parent, const QString& objectName, QAbstractItemModel* model);

} // namespace tegami::tables
