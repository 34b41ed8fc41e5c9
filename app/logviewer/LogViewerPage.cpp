#include "logviewer/LogViewerPage.h"

#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QClipboard>
#include <QDateEdit>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QTableView>
#include <QTextCharFormat>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "logviewer/LogFilterBar.h"
#include "logviewer/LogTranscriptDialog.h"
#include "logviewer/LogViewModel.h"

namespace tegami {

namespace {

QLabel* makeLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    return label;
}

} // namespace

LogViewerPage::LogViewerPage(LogEventSource* source, QWidget* parent, const LogViewerOptions& options)
    : QWidget(parent)
    , m_source(source)
    , m_options(options)
{
    setObjectName(QStringLiteral("logViewerPage"));
    m_live = new LogViewModel(options.liveCapacity, this);
    m_live->setObjectName(QStringLiteral("liveLogModel"));
    m_live->setFlushInterval(options.flushIntervalMsec);
    buildUi();
    setModel(m_live);
    updatePalette();

    connect(m_live, &LogViewModel::rowsInserted, this, &LogViewerPage::onRowsInserted);
    connect(m_live, &LogViewModel::rowsRemoved, this, &LogViewerPage::onRowsRemoved);
    connect(m_live, &LogViewModel::countsChanged, this, &LogViewerPage::updateStatus);
    if (source) {
        connect(source, &LogEventSource::eventsArrived, m_live, &LogViewModel::appendEvents);
        connect(source, &LogEventSource::dropped, this, [this](qint64 count) {
            m_dropped += count;
            updateStatus();
        });
        connect(source, &LogEventSource::connectionChanged, this,
            [this](bool connected) { m_connectionBanner->setVisible(!connected); });
        connect(source, &LogEventSource::dayLoaded, this, &LogViewerPage::onDayLoaded);
        connect(source, &LogEventSource::dayFailed, this, &LogViewerPage::onDayFailed);
        connect(source, &LogEventSource::daysListed, this, &LogViewerPage::onDaysListed);
        connect(source, &LogEventSource::actionFinished, this, &LogViewerPage::onActionFinished);
        m_connectionBanner->setVisible(!source->isConnected());
        source->start();
        source->requestDays();
    }
    updateStatus();
}

LogViewerPage::~LogViewerPage()
{
    if (m_source)
        m_source->stop();
}

void LogViewerPage::buildUi()
{
    m_followButton = new QToolButton(this);
    m_followButton->setObjectName(QStringLiteral("followButton"));
    m_followButton->setText(tr("Following newest"));
    m_followButton->setToolTip(tr("Keep the newest event in view. Scrolling up or clicking a row pauses; new events "
                                  "keep arriving."));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_followButton, &QToolButton::toggled, this, &LogViewerPage::setFollowing);
    m_waitingLabel = makeLabel(this, "waitingLabel");

    m_dayEdit = new QDateEdit(QDate::currentDate(), this);
    m_dayEdit->setObjectName(QStringLiteral("dayEdit"));
    m_dayEdit->setCalendarPopup(true);
    m_dayEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_dayEdit->setMaximumDate(QDate::currentDate());
    m_dayEdit->setToolTip(tr("A day of the log files on the server (days with files are bold in the calendar)"));
    auto* openDay = new QPushButton(tr("Open day"), this);
    openDay->setObjectName(QStringLiteral("openDayButton"));
    connect(openDay, &QPushButton::clicked, this, [this] { this->openDay(m_dayEdit->date()); });

    auto* exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    QAction* csv = exportMenu->addAction(tr("CSV (Exchange protocol log columns)…"));
    csv->setObjectName(QStringLiteral("exportCsvAction"));
    QAction* jsonl = exportMenu->addAction(tr("JSON Lines…"));
    jsonl->setObjectName(QStringLiteral("exportJsonAction"));
    connect(csv, &QAction::triggered, this, [this] { exportWithDialog(LogExportFormat::Csv); });
    connect(jsonl, &QAction::triggered, this, [this] { exportWithDialog(LogExportFormat::JsonLines); });
    exportButton->setMenu(exportMenu);

    auto* top = new QHBoxLayout;
    top->addWidget(m_followButton);
    top->addWidget(m_waitingLabel);
    top->addStretch(1);
    top->addWidget(new QLabel(tr("Past day:"), this));
    top->addWidget(m_dayEdit);
    top->addWidget(openDay);
    top->addWidget(exportButton);

    m_connectionBanner = makeLabel(this, "connectionBanner");
    m_connectionBanner->setText(tr("Not connected to the service. The live log resumes when the connection is back; "
                                   "events until then are not shown."));
    m_connectionBanner->setWordWrap(true);
    m_connectionBanner->setVisible(false);

    m_pastBanner = new QWidget(this);
    m_pastBanner->setObjectName(QStringLiteral("pastDayBanner"));
    m_pastBanner->setAutoFillBackground(true);
    m_pastLabel = makeLabel(m_pastBanner, "pastDayLabel");
    m_pastLabel->setWordWrap(true);
    auto* back = new QPushButton(tr("Back to live"), m_pastBanner);
    back->setObjectName(QStringLiteral("backToLiveButton"));
    connect(back, &QPushButton::clicked, this, &LogViewerPage::backToLive);
    auto* bannerLayout = new QHBoxLayout(m_pastBanner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    bannerLayout->addWidget(m_pastLabel, 1);
    bannerLayout->addWidget(back);
    m_pastBanner->setVisible(false);

    m_filterBar = new LogFilterBar(this);
    connect(m_filterBar, &LogFilterBar::filterChanged, this, &LogViewerPage::applyFilter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Fixed-height rows keep a million-row header cheap (no per-row sizes).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(m_table->font()).height() + 4);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &LogViewerPage::onContextMenu);
    connect(m_table, &QTableView::pressed, this, [this] {
        if (!isShowingPastDay())
            setFollowing(false);
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const QString sid = index.data(LogViewModel::SessionRole).toString();
        if (!sid.isEmpty())
            showTranscript(sid);
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::actionTriggered, this,
        [this] { QTimer::singleShot(0, this, &LogViewerPage::onUserScrolled); });
    auto* copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
            rows.append(index.row());
        copyRows(rows);
    });
    m_table->addAction(copy);

    m_statusLabel = makeLabel(this, "statusLabel");
    m_droppedLabel = makeLabel(this, "droppedLabel");
    m_droppedLabel->setVisible(false);
    m_messageLabel = makeLabel(this, "messageLabel");
    m_filterProgress = new QProgressBar(this);
    m_filterProgress->setObjectName(QStringLiteral("filterProgress"));
    m_filterProgress->setRange(0, 100);
    m_filterProgress->setMaximumWidth(160);
    m_filterProgress->setFormat(tr("Filtering %p%"));
    m_filterProgress->setVisible(false);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_statusLabel);
    bottom->addWidget(m_droppedLabel);
    bottom->addWidget(m_filterProgress);
    bottom->addStretch(1);
    bottom->addWidget(m_messageLabel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_connectionBanner);
    layout->addWidget(m_pastBanner);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
}

LogViewModel* LogViewerPage::currentModel() const
{
    return isShowingPastDay() ? m_past : m_live;
}

void LogViewerPage::setModel(LogViewModel* model)
{
    if (LogViewModel* old = qobject_cast<LogViewModel*>(m_table->model()))
        disconnect(old, &LogViewModel::filterProgress, this, nullptr);
    const bool first = m_table->model() == nullptr;
    m_table->setModel(model);
    connect(model, &LogViewModel::filterProgress, this, [this](int percent) {
        m_filterProgress->setValue(percent);
        m_filterProgress->setVisible(percent < 100);
        if (percent >= 100 && m_follow && !isShowingPastDay())
            m_table->scrollToBottom();
    });
    applyFilter(m_filterBar->filter());
    if (first) {
        const QFontMetrics metrics(m_table->font());
        const auto width = [&](const char* sample) { return metrics.horizontalAdvance(QLatin1String(sample)) + 18; };
        QHeaderView* header = m_table->horizontalHeader();
        header->resizeSection(LogViewModel::TimeColumn, width("00:00:00.000"));
        header->resizeSection(LogViewModel::ProtoColumn, width("submission"));
        header->resizeSection(LogViewModel::SessionColumn, width("3f2a3f2a"));
        header->resizeSection(LogViewModel::SeqColumn, width("99999"));
        header->resizeSection(LogViewModel::LocalColumn, width("192.0.2.10:993"));
        header->resizeSection(LogViewModel::RemoteColumn, width("198.51.100.255:65535"));
        header->resizeSection(LogViewModel::UserColumn, width("carol@example.com"));
        header->resizeSection(LogViewModel::DirectionColumn, width("- disconnect"));
        header->resizeSection(LogViewModel::DataColumn, width("a1 LOGIN alice@example.com ******** and more"));
        for (int column :
            { int(LogViewModel::SeqColumn), int(LogViewModel::LocalColumn), int(LogViewModel::ContextColumn) })
            m_table->setColumnHidden(column, true);
        // Columns can be shown and hidden from the header's context menu.
        header->setContextMenuPolicy(Qt::ActionsContextMenu);
        for (int column = 0; column < LogViewModel::ColumnCount; ++column) {
            auto* action = new QAction(model->headerData(column, Qt::Horizontal).toString(), header);
            action->setObjectName(QStringLiteral("column%1Action").arg(column));
            action->setCheckable(true);
            action->setChecked(!m_table->isColumnHidden(column));
            connect(action, &QAction::toggled, this,
                [this, column](bool shown) { m_table->setColumnHidden(column, !shown); });
            header->addAction(action);
        }
    }
}

void LogViewerPage::applyFilter(const LogViewFilter& filter)
{
    m_filterBar->setTextError(currentModel()->setFilter(filter));
    updateStatus();
}

void LogViewerPage::setFollowing(bool follow)
{
    m_follow = follow;
    {
        const QSignalBlocker block(m_followButton);
        m_followButton->setChecked(follow);
    }
    // The state in words: a checked tool button alone is easy to miss.
    m_followButton->setText(follow ? tr("Following newest") : tr("Follow newest"));
    if (follow) {
        m_waiting = 0;
        if (!isShowingPastDay())
            m_table->scrollToBottom();
    }
    updateWaiting();
}

void LogViewerPage::onRowsInserted(const QModelIndex& parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    const bool appended = last == m_live->rowCount() - 1;
    if (isShowingPastDay()) {
        if (appended)
            m_waiting += count; // live events that arrived while the admin reads a past day
        updateWaiting();
        return;
    }
    if (m_follow) {
        m_table->scrollToBottom();
    } else if (appended) {
        m_waiting += count;
        updateWaiting();
    } else if (first == 0) {
        // A filter rebuild prepends older matches: keep the rows in view where they are.
        QScrollBar* bar = m_table->verticalScrollBar();
        bar->setMaximum(bar->maximum() + count);
        bar->setValue(bar->value() + count);
    }
}

void LogViewerPage::onRowsRemoved(const QModelIndex& parent, int first, int last)
{
    if (parent.isValid() || first != 0 || m_follow || isShowingPastDay())
        return;
    // The oldest events left the ring: without this the paused view would drift upwards.
    QScrollBar* bar = m_table->verticalScrollBar();
    bar->setValue(std::max(0, bar->value() - (last - first + 1)));
}

void LogViewerPage::onUserScrolled()
{
    if (isShowingPastDay())
        return;
    const QScrollBar* bar = m_table->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum();
    if (m_follow != atBottom)
        setFollowing(atBottom);
}

void LogViewerPage::updateWaiting()
{
    const bool show = m_waiting > 0 && (!m_follow || isShowingPastDay());
    m_waitingLabel->setVisible(show);
    if (show) {
        m_waitingLabel->setText(isShowingPastDay()
                ? tr("%n new live event(s) since this day was opened", nullptr, int(m_waiting))
                : tr("Paused: %n new event(s) below", nullptr, int(m_waiting)));
    }
}

void LogViewerPage::updateStatus()
{
    const QLocale locale;
    const LogViewModel* model = currentModel();
    QString status = tr("%1 shown of %Ln event(s) in memory (at most %2)", nullptr, int(model->store().size()))
                         .arg(locale.toString(model->rowCount()), locale.toString(model->capacity()));
    m_statusLabel->setText(status);
    QStringList lost;
    if (m_dropped > 0)
        lost << tr("%n event(s) lost: the viewer fell behind the service", nullptr, int(m_dropped));
    if (m_live->store().gapEvents() > 0)
        lost << tr("%n missing according to sequence numbers", nullptr, int(m_live->store().gapEvents()));
    if (m_live->store().overflowCount() > 0)
        lost << tr("%n skipped in a burst larger than the buffer", nullptr, int(m_live->store().overflowCount()));
    m_droppedLabel->setText(lost.join(QStringLiteral(" · ")));
    m_droppedLabel->setVisible(!lost.isEmpty());
}

void LogViewerPage::showMessage(const QString& text)
{
    m_messageLabel->setText(text);
}

bool LogViewerPage::confirm(const QString& question)
{
    if (m_confirm)
        return m_confirm(question);
    return QMessageBox::question(this, tr("Protocol log"), question) == QMessageBox::Yes;
}

void LogViewerPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updatePalette();
}

void LogViewerPage::updatePalette()
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_live->setDarkPalette(dark);
    if (m_past)
        m_past->setDarkPalette(dark);
    // The past-day banner must stand out from the live view in either palette.
    QPalette banner = m_pastBanner->palette();
    banner.setColor(QPalette::Window, dark ? QColor(0x5a, 0x46, 0x10) : QColor(0xf7, 0xe3, 0xa3));
    banner.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xf4, 0xd6) : QColor(0x3a, 0x2c, 0x00));
    m_pastBanner->setPalette(banner);
    m_pastLabel->setPalette(banner);
    QPalette warning = m_connectionBanner->palette();
    warning.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x9a, 0x8a) : QColor(0xa0, 0x20, 0x10));
    m_connectionBanner->setPalette(warning);
    m_droppedLabel->setPalette(warning);
}

} // namespace tegami
