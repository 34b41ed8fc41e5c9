#pragma once

#include "pages/Page.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace tegami {

class QueueModel;

// Outbound messages waiting for delivery, with attempts and errors: retry now or delete.
class QueuePage : public Page {
    Q_OBJECT
public:
    explicit QueuePage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Queue"); }
    void refresh() override;
    bool refreshesPeriodically() const override { return true; }
    QueueModel* model() const { return m_model; }

private:
    QString selectedId() const;
    void showSelected();
    void retry(bool all);
    void removeSelected();

    QueueModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    QPlainTextEdit* m_details = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_retryAll = nullptr;
    QPushButton* m_delete = nullptr;
};

} // namespace tegami
