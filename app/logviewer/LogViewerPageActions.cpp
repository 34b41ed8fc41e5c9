// LogViewerPage, part two: row actions, transcripts, past days and export.
#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QClipboard>
#include <QDateEdit>
#include <QFileDialog>
#include <QFont>
#include <QLabel>
#include <QMenu>
#include <QSaveFile>
#include <QTableView>
#include <QTextCharFormat>
#include <QToolButton>

#include "logviewer/LogFilterBar.h"
#include "logviewer/LogTranscriptDialog.h"
#include "logviewer/LogViewModel.h"
#include "logviewer/LogViewerPage.h"

namespace tegami {

QMenu* LogViewerPage::createContextMenu(const QModelIndex& index, QWidget* parent)
{
    if (!index.isValid())
        return nullptr;
    LogViewModel* model = currentModel();
    const QString sid = model->data(index, LogViewModel::SessionRole).toString();
    const QString address = model->data(index, LogViewModel::RemoteAddressRole).toString();
    QList<int> rows;
    if (m_table->selectionModel() && m_table->selectionModel()->isRowSelected(index.row(), {})) {
        for (const QModelIndex& selected : m_table->selectionModel()->selectedRows())
            rows.append(selected.row());
        std::sort(rows.begin(), rows.end());
    } else {
        rows.append(index.row());
    }

    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("logRowMenu"));
    QAction* copy = menu->addAction(tr("Copy %n row(s)", nullptr, int(rows.size())));
    copy->setObjectName(QStringLiteral("copyAction"));
    connect(copy, &QAction::triggered, this, [this, rows] { copyRows(rows); });
    menu->addSeparator();

    QAction* session = menu->addAction(tr("Show session %1 only…").arg(sid));
    session->setObjectName(QStringLiteral("sessionOnlyAction"));
    session->setEnabled(!sid.isEmpty());
    connect(session, &QAction::triggered, this, [this, sid] { showTranscript(sid); });
    QAction* filterSession = menu->addAction(tr("Filter by session %1").arg(sid));
    filterSession->setObjectName(QStringLiteral("filterSessionAction"));
    filterSession->setEnabled(!sid.isEmpty());
    connect(filterSession, &QAction::triggered, this, [this, sid] { m_filterBar->setSession(sid); });
    QAction* filterRemote = menu->addAction(tr("Filter by %1").arg(address));
    filterRemote->setObjectName(QStringLiteral("filterRemoteAction"));
    filterRemote->setEnabled(!address.isEmpty());
    connect(filterRemote, &QAction::triggered, this, [this, address] { m_filterBar->setRemote(address); });
    menu->addSeparator();

    QAction* disconnectAction = menu->addAction(tr("Disconnect session %1").arg(sid));
    disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    // A session from a past day's files is over; only live sessions can be ended.
    disconnectAction->setEnabled(!sid.isEmpty() && !isShowingPastDay() && m_source);
    connect(disconnectAction, &QAction::triggered, this, [this, sid] { disconnectSession(sid); });
    QAction* ban = menu->addAction(tr("Ban %1…").arg(address));
    ban->setObjectName(QStringLiteral("banAction"));
    ban->setEnabled(!address.isEmpty() && m_source);
    connect(ban, &QAction::triggered, this, [this, address] { banAddress(address); });
    return menu;
}

void LogViewerPage::onContextMenu(const QPoint& pos)
{
    QMenu* menu = createContextMenu(m_table->indexAt(pos), this);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

void LogViewerPage::copyRows(const QList<int>& rows) const
{
    const LogViewModel* model = currentModel();
    QStringList lines;
    for (int row : rows) {
        if (row >= 0 && row < model->rowCount())
            lines.append(model->lineText(model->serialAt(row)));
    }
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

void LogViewerPage::banAddress(const QString& address)
{
    if (!m_source || address.isEmpty())
        return;
    if (!confirm(tr("Ban %1? The server will refuse every connection from this address until the ban is lifted "
                    "on the Security page.")
                     .arg(address)))
        return;
    m_source->banAddress(address, tr("Banned from the protocol log"));
    showMessage(tr("Banning %1…").arg(address));
}

void LogViewerPage::disconnectSession(const QString& sid)
{
    if (!m_source || sid.isEmpty())
        return;
    m_source->disconnectSession(sid);
    showMessage(tr("Disconnecting session %1…").arg(sid));
}

void LogViewerPage::onActionFinished(const QString& action, const QString& target, bool ok, const QString& message)
{
    if (action == QLatin1String("security.ban")) {
        showMessage(ok ? tr("Banned %1.").arg(target) : tr("Could not ban %1: %2").arg(target, message));
    } else if (action == QLatin1String("session.disconnect")) {
        showMessage(ok ? tr("Session %1 disconnected.").arg(target)
                       : tr("Could not disconnect session %1: %2").arg(target, message));
    }
}

LogTranscriptDialog* LogViewerPage::showTranscript(const QString& sid)
{
    auto* dialog = new LogTranscriptDialog(currentModel(), sid, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void LogViewerPage::openDay(const QDate& date)
{
    if (!m_source || !date.isValid())
        return;
    if (!m_past) {
        m_past = new LogViewModel(m_options.pastDayCapacity, this);
        m_past->setObjectName(QStringLiteral("pastDayLogModel"));
        m_past->setDarkPalette(m_live->isDarkPalette());
        connect(m_past, &LogViewModel::countsChanged, this, &LogViewerPage::updateStatus);
    }
    m_past->clear();
    const bool wasLive = !isShowingPastDay();
    m_pastDate = date;
    m_pastLoading = true;
    m_pendingOffset = 0;
    if (wasLive)
        m_waiting = 0;
    m_pastLabel->setText(tr("Past day %1 from the log files: loading…").arg(date.toString(Qt::ISODate)));
    m_pastBanner->setVisible(true);
    m_followButton->setEnabled(false);
    m_followButton->setText(tr("Follow newest"));
    {
        const QSignalBlocker block(m_dayEdit);
        m_dayEdit->setDate(date);
    }
    setModel(m_past);
    updateWaiting();
    updateStatus();
    m_source->requestDay(date, 0, m_options.dayPageSize, LogFilter {});
}

void LogViewerPage::onDayLoaded(const QDate& date, qint64 offset, const QList<LogEvent>& events, qint64 next)
{
    if (date != m_pastDate || offset != m_pendingOffset || !m_past)
        return; // an answer for a day the admin has left
    m_past->appendEvents(events);
    m_past->flush();
    if (offset == 0)
        m_table->scrollToTop(); // a day reads from its start
    const qsizetype loaded = m_past->store().size();
    const QString day = date.toString(Qt::ISODate);
    if (next >= 0 && loaded < m_past->capacity()) {
        m_pendingOffset = next;
        m_pastLabel->setText(
            tr("Past day %1 from the log files: loading… %Ln event(s) so far", nullptr, int(loaded)).arg(day));
        m_source->requestDay(date, next, m_options.dayPageSize, LogFilter {});
        return;
    }
    // TODO(tegami): a day larger than pastDayCapacity shows its first events only; paging on
    // through the rest (or reading from `next` on demand) is not built.
    m_pastLoading = false;
    m_pendingOffset = -1;
    m_pastLabel->setText(next >= 0 ? tr("Past day %1 from the log files: the first %Ln event(s) (the viewer's limit). "
                                        "Use tegamictl or the files for the rest.",
                             nullptr, int(loaded))
                                         .arg(day)
                                   : tr("Past day %1 from the log files: %Ln event(s). Live events keep arriving in "
                                        "the background.",
                                       nullptr, int(loaded))
                                         .arg(day));
}

void LogViewerPage::onDayFailed(const QDate& date, qint64 offset, const QString& error)
{
    if (date != m_pastDate || offset != m_pendingOffset)
        return;
    m_pastLoading = false;
    m_pendingOffset = -1;
    m_pastLabel->setText(tr("Past day %1: could not read the log files: %2").arg(date.toString(Qt::ISODate), error));
}

void LogViewerPage::onDaysListed(const QList<LogDayInfo>& days)
{
    QCalendarWidget* calendar = m_dayEdit->calendarWidget();
    if (!calendar)
        return;
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    for (const LogDayInfo& day : days) {
        calendar->setDateTextFormat(day.date, bold);
        if (day.date < m_dayEdit->minimumDate() || m_dayEdit->minimumDate() == QDate(1752, 9, 14))
            m_dayEdit->setMinimumDate(day.date);
    }
}

void LogViewerPage::backToLive()
{
    if (!isShowingPastDay())
        return;
    m_pastDate = {};
    m_pendingOffset = -1;
    m_pastLoading = false;
    m_pastBanner->setVisible(false);
    m_followButton->setEnabled(true);
    setModel(m_live);
    if (m_past)
        m_past->clear(); // a day can be a million events: give the memory back
    setFollowing(true);
    updateStatus();
}

// TODO(tegami): the export runs in one go on the UI thread (about a second per million rows);
// write it in slices with a progress bar when admins export whole buffers often.
bool LogViewerPage::exportVisible(const QString& path, LogExportFormat format, QString* error)
{
    LogViewModel* model = currentModel();
    model->flush();
    model->finishFiltering();
    QSaveFile file(path);
    QString message;
    bool ok = file.open(QIODevice::WriteOnly);
    if (!ok)
        message = tr("Could not create %1: %2").arg(path, file.errorString());
    ok = ok && writeLogExport(file, *model, format, &message);
    if (ok && !file.commit()) {
        ok = false;
        message = tr("Could not save %1: %2").arg(path, file.errorString());
    }
    showMessage(ok ? tr("Exported %n row(s) to %1.", nullptr, model->rowCount()).arg(path) : message);
    if (error)
        *error = message;
    return ok;
}

void LogViewerPage::exportWithDialog(LogExportFormat format)
{
    const QString filter = format == LogExportFormat::Csv ? tr("CSV files (*.csv)") : tr("JSON Lines (*.jsonl)");
    const QString suggested = QStringLiteral("protocol-log-%1.%2")
                                  .arg((isShowingPastDay() ? m_pastDate : QDate::currentDate()).toString(Qt::ISODate),
                                      format == LogExportFormat::Csv ? QStringLiteral("csv") : QStringLiteral("jsonl"));
    const QString path = m_saveFile
        ? m_saveFile(filter)
        : QFileDialog::getSaveFileName(this, tr("Export the shown rows"), suggested, filter);
    if (!path.isEmpty())
        exportVisible(path, format);
}

} // namespace tegami
