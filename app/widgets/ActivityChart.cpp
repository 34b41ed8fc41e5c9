#include "widgets/ActivityChart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QJsonArray>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

#include "Format.h"

namespace tegami {

ActivityChart::ActivityChart(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("activityChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(240);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("activityNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
}

int ActivityChart::seriesCount() const
{
    return static_cast<int>(m_chart->series().size());
}

void ActivityChart::setUnavailable(const QString& reason)
{
    m_note->setText(tr("Activity chart: %1").arg(reason));
    m_note->show();
    m_view->hide();
}

void ActivityChart::setHistory(const QJsonObject& history)
{
    m_note->hide();
    m_view->show();
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes())
        m_chart->removeAxis(axis);

    const QDateTime start = format::parseTime(history.value(QStringLiteral("start")).toString());
    const qint64 interval = qMax<qint64>(1, history.value(QStringLiteral("intervalSecs")).toInteger(60));
    auto* timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(QStringLiteral("HH:mm"));
    timeAxis->setTitleText(tr("Time"));
    auto* countAxis = new QValueAxis;
    countAxis->setLabelFormat(QStringLiteral("%d"));
    countAxis->setTitleText(tr("Per minute"));
    m_chart->addAxis(timeAxis, Qt::AlignBottom);
    m_chart->addAxis(countAxis, Qt::AlignLeft);

    double highest = 1;
    qsizetype points = 0;
    auto add = [&](const QString& name, const QJsonArray& counts, Qt::PenStyle style) {
        auto* series = new QLineSeries;
        series->setName(name);
        for (qsizetype i = 0; i < counts.size(); ++i) {
            const double v = counts[i].toDouble();
            highest = qMax(highest, v);
            series->append(static_cast<double>(start.addSecs(i * interval).toMSecsSinceEpoch()), v);
        }
        points = qMax(points, counts.size());
        m_chart->addSeries(series);
        QPen pen = series->pen();
        pen.setStyle(style);
        pen.setWidthF(2);
        series->setPen(pen);
        series->attachAxis(timeAxis);
        series->attachAxis(countAxis);
    };
    const QJsonObject connections = history.value(QStringLiteral("connections")).toObject();
    for (const QString& p :
        { QStringLiteral("smtp"), QStringLiteral("submission"), QStringLiteral("pop3"), QStringLiteral("imap") }) {
        if (connections.contains(p))
            add(tr("%1 connections").arg(format::protocolLabel(p)), connections.value(p).toArray(), Qt::SolidLine);
    }
    add(tr("Messages received"), history.value(QStringLiteral("messagesReceived")).toArray(), Qt::DashLine);
    add(tr("Messages delivered"), history.value(QStringLiteral("messagesDelivered")).toArray(), Qt::DashLine);
    if (start.isValid()) {
        timeAxis->setRange(start.toLocalTime(), start.addSecs(qMax<qsizetype>(points - 1, 1) * interval).toLocalTime());
    }
    countAxis->setRange(0, highest * 1.1);
    countAxis->applyNiceNumbers();
}

} // namespace tegami
