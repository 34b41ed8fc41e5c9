#pragma once

#include "log/LogEvent.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>
#include <QTimer>

#include <deque>

#include "logviewer/LogEventStore.h"
#include "logviewer/LogViewFilter.h"

namespace tegami {

// The viewer's table: the rows of a LogEventStore that pass the filter, oldest first.
//
// Live events are staged on arrival and shown by a coalescing timer, in slices: one
// removal at the top (eviction) and one insertion at the bottom per tick, never a reset
// per event. Without a filter a row is a serial directly; with one, the model keeps an
// index of matching serials, rebuilt after a filter change from the newest event back to
// the oldest in time-boxed slices, so the newest matches show first and the UI stays live.
class LogViewModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ProtoColumn,
        SessionColumn,
        SeqColumn,
        LocalColumn,
        RemoteColumn,
        UserColumn,
        DirectionColumn,
        DataColumn,
        ContextColumn,
        ColumnCount
    };
    enum Role {
        SerialRole = Qt::UserRole + 1, // quint64
        SessionRole, // sid
        RemoteRole, // remote endpoint
        RemoteAddressRole, // remote address without port
        DirectionRole, // int(LogDirection)
        GapRole, // bool: the session's seq jumped before this event
    };

    explicit LogViewModel(qsizetype capacity = 1'000'000, QObject* parent = nullptr);
    ~LogViewModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const LogEventStore& store() const { return m_store; }
    qsizetype capacity() const { return m_store.capacity(); }
    void setCapacity(qsizetype capacity);

    // Stages events; they appear at the next flush (within flushInterval() ms).
    void appendEvents(const QList<LogEvent>& events);
    // Shows everything staged now (tests, and before an export).
    void flush();
    qsizetype pendingCount() const { return m_store.stagedCount(); }
    void setFlushInterval(int msec) { m_flushTimer.setInterval(msec); }
    int flushInterval() const { return m_flushTimer.interval(); }
    // At most this many rows are inserted per tick; the rest follows on the next tick.
    void setMaxRowsPerFlush(qsizetype rows) { m_maxRowsPerFlush = std::max<qsizetype>(1, rows); }
    void clear();

    // Returns an empty string, or the error of an invalid regular expression (the
    // current filter then stays). Rows are rebuilt in slices unless the filter is empty.
    QString setFilter(const LogViewFilter& filter);
    const LogViewFilter& filter() const { return m_matcher.filter(); }
    bool isFiltering() const { return m_scanning; }
    int filterPercent() const;
    // Completes a running filter rebuild at once (tests, export).
    void finishFiltering();
    void setFilterSliceMsec(int msec) { m_sliceMsec = std::max(1, msec); }

    quint64 serialAt(int row) const;
    int rowOfSerial(quint64 serial) const; // -1 when not shown
    LogEvent eventAt(int row) const { return m_store.event(serialAt(row)); }
    // One line per event, as copied to the clipboard and shown in a transcript.
    QString lineText(quint64 serial) const;
    // Every stored event of one session, oldest first, ignoring the filter.
    QList<quint64> sessionSerials(const QString& sid) const;

    // Direction colours readable on the current palette.
    void setDarkPalette(bool dark);
    bool isDarkPalette() const { return m_dark; }
    // Past days show the date in the time column; live shows the time only.
    void setShowDate(bool show);

    static QString directionName(LogDirection dir);

Q_SIGNALS:
    void filterProgress(int percent);
    void filterFinished();
    // Store size, evictions, gaps or overflow changed (after each flush).
    void countsChanged();

private:
    void flushSlice();
    void scanSlice();
    void startScan();
    bool identity() const { return m_matcher.isEmpty(); }
    QVariant displayData(const LogEventStore::Record& r, int column) const;

    LogEventStore m_store;
    LogViewMatcher m_matcher;
    std::deque<quint64> m_index; // matching serials, ascending (filtered mode only)
    bool m_scanning = false;
    quint64 m_scanNext = 0; // the scan examines serials below this, going down
    quint64 m_scanTop = 0;
    int m_sliceMsec = 8;
    QTimer m_flushTimer;
    QTimer m_scanTimer;
    qsizetype m_maxRowsPerFlush = 50'000;
    bool m_dark = false;
    bool m_showDate = false;
};

} // namespace tegami
