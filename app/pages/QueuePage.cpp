#include "pages/QueuePage.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "Format.h"
#include "client/ServiceClient.h"
#include "models/QueueModel.h"
#include "widgets/Confirm.h"
#include "widgets/Tables.h"

namespace tegami {

QueuePage::QueuePage(ServiceClient& client, QWidget* parent)
    : Page(client, parent)
    , m_model(new QueueModel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<h2>Queue</h2>"), this));
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("queueState"));
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    auto* buttons = new QHBoxLayout;
    m_retry = new QPushButton(tr("Retry now"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retryAll = new QPushButton(tr("Retry all"), this);
    m_retryAll->setObjectName(QStringLiteral("retryAllButton"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("deleteQueuedButton"));
    m_delete->setToolTip(tr("Remove the message from the queue without telling its sender."));
    buttons->addWidget(m_retry);
    buttons->addWidget(m_retryAll);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    layout->addLayout(buttons);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table = tables::create(splitter, QStringLiteral("queueTable"), m_model);
    m_details = new QPlainTextEdit(splitter);
    m_details->setObjectName(QStringLiteral("queueDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a message to see each recipient's state and last error."));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_retry, &QPushButton::clicked, this, [this] { retry(false); });
    connect(m_retryAll, &QPushButton::clicked, this, [this] { retry(true); });
    connect(m_delete, &QPushButton::clicked, this, &QueuePage::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueuePage::showSelected);
    showSelected();
}

void QueuePage::refresh()
{
    client().call(QStringLiteral("queue.list"), this, [this](const RpcReply& r) {
        if (!r.ok) {
            m_empty->setText(describe(r));
            return;
        }
        m_model->setRows(r.result.toArray());
        const int n = m_model->rowCount();
        m_empty->setText(n == 0 ? tr("The queue is empty: every message has been delivered.")
                                : tr("%n message(s) waiting for delivery.", nullptr, n));
        m_retryAll->setEnabled(n > 0);
        showSelected();
    });
}

QString QueuePage::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->keyOf(rows.first().row());
}

void QueuePage::showSelected()
{
    const QString id = selectedId();
    m_retry->setEnabled(!id.isEmpty());
    m_delete->setEnabled(!id.isEmpty());
    if (id.isEmpty()) {
        m_details->clear();
        return;
    }
    const QJsonObject m = m_model->row(m_model->indexOfKey(id));
    QString text = tr("Message %1 from %2, %3, queued %4, expires %5\n\n")
                       .arg(id, m.value(QStringLiteral("sender")).toString(),
                           format::bytes(m.value(QStringLiteral("size")).toInteger()),
                           format::localTime(m.value(QStringLiteral("queuedAt")).toString()),
                           format::localTime(m.value(QStringLiteral("expiresAt")).toString()));
    text += QueueModel::recipientsText(m);
    if (m_details->toPlainText() != text)
        m_details->setPlainText(text);
}

void QueuePage::retry(bool all)
{
    QJsonObject params;
    const QString id = selectedId();
    if (!all) {
        if (id.isEmpty())
            return;
        params.insert(QStringLiteral("id"), id);
    }
    client().call(QStringLiteral("queue.retry"), params, this, [this, all](const RpcReply& r) {
        Q_EMIT statusMessage(
            r.ok ? (all ? tr("Retrying every queued message now.") : tr("Retrying the message now.")) : describe(r));
        refresh();
    });
}

void QueuePage::removeSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    if (!Confirm::ask(this, tr("Delete queued message"),
            tr("Delete message %1 from the queue? Its sender is not told.").arg(id), tr("Delete")))
        return;
    client().call(
        QStringLiteral("queue.delete"), { { QStringLiteral("id"), id } }, this, [this, id](const RpcReply& r) {
            Q_EMIT statusMessage(r.ok ? tr("Message %1 deleted from the queue.").arg(id) : describe(r));
            refresh();
        });
}

} // namespace tegami
