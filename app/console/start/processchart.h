#pragma once
// The start page's chart: processes (not tasks) started on each of the last days, one bar per
// day, stacked by status (completed, failed, aborted, waiting, running) in the console's status
// colours. The start page loads the counts on the query pool and hands them to setData().

#include "queries/startcards.h"

#include <QFrame>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QStackedBarSeries;
class QValueAxis;

namespace wfo::console {

class ProcessChart final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessChart)

public:
    explicit ProcessChart(int days, QWidget *parent = nullptr);

    int days() const { return m_days; }
    void setData(const queries::ProcessesPerDay &data);
    void setUnavailable(const QString &message);

    QChart *chart() const { return m_chart; }
    QStackedBarSeries *series() const { return m_series; }
    // The bar set of a status group (queries::ProcessesPerDay::groups()).
    QBarSet *barSet(const QString &group) const;
    // The day labels of the axis, oldest first.
    QStringList categories() const;

private:
    int m_days;
    QLabel *m_title;
    QLabel *m_total;
    QChartView *m_view;
    QChart *m_chart;
    QStackedBarSeries *m_series;
    QBarCategoryAxis *m_axisX;
    QValueAxis *m_axisY;
};

} // namespace wfo::console
