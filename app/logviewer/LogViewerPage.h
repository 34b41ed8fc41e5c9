#pragma once

#include <QDate>
#include <QPointer>
#include <QWidget>

#include <functional>

#include "logviewer/LogEventSource.h"
#include "logviewer/LogExport.h"
#include "logviewer/LogViewFilter.h"

class QDateEdit;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace tegami {

class LogFilterBar;
class LogTranscriptDialog;
class LogViewModel;

struct LogViewerOptions {
    qsizetype liveCapacity = 1'000'000; // events kept in memory for the live view
    qsizetype pastDayCapacity = 1'000'000; // events of a past day loaded at most
    int dayPageSize = 5'000; // events per log.read request
    int flushIntervalMsec = 50; // how often new live events reach the table
};

// The Protocol log page: the live protocol log in a table with filters, follow/pause,
// per-session transcripts, actions on a row (copy, ban, disconnect, filter), past days
// from the log files and export. The page owns its models, so what it received survives
// page switches; it follows the source from construction until it is destroyed.
class LogViewerPage : public QWidget {
    Q_OBJECT

public:
    explicit LogViewerPage(LogEventSource* source, QWidget* parent = nullptr, const LogViewerOptions& options = {});
    ~LogViewerPage() override;

    LogViewModel* liveModel() const { return m_live; }
    // The model the table shows: the live one, or the past day's.
    LogViewModel* currentModel() const;
    bool isFollowing() const { return m_follow; }
    void setFollowing(bool follow);
    qint64 waitingCount() const { return m_waiting; }
    qint64 droppedCount() const { return m_dropped; }

    bool isShowingPastDay() const { return m_pastDate.isValid(); }
    QDate pastDay() const { return m_pastDate; }
    void openDay(const QDate& date);
    void backToLive();

    // Writes the rows the table shows (filter applied). False with *error on failure.
    bool exportVisible(const QString& path, LogExportFormat format, QString* error = nullptr);
    LogTranscriptDialog* showTranscript(const QString& sid);

    // The row's context menu, built but not shown (tests trigger its actions by name).
    QMenu* createContextMenu(const QModelIndex& index, QWidget* parent);
    void copyRows(const QList<int>& rows) const;
    void banAddress(const QString& address);
    void disconnectSession(const QString& sid);

    // Test hooks: answers for the confirmation question and the save dialog.
    void setConfirmHandler(std::function<bool(const QString& question)> handler) { m_confirm = std::move(handler); }
    void setSaveFileHandler(std::function<QString(const QString& filter)> handler) { m_saveFile = std::move(handler); }

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void setModel(LogViewModel* model);
    void applyFilter(const LogViewFilter& filter);
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void onRowsRemoved(const QModelIndex& parent, int first, int last);
    void onUserScrolled();
    void onDayLoaded(const QDate& date, qint64 offset, const QList<LogEvent>& events, qint64 next);
    void onDayFailed(const QDate& date, qint64 offset, const QString& error);
    void onDaysListed(const QList<LogDayInfo>& days);
    void onActionFinished(const QString& action, const QString& target, bool ok, const QString& message);
    void onContextMenu(const QPoint& pos);
    void exportWithDialog(LogExportFormat format);
    void updateStatus();
    void updateWaiting();
    void updatePalette();
    void showMessage(const QString& text);
    bool confirm(const QString& question);

    QPointer<LogEventSource> m_source;
    LogViewerOptions m_options;
    LogViewModel* m_live = nullptr;
    LogViewModel* m_past = nullptr;
    LogFilterBar* m_filterBar = nullptr;
    QTableView* m_table = nullptr;
    QToolButton* m_followButton = nullptr;
    QLabel* m_waitingLabel = nullptr;
    QLabel* m_statusLabel = nullptr;
    QLabel* m_droppedLabel = nullptr;
    QLabel* m_messageLabel = nullptr;
    QLabel* m_connectionBanner = nullptr;
    QWidget* m_pastBanner = nullptr;
    QLabel* m_pastLabel = nullptr;
    QProgressBar* m_filterProgress = nullptr;
    QDateEdit* m_dayEdit = nullptr;

    bool m_follow = true;
    qint64 m_waiting = 0;
    qint64 m_dropped = 0;
    QDate m_pastDate;
    bool m_pastLoading = false;
    qint64 m_pendingOffset = -1;
    std::function<bool(const QString&)> m_confirm;
    std::function<QString(const QString&)> m_saveFile;
};

} // namespace tegami
