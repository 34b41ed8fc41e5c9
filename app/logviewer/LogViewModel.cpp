#include "logviewer/LogViewModel.h"

#include <QColor>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace tegami {

LogViewModel::LogViewModel(qsizetype capacity, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(capacity)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogViewModel::flushSlice);
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &LogViewModel::scanSlice);
}

LogViewModel::~LogViewModel() = default;

int LogViewModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return int(identity() ? m_store.size() : qsizetype(m_index.size()));
}

int LogViewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

quint64 LogViewModel::serialAt(int row) const
{
    return identity() ? m_store.firstSerial() + quint64(row) : m_index[size_t(row)];
}

int LogViewModel::rowOfSerial(quint64 serial) const
{
    if (!m_store.contains(serial))
        return -1;
    if (identity())
        return int(serial - m_store.firstSerial());
    const auto it = std::lower_bound(m_index.begin(), m_index.end(), serial);
    return (it != m_index.end() && *it == serial) ? int(it - m_index.begin()) : -1;
}

void LogViewModel::setCapacity(qsizetype capacity)
{
    capacity = std::max<qsizetype>(1, capacity);
    const qsizetype evict = m_store.size() - capacity;
    if (evict > 0) {
        // Simplest correct path: the row layout changes wholesale, so reset.
        beginResetModel();
        m_store.evictOldest(evict);
        m_store.setCapacity(capacity);
        const auto firstKept = std::lower_bound(m_index.begin(), m_index.end(), m_store.firstSerial());
        m_index.erase(m_index.begin(), firstKept);
        endResetModel();
    } else {
        m_store.setCapacity(capacity);
    }
    Q_EMIT countsChanged();
}

void LogViewModel::appendEvents(const QList<LogEvent>& events)
{
    for (const LogEvent& event : events)
        m_store.stage(event);
    if (m_store.stagedCount() > 0 && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogViewModel::flush()
{
    while (m_store.stagedCount() > 0)
        flushSlice();
    m_flushTimer.stop();
}

void LogViewModel::flushSlice()
{
    const qsizetype n = std::min(m_store.stagedCount(), m_maxRowsPerFlush);
    if (n == 0)
        return;
    const qsizetype evict = std::max<qsizetype>(0, m_store.size() + n - m_store.capacity());
    if (evict > 0) {
        const quint64 newFirst = m_store.firstSerial() + quint64(evict);
        if (identity()) {
            beginRemoveRows({}, 0, int(evict - 1));
            m_store.evictOldest(evict);
            endRemoveRows();
        } else {
            const auto firstKept = std::lower_bound(m_index.begin(), m_index.end(), newFirst);
            const qsizetype gone = firstKept - m_index.begin();
            if (gone > 0)
                beginRemoveRows({}, 0, int(gone - 1));
            m_index.erase(m_index.begin(), firstKept);
            m_store.evictOldest(evict);
            if (gone > 0)
                endRemoveRows();
        }
    }

    const quint64 from = m_store.endSerial();
    if (identity()) {
        const int first = int(m_store.size());
        beginInsertRows({}, first, int(first + n - 1));
        m_store.commit(n);
        endInsertRows();
    } else {
        // Rows past rowCount() are invisible, so the store can take them before the
        // insertion is announced.
        m_store.commit(n);
        std::vector<quint64> matched;
        for (quint64 s = from; s < m_store.endSerial(); ++s) {
            if (m_matcher.matches(m_store, m_store.record(s)))
                matched.push_back(s);
        }
        if (!matched.empty()) {
            const int first = int(m_index.size());
            beginInsertRows({}, first, int(first + qsizetype(matched.size()) - 1));
            m_index.insert(m_index.end(), matched.begin(), matched.end());
            endInsertRows();
        }
    }
    if (m_store.stagedCount() > 0)
        m_flushTimer.start(0); // the rest of a burst on the next tick, after repaints
    Q_EMIT countsChanged();
}

void LogViewModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_index.clear();
    m_scanning = false;
    m_scanTimer.stop();
    m_flushTimer.stop();
    endResetModel();
    Q_EMIT countsChanged();
}

QString LogViewModel::setFilter(const LogViewFilter& filter)
{
    LogViewMatcher matcher(filter);
    if (!matcher.isValid())
        return matcher.errorString();
    if (filter == m_matcher.filter())
        return {};
    beginResetModel();
    m_matcher = matcher;
    m_index.clear();
    m_scanning = false;
    m_scanTimer.stop();
    endResetModel();
    if (!identity())
        startScan();
    else
        Q_EMIT filterFinished();
    return {};
}

void LogViewModel::startScan()
{
    m_scanTop = m_store.endSerial();
    m_scanNext = m_scanTop;
    m_scanning = true;
    Q_EMIT filterProgress(0);
    scanSlice(); // the newest matches show at once
}

void LogViewModel::scanSlice()
{
    if (!m_scanning)
        return;
    QElapsedTimer clock;
    clock.start();
    const quint64 bottom = m_store.firstSerial();
    std::vector<quint64> matched;
    while (m_scanNext > bottom) {
        // Check the clock every 4096 records: reading it costs more than a test.
        const quint64 stop = m_scanNext - std::min<quint64>(4096, m_scanNext - bottom);
        for (quint64 s = m_scanNext; s-- > stop;) {
            if (m_matcher.matches(m_store, m_store.record(s)))
                matched.push_back(s);
        }
        m_scanNext = stop;
        if (clock.elapsed() >= m_sliceMsec)
            break;
    }
    if (!matched.empty()) {
        std::reverse(matched.begin(), matched.end());
        beginInsertRows({}, 0, int(matched.size() - 1));
        m_index.insert(m_index.begin(), matched.begin(), matched.end());
        endInsertRows();
    }
    if (m_scanNext <= m_store.firstSerial()) {
        m_scanning = false;
        Q_EMIT filterProgress(100);
        Q_EMIT filterFinished();
        return;
    }
    Q_EMIT filterProgress(filterPercent());
    m_scanTimer.start();
}

int LogViewModel::filterPercent() const
{
    if (!m_scanning)
        return 100;
    const quint64 bottom = std::min(m_store.firstSerial(), m_scanNext);
    const quint64 total = m_scanTop - bottom;
    return total == 0 ? 100 : int((m_scanTop - m_scanNext) * 100 / total);
}

void LogViewModel::finishFiltering()
{
    const int saved = m_sliceMsec;
    m_sliceMsec = 1 << 30;
    scanSlice();
    m_sliceMsec = saved;
    m_scanTimer.stop();
}

QList<quint64> LogViewModel::sessionSerials(const QString& sid) const
{
    QList<quint64> serials;
    const quint32 id = m_store.sidId(sid);
    if (id == 0)
        return serials;
    for (quint64 s = m_store.firstSerial(); s < m_store.endSerial(); ++s) {
        if (m_store.record(s).sid == id)
            serials.append(s);
    }
    return serials;
}

void LogViewModel::setDarkPalette(bool dark)
{
    if (m_dark == dark)
        return;
    m_dark = dark;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::ForegroundRole });
}

void LogViewModel::setShowDate(bool show)
{
    if (m_showDate == show)
        return;
    m_showDate = show;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), { Qt::DisplayRole });
}

QString LogViewModel::directionName(LogDirection dir)
{
    switch (dir) {
    case LogDirection::Connect:
        return tr("connect");
    case LogDirection::Disconnect:
        return tr("disconnect");
    case LogDirection::FromClient:
        return tr("client");
    case LogDirection::ToClient:
        return tr("server");
    case LogDirection::Note:
        return tr("note");
    }
    return {};
}

QString LogViewModel::lineText(quint64 serial) const
{
    const LogEventStore::Record& r = m_store.record(serial);
    const QString time = QDateTime::fromMSecsSinceEpoch(r.msecs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    QString line = QStringLiteral("%1 %2 %3 #%4 %5")
                       .arg(time, m_store.text(r.proto), m_store.sid(r))
                       .arg(r.seq)
                       .arg(m_store.text(r.remote));
    if (r.user != 0)
        line += QLatin1Char(' ') + m_store.text(r.user);
    line += QLatin1Char(' ') + logDirectionSymbol(LogDirection(r.dir)) + QLatin1Char(' ') + m_store.data(r);
    return line;
}

QVariant LogViewModel::displayData(const LogEventStore::Record& r, int column) const
{
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(r.msecs).toString(
            m_showDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss.zzz"));
    case ProtoColumn:
        return m_store.text(r.proto);
    case SessionColumn:
        return m_store.sid(r);
    case SeqColumn:
        return r.seq;
    case LocalColumn:
        return m_store.text(r.local);
    case RemoteColumn:
        return m_store.text(r.remote);
    case UserColumn:
        return m_store.text(r.user);
    case DirectionColumn:
        return logDirectionSymbol(LogDirection(r.dir)) + QLatin1Char(' ') + directionName(LogDirection(r.dir));
    case DataColumn:
        return m_store.data(r);
    case ContextColumn:
        return m_store.text(r.ctx);
    }
    return {};
}

QVariant LogViewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const quint64 serial = serialAt(index.row());
    const LogEventStore::Record& r = m_store.record(serial);
    const auto dir = LogDirection(r.dir);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn) {
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.msecs);
            return tr("%1 (UTC %2)")
                .arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")),
                    t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        }
        if ((r.flags & LogEventStore::kGapBefore) && (index.column() == SeqColumn || index.column() == SessionColumn))
            return tr("Events of this session are missing before this one (its sequence numbers jump).");
        if (index.column() == DataColumn)
            return m_store.data(r);
        return {};
    case Qt::ForegroundRole: {
        // Pairs chosen for at least 4.5:1 contrast on the default light and dark bases.
        switch (dir) {
        case LogDirection::FromClient:
            return m_dark ? QColor(0x8a, 0xb8, 0xff) : QColor(0x1a, 0x4f, 0xa0);
        case LogDirection::ToClient:
            return m_dark ? QColor(0x86, 0xd9, 0x98) : QColor(0x1b, 0x6e, 0x2f);
        case LogDirection::Note:
            return m_dark ? QColor(0xe3, 0xc2, 0x6e) : QColor(0x80, 0x5b, 0x00);
        case LogDirection::Connect:
        case LogDirection::Disconnect:
            return m_dark ? QColor(0xd3, 0xa6, 0xf5) : QColor(0x7a, 0x2e, 0x9c);
        }
        return {};
    }
    case Qt::BackgroundRole:
        if (r.flags & LogEventStore::kGapBefore)
            return QColor(0xe0, 0x40, 0x40, 48); // translucent: works on light and dark bases
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SeqColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SerialRole:
        return serial;
    case SessionRole:
        return m_store.sid(r);
    case RemoteRole:
        return m_store.text(r.remote);
    case RemoteAddressRole:
        return endpointAddress(m_store.text(r.remote));
    case DirectionRole:
        return int(dir);
    case GapRole:
        return bool(r.flags & LogEventStore::kGapBefore);
    }
    return {};
}

QVariant LogViewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ProtoColumn:
        return tr("Protocol");
    case SessionColumn:
        return tr("Session");
    case SeqColumn:
        return tr("Seq");
    case LocalColumn:
        return tr("Local");
    case RemoteColumn:
        return tr("Remote");
    case UserColumn:
        return tr("User");
    case DirectionColumn:
        return tr("Direction");
    case DataColumn:
        return tr("Data");
    case ContextColumn:
        return tr("Context");
    }
    return {};
}

} // namespace tegami
