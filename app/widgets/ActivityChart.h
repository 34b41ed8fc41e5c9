#pragma once

#include <QJsonObject>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;

namespace tegami {

// Connections per protocol and messages received/delivered per minute, from stats.history
// ({start, intervalSecs, connections: {smtp: [...], ...}, messagesReceived, messagesDelivered}).
class ActivityChart : public QWidget {
    Q_OBJECT
public:
    explicit ActivityChart(QWidget* parent = nullptr);

    void setHistory(const QJsonObject& history);
    // Shown instead of the chart (the service is too old, or not reachable).
    void setUnavailable(const QString& reason);
    // The number of series drawn (for tests).
    int seriesCount() const;

private:
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace tegami
