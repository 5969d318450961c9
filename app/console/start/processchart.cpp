#include "processchart.h"

#include "common/presentation.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

QString groupLabel(const QString &group)
{
    if (group == u"completed")
        return ProcessChart::tr("Completed");
    if (group == u"failed")
        return ProcessChart::tr("Failed");
    if (group == u"aborted")
        return ProcessChart::tr("Aborted");
    if (group == u"waiting")
        return ProcessChart::tr("Waiting");
    return ProcessChart::tr("Running");
}

} // namespace

ProcessChart::ProcessChart(int days, QWidget *parent)
    : QFrame(parent)
    , m_days(days)
    , m_title(new QLabel(tr("Processes started in the last %1 days").arg(days), this))
    , m_total(new QLabel(u"…"_s, this))
    , m_view(new QChartView(this))
    , m_chart(new QChart)
    , m_series(new QStackedBarSeries(m_chart))
    , m_axisX(new QBarCategoryAxis(m_chart))
    , m_axisY(new QValueAxis(m_chart))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setMinimumWidth(200);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    QFont totalFont = m_total->font();
    totalFont.setPointSizeF(totalFont.pointSizeF() * 1.8);
    totalFont.setBold(true);
    m_total->setFont(totalFont);
    m_total->setObjectName(u"cardCount"_s);

    for (const QString &group : queries::ProcessesPerDay::groups()) {
        auto *set = new QBarSet(groupLabel(group), m_series);
        set->setObjectName(group);
        set->setColor(statusColor(group == u"waiting" ? u"suspended"_s : group));
        set->setBorderColor(Qt::transparent);
        m_series->append(set);
    }
    m_series->setBarWidth(0.7);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    m_axisY->setLabelFormat(u"%d"_s);
    m_axisY->setMinorTickCount(0);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_axisX->setLabelsFont(small);
    m_axisY->setLabelsFont(small);
    m_chart->legend()->setFont(small);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    // The card's white, not the view's window grey.
    m_chart->setBackgroundBrush(palette().base());
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setBackgroundRoundness(0);
    m_axisX->setTruncateLabels(false);
    m_axisY->setTruncateLabels(false);
    m_chart->setAnimationOptions(QChart::NoAnimation);

    m_view->setObjectName(u"processChartView"_s);
    // The view made a chart of its own; taking ours, it lets go of that one without deleting it.
    QChart *initial = m_view->chart();
    m_view->setChart(m_chart);
    delete initial;
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setAccessibleName(m_title->text());
    // As tall as a card: the chart sits in the grid among them.
    m_view->setFixedHeight(5 * qMax(fontMetrics().height() + 10, 26) + 6 + fontMetrics().height()
                           + 6);

    // The number behind a block of a bar.
    connect(m_series, &QStackedBarSeries::hovered, this,
            [this](bool status, int index, QBarSet *set) {
                if (!status) {
                    QToolTip::hideText();
                    return;
                }
                QToolTip::showText(QCursor::pos(),
                                   tr("%1 · %2: %3")
                                       .arg(categories().value(index), set->label(),
                                            QString::number(qint64(set->at(index)))),
                                   m_view);
            });

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_total);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
}

void ProcessChart::setData(const queries::ProcessesPerDay &data)
{
    QStringList labels;
    const QLocale locale;
    for (const QDate &day : data.days)
        labels.append(locale.toString(day, u"ddd d"_s));
    m_axisX->setCategories(labels);
    qint64 highest = 0;
    for (int i = 0; i < data.days.size(); ++i) {
        qint64 sum = 0;
        for (const QList<qint64> &counts : data.counts)
            sum += counts.value(i);
        highest = qMax(highest, sum);
    }
    for (QBarSet *set : m_series->barSets()) {
        const QList<qint64> counts = data.counts.value(set->objectName());
        set->remove(0, set->count());
        for (int i = 0; i < data.days.size(); ++i)
            set->append(qreal(counts.value(i)));
    }
    // Whole numbers on the axis: a tick per unit up to 5, else 5 ticks over a rounded range.
    const qint64 top = highest <= 4 ? 4 : ((highest + 3) / 4) * 4;
    m_axisY->setRange(0, qreal(top));
    m_axisY->setTickCount(5);
    m_total->setText(QString::number(data.total));
    m_total->setToolTip(tr("%n process(es) started in these days", nullptr, int(data.total)));
    m_view->setEnabled(true);
}

void ProcessChart::setUnavailable(const QString &message)
{
    m_total->setText(u"–"_s);
    m_total->setToolTip(message);
    m_view->setEnabled(false);
}

QBarSet *ProcessChart::barSet(const QString &group) const
{
    for (QBarSet *set : m_series->barSets()) {
        if (set->objectName() == group)
            return set;
    }
    return nullptr;
}

QStringList ProcessChart::categories() const
{
    return m_axisX->categories();
}

} // namespace wfo::console
