#pragma once

#include <QDateTime>
#include <QJsonObject>

#include "pages/Page.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;

namespace tegami {

class ActivityChart;
class ListenerModel;
class SessionModel;

// The service at a glance: listeners (and why one fails), current sessions, today's
// message counts, configuration warnings and a chart of the last hours.
class DashboardPage : public Page {
    Q_OBJECT
public:
    explicit DashboardPage(ServiceClient& client, QWidget* parent = nullptr);

    QString title() const override { return tr("Dashboard"); }
    void refresh() override;
    bool refreshesPeriodically() const override { return true; }

    ListenerModel* listenerModel() const { return m_listeners; }
    SessionModel* sessionModel() const { return m_sessions; }
    ActivityChart* chart() const { return m_chart; }

private:
    void showStatus(const QJsonObject& status, const QJsonObject& certificates);
    void refreshSessions();
    void refreshHistory();
    void disconnectSelected();

    ListenerModel* m_listeners = nullptr;
    SessionModel* m_sessions = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_today = nullptr;
    QListWidget* m_warnings = nullptr;
    QTableView* m_listenerTable = nullptr;
    QTableView* m_sessionTable = nullptr;
    QLabel* m_sessionNote = nullptr;
    QLabel* m_listenerProblems = nullptr;
    QPushButton* m_disconnect = nullptr;
    ActivityChart* m_chart = nullptr;
    QDateTime m_historyFetched;
    bool m_historyPending = false;
};

} // namespace tegami
