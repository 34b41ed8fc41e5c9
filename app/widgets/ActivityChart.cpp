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
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    m_view = new QChartView(m_chart, this);
    m_view->setObjectName(QStringLiteral("activityChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(240);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("activityNote"));
    m_note->setWordWrap(true);
    m_note->setText(tr("Activity chart: waiting for the service..."));
    m_view->hide();
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
    auto add = [&](const QString& name, const QJsonArray& counts, Qt::PenStyle style, const QColor& color) {
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
        pen.setColor(color);
        pen.setWidthF(2);
        series->setPen(pen);
        series->attachAxis(timeAxis);
        series->attachAxis(countAxis);
    };
    // Fixed colours: the theme's palette repeats after five series.
    const QList<std::pair<QString, QColor>> protocols { { QStringLiteral("smtp"), QColor(0x20, 0x6f, 0xb0) },
        { QStringLiteral("submission"), QColor(0x2e, 0x8b, 0x57) },
        { QStringLiteral("pop3"), QColor(0xe0, 0x8a, 0x00) }, { QStringLiteral("imap"), QColor(0x7a, 0x3e, 0xa8) } };
    const QJsonObject connections = history.value(QStringLiteral("connections")).toObject();
    for (const auto& [p, color] : protocols) {
        if (connections.contains(p))
            add(tr("%1 connections").arg(format::protocolShortLabel(p)), connections.value(p).toArray(), Qt::SolidLine,
                color);
    }
    add(tr("Messages received"), history.value(QStringLiteral("messagesReceived")).toArray(), Qt::DashLine,
        QColor(0xc0, 0x30, 0x30));
    add(tr("Messages delivered"), history.value(QStringLiteral("messagesDelivered")).toArray(), Qt::DotLine,
        QColor(0x40, 0x40, 0x40));
    if (start.isValid()) {
        timeAxis->setRange(start.toLocalTime(), start.addSecs(qMax<qsizetype>(points - 1, 1) * interval).toLocalTime());
    }
    countAxis->setRange(0, highest * 1.1);
    countAxis->applyNiceNumbers();
}

} // namespace tegami
