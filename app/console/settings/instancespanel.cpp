#include "instancespanel.h"

#include "instancelistmodel.h"

#include "common/consolecontext.h"

#include <QHeaderView>
#include <QLabel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

InstancesPanel::InstancesPanel(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new InstanceListModel(this))
    , m_view(new QTreeView(this))
    , m_summary(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(u"instancesPanel"_s);
    m_model->setOwnInstance(context->engine()->instanceId());
    m_view->setObjectName(u"instancesView"_s);
    m_view->setAccessibleName(tr("Engine instances"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    for (int c = 0; c < InstanceListModel::Running; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->setMinimumHeight(120);
    m_summary->setObjectName(u"instancesSummary"_s);
    m_summary->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    setRefreshInterval(3000);
    connect(context, &ConsoleContext::enginesChanged, this, &InstancesPanel::refresh);
    refresh();
}

void InstancesPanel::setRefreshInterval(int ms)
{
    m_timer->start(ms);
}

void InstancesPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void InstancesPanel::refresh()
{
    const quint64 generation = ++m_generation;
    m_context->query(
        this, &queries::EngineInstancesQuery::load,
        [this, generation](const QueryResult<QList<queries::EngineInstance>> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                // Keep the rows shown; say that they may be out of date.
                m_summary->setText(tr("Cannot read the engine instances: %1").arg(result.error));
                m_summary->setStyleSheet(u"QLabel { color: #c62828; }"_s);
                return;
            }
            m_model->setRows(result.value);
            int workers = 0;
            int running = 0;
            for (const queries::EngineInstance &row : result.value) {
                workers += row.instance.kind == u"worker" ? 1 : 0;
                running += int(row.running.size());
            }
            m_summary->setText(
                tr("%n engine instance(s) on this database", nullptr, int(result.value.size()))
                + u" · "_s + tr("%n worker(s)", nullptr, workers) + u" · "_s
                + tr("%n process(es) running", nullptr, running));
            m_summary->setStyleSheet(QString());
            emit loaded();
        });
}

} // namespace wfo::console
