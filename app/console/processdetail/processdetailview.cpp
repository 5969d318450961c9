#include "processdetailview.h"

#include "inputsteppanel.h"
#include "processdetailpresenter.h"
#include "stepactiondialogs.h"
#include "steplistmodel.h"
#include "subscriptiondelta.h"

#include "audit/auditview.h"
#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "common/jsonview.h"
#include "common/presentation.h"

#include "queries/processdetail.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wfo::console {

ProcessDetailView::ProcessDetailView(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_info(new QLabel(this))
    , m_failure(new QLabel(this))
    , m_callback(new QLabel(this))
    , m_outcome(new QLabel(this))
    , m_activity(new QProgressBar(this))
    , m_waiting(new QLabel(this))
    , m_copyTicket(new QPushButton(tr("Copy for a &ticket"), this))
    , m_back(new QPushButton(tr("← Back"), this))
    , m_retry(new QPushButton(tr("&Retry"), this))
    , m_reset(new QPushButton(tr("Re&set to step…"), this))
    , m_skip(new QPushButton(tr("S&kip step…"), this))
    , m_abort(new QPushButton(tr("&Abort"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_steps(new StepListModel(this))
    , m_timeline(new QTreeView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tabs(new QTabWidget(this))
    , m_delta(new JsonView(this))
    , m_stepNote(new QLabel(this))
    , m_stepError(new QLabel(this))
    , m_state(new JsonView(this))
    , m_traceback(new QPlainTextEdit(this))
    , m_input(new InputStepPanel(context, this))
    , m_subscriptionDelta(new SubscriptionDeltaView(this))
    , m_audit(new AuditView(context, false, this))
    , m_reloadTimer(new QTimer(this))
{
    setObjectName(u"processDetail"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"processTitle"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true); // a long workflow description must not widen the window
    m_status->setObjectName(u"processStatus"_s);
    m_info->setObjectName(u"processInfo"_s);
    m_info->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_info->setWordWrap(true);
    m_failure->setObjectName(u"processFailure"_s);
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setStyleSheet(u"QLabel { color: #c62828; }"_s);
    m_callback->setObjectName(u"processCallback"_s);
    m_callback->setWordWrap(true);
    m_callback->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_callback->setAccessibleName(tr("Awaited callback"));
    m_callback->hide();
    m_outcome->setObjectName(u"processOutcome"_s);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setAccessibleName(tr("Outcome of the last action"));
    m_outcome->hide();
    m_activity->setObjectName(u"processActivity"_s);
    m_activity->setRange(0, 0);
    m_activity->setMaximumHeight(14);
    m_activity->setTextVisible(false);
    m_activity->setAccessibleName(tr("Process running"));
    m_waiting->setObjectName(u"processWaiting"_s);
    m_waiting->setWordWrap(true);
    m_waiting->setText(tr("Waiting for the engine: it is paused. The process runs when the engine "
                          "is resumed (Engine ▸ Resume engine)."));
    m_waiting->setStyleSheet(u"QLabel { color: #ef8f00; font-weight: bold; }"_s);
    m_waiting->hide();
    m_copyTicket->setObjectName(u"copyForTicketButton"_s);
    m_copyTicket->setToolTip(tr("Copy the process, its failure, steps, state and traceback as "
                                "text, to paste into a ticket"));

    m_back->setObjectName(u"backButton"_s);
    m_back->setAccessibleName(tr("Back"));
    m_back->setFlat(true);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setAccessibleName(tr("Retry"));
    m_retry->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retry->setToolTip(tr("Run the failed step again (Ctrl+R)"));
    m_reset->setObjectName(u"resetButton"_s);
    m_reset->setAccessibleName(tr("Reset to step"));
    m_reset->setToolTip(tr("Rewind the process to an earlier step and run it again from there"));
    m_skip->setObjectName(u"skipButton"_s);
    m_skip->setAccessibleName(tr("Skip step"));
    m_skip->setToolTip(tr("Log the failed step as skipped, with a reason, and go on with the "
                          "next step"));
    m_abort->setObjectName(u"abortButton"_s);
    m_abort->setAccessibleName(tr("Abort"));
    m_abort->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_abort->setToolTip(tr("Stop this process for good (Ctrl+Shift+A)"));
    m_delete->setObjectName(u"deleteButton"_s);
    m_delete->setAccessibleName(tr("Delete"));
    m_delete->setToolTip(tr("Remove this process and its log"));

    m_timeline->setObjectName(u"stepTimeline"_s);
    m_timeline->setAccessibleName(tr("Steps"));
    m_timeline->setModel(m_steps);
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setContextMenuPolicy(Qt::CustomContextMenu);
    m_timeline->header()->setStretchLastSection(false);
    m_timeline->header()->setSectionResizeMode(StepListModel::Name, QHeaderView::Stretch);
    for (int c = StepListModel::Status; c < StepListModel::Note; ++c)
        m_timeline->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(StepListModel::Note, QHeaderView::ResizeToContents);

    auto *stepPage = new QWidget(this);
    auto *stepLayout = new QVBoxLayout(stepPage);
    m_stepError->setObjectName(u"stepError"_s);
    m_stepError->setWordWrap(true);
    m_stepError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stepError->setStyleSheet(u"QLabel { color: #c62828; }"_s);
    m_stepNote->setObjectName(u"stepNote"_s);
    m_stepNote->setWordWrap(true);
    m_stepNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stepNote->hide();
    stepLayout->addWidget(m_stepNote);
    stepLayout->addWidget(m_stepError);
    stepLayout->addWidget(m_delta, 1);
    m_delta->setObjectName(u"stepDelta"_s);
    m_state->setObjectName(u"processState"_s);
    m_traceback->setObjectName(u"traceback"_s);
    m_traceback->setReadOnly(true);
    m_traceback->setAccessibleName(tr("Traceback"));
    m_traceback->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->setObjectName(u"processTabs"_s);
    // Six tabs: never behind scroll arrows. Below ~1150 px the tabs go under the timeline
    // (resizeEvent), where they have the whole width; elided names are the last resort.
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(false);
    m_tabs->tabBar()->setExpanding(false);
    m_tabs->addTab(stepPage, tr("Step delta"));
    m_tabs->addTab(m_state, tr("Full state"));
    m_tabs->addTab(m_traceback, tr("Traceback"));
    m_tabs->addTab(m_input, tr("Input"));
    m_tabs->addTab(m_subscriptionDelta, tr("Subscription delta"));
    m_tabs->setTabEnabled(4, false);
    m_tabs->addTab(m_audit, tr("Audit"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_back);
    header->addWidget(m_title, 1);
    header->addWidget(m_status);
    // The facts get a line of their own, so that the buttons never squeeze them into a
    // narrow column.
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_abort);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_copyTicket);
    m_splitter->setObjectName(u"processSplitter"_s);
    m_splitter->addWidget(m_timeline);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({640, 460});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_info);
    layout->addLayout(buttons);
    layout->addWidget(m_outcome);
    layout->addWidget(m_failure);
    layout->addWidget(m_callback);
    layout->addWidget(m_activity);
    layout->addWidget(m_waiting);
    layout->addWidget(m_splitter, 1);

    connect(m_back, &QPushButton::clicked, this, &ProcessDetailView::backRequested);
    connect(m_retry, &QPushButton::clicked, this, &ProcessDetailView::retry);
    connect(m_reset, &QPushButton::clicked, this, [this] { resetToStep(); });
    connect(m_skip, &QPushButton::clicked, this, &ProcessDetailView::skipStep);
    connect(m_timeline, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_timeline->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = createTimelineMenu(index.row());
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_timeline->viewport()->mapToGlobal(pos));
    });
    connect(context, &ConsoleContext::roleChanged, this, &ProcessDetailView::updateActions);
    connect(m_abort, &QPushButton::clicked, this, &ProcessDetailView::abort);
    connect(m_delete, &QPushButton::clicked, this, &ProcessDetailView::remove);
    connect(m_copyTicket, &QPushButton::clicked, this, [this] {
        if (!m_process)
            return;
        QGuiApplication::clipboard()->setText(
            ProcessDetailPresenter::ticketText(*m_process, m_workflow, m_shownSteps));
        showOutcome(tr("Copied for a ticket."), true);
    });
    connect(m_timeline->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showStep(current.row()); });
    connect(m_info, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(u"subscription:"))
            emit m_context->openSubscriptionRequested(link.mid(13));
    });
    connect(m_input, &InputStepPanel::resumed, this, &ProcessDetailView::reload);

    // Steps commit in bursts: one reload per burst, soon enough to look live.
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(100);
    connect(m_reloadTimer, &QTimer::timeout, this, &ProcessDetailView::reload);
    connect(context, &ConsoleContext::processChanged, this, [this](const QString &id) {
        if (id == m_processId && !m_reloadTimer->isActive())
            m_reloadTimer->start();
    });
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible() && !m_processId.isEmpty())
            reload();
    });
    // Paused or resumed: a queued process waits for the engine, or runs again.
    connect(context->engine(), &Engine::stateChanged, this, &ProcessDetailView::reload);
    updateActions();
}

void ProcessDetailView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The tabs want their names whole; side by side with the timeline only when both fit,
    // else the tabs go below the timeline and both get the whole width (step names too).
    QTabBar *bar = m_tabs->tabBar();
    int tabsNeed = 16;
    for (int i = 0; i < bar->count(); ++i)
        tabsNeed += bar->fontMetrics().horizontalAdvance(bar->tabText(i).remove(u'&'))
            + bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar) + 8;
    const int timelineNeed = 480;
    const Qt::Orientation wanted =
        width() < tabsNeed + timelineNeed ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() != wanted) {
        m_splitter->setOrientation(wanted);
        m_splitter->setSizes(wanted == Qt::Vertical ? QList<int> {height() / 2, height() / 2}
                                                    : QList<int> {width() - tabsNeed, tabsNeed});
    } else if (wanted == Qt::Horizontal && m_tabs->width() < tabsNeed) {
        m_splitter->setSizes({m_splitter->width() - tabsNeed, tabsNeed});
    }
}

void ProcessDetailView::setProcess(const QString &processId)
{
    if (processId != m_processId) {
        m_processId = processId;
        m_process.reset();
        m_shownStatus.reset();
        m_followedRow = -1;
        m_focusStep.clear();
        m_workflow.reset();
        m_resetTargets.clear();
        m_outcome->hide();
        m_audit->setTarget(processId);
        m_steps->setSteps({});
        m_input->clear();
        m_title->setText(tr("Loading…"));
        m_status->clear();
        m_info->clear();
        m_failure->hide();
        m_activity->hide();
        m_waiting->hide();
        m_delta->setJson({});
        m_state->setJson({});
        m_traceback->clear();
        m_subscriptionDelta->setState({});
        updateActions();
    }
    reload();
}

void ProcessDetailView::reload()
{
    if (m_processId.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    const QString id = m_processId;
    m_context->query(
        this,
        [id](const store::Database &database) {
            return queries::ProcessDetailQuery::load(database, id);
        },
        [this, generation](const QueryResult<std::optional<queries::ProcessDetail>> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                m_failure->setText(tr("Cannot load the process: %1").arg(result.error));
                m_failure->show();
                return;
            }
            apply(result.value);
        });
}

void ProcessDetailView::apply(const std::optional<queries::ProcessDetail> &detail)
{
    m_process.reset();
    m_resetTargets.clear();
    if (detail)
        m_process = detail->process;
    if (!m_process) {
        m_title->setText(tr("This process no longer exists."));
        m_status->clear();
        m_info->clear();
        m_steps->setSteps({});
        m_activity->hide();
        updateActions();
        emit loaded();
        return;
    }
    const store::ProcessRecord &p = *m_process;
    const WorkflowPtr workflow = m_context->engine()->registry()->find(p.workflowName);
    m_workflow = workflow;
    if (workflow)
        m_resetTargets = ProcessActions::resetTargets(*workflow, p, detail->steps);
    m_title->setText(ProcessDetailPresenter::title(p, workflow));
    m_status->setText(ProcessDetailPresenter::statusHtml(p));
    m_status->setAccessibleName(ProcessDetailPresenter::statusAccessibleName(p));
    m_info->setText(ProcessDetailPresenter::infoHtml(p, workflow));
    m_info->setToolTip(ProcessDetailPresenter::infoToolTip(p));

    const bool waiting = ProcessDetailPresenter::waitsForEngine(p, m_context->engine()->state());
    m_activity->setVisible(ProcessDetailPresenter::isRunning(p) && !waiting);
    m_waiting->setVisible(waiting);
    m_steps->setWaitingForEngine(waiting);
    const QString runningStep = ProcessDetailPresenter::runningStep(p);
    const int selected = m_timeline->currentIndex().row();
    const int oldRows = m_steps->rowCount();
    m_steps->setSteps(detail->steps, runningStep);
    m_shownSteps = detail->steps;
    // A skip reason may be long: once there are notes they share the room with the names.
    const bool notes =
        std::any_of(detail->steps.cbegin(), detail->steps.cend(), [](const store::StepRecord &s) {
            return !s.rewoundAt.isEmpty() || !s.reason.isEmpty();
        });
    m_timeline->header()->setSectionResizeMode(
        StepListModel::Note, notes ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    // After a retry (or anything that changed the status) the old failed attempt is history:
    // follow the newest step again, so a completed process does not show a red error.
    // The same goes for a row the view chose itself when new rows came: only a row the operator
    // picked stays.
    const bool statusChanged = m_shownStatus && *m_shownStatus != p.status;
    const bool grew = m_steps->rowCount() != oldRows;
    m_shownStatus = p.status;
    if (statusChanged || (grew && selected == m_followedRow) || selected < 0
        || selected >= oldRows - (m_steps->hasRunningRow() ? 1 : 0)) {
        // Follow the newest step unless the operator picked an older one; a process that
        // stopped on a failure shows that failure.
        int row = int(detail->steps.size()) - 1;
        const bool stoppedOnFailure =
            isResumable(p.status) && isAtRest(p.status) && p.status != ProcessStatus::Suspended;
        for (int i = int(detail->steps.size()) - 1; stoppedOnFailure && i >= 0; --i) {
            if (detail->steps.at(i).status == StepStatus::Failed
                && detail->steps.at(i).rewoundAt.isEmpty()) {
                row = i;
                break;
            }
        }
        if (row >= 0)
            m_timeline->setCurrentIndex(m_steps->index(row, 0));
        m_followedRow = row;
    } else {
        showStep(selected);
    }
    selectFocusedStep();

    m_failure->setVisible(!p.failedReason.isEmpty() && isResumable(p.status));
    m_failure->setText(tr("Failed: %1").arg(p.failedReason));
    const std::optional<queries::AwaitedCallback> callback = detail->callback();
    m_callback->setVisible(callback.has_value());
    m_callback->setText(callback ? ProcessDetailPresenter::callbackHtml(*callback) : QString());
    m_traceback->setPlainText(ProcessDetailPresenter::tracebackText(p.traceback));
    m_tabs->setTabEnabled(2, !p.traceback.isEmpty());
    m_state->setJson(p.state);
    m_subscriptionDelta->setState(p.state);
    const bool modifies = hasSubscriptionDelta(p.state);
    m_tabs->setTabEnabled(4, modifies);
    if (!modifies && m_tabs->currentIndex() == 4)
        m_tabs->setCurrentIndex(0);
    const bool suspended = p.status == ProcessStatus::Suspended;
    m_tabs->setTabEnabled(3, suspended);
    if (suspended) {
        m_input->setProcess(p.id);
        if (m_input->processId() == p.id && m_tabs->currentIndex() != 3)
            m_tabs->setCurrentIndex(3);
    } else {
        m_input->clear();
        if (m_tabs->currentIndex() == 3)
            m_tabs->setCurrentIndex(0);
    }
    updateActions();
    emit loaded();
}

void ProcessDetailView::focusStep(const QString &stepName)
{
    m_focusStep = stepName;
    if (m_process)
        selectFocusedStep();
}

void ProcessDetailView::selectFocusedStep()
{
    if (m_focusStep.isEmpty())
        return;
    const QList<store::StepRecord> &steps = m_steps->steps();
    for (int row = int(steps.size()) - 1; row >= 0; --row) {
        if (steps.at(row).name == m_focusStep) {
            m_timeline->setCurrentIndex(m_steps->index(row, 0));
            m_timeline->scrollTo(m_steps->index(row, 0));
            m_followedRow = -1; // chosen for the operator: it stays
            break;
        }
    }
    m_focusStep.clear();
}

void ProcessDetailView::showStep(int row)
{
    const store::StepRecord *step = m_steps->step(row);
    if (!step) {
        m_delta->setJson({});
        m_stepNote->hide();
        m_stepError->setVisible(row >= 0);
        m_stepError->setText(m_steps->isWaitingForEngine()
                                 ? tr("This step waits for the engine, which is paused.")
                                 : tr("This step is running."));
        return;
    }
    m_delta->setJson(step->delta);
    // What an operator did to the row (rewound, skipped) is a fact, not an error.
    QStringList notes;
    if (!step->rewoundAt.isEmpty())
        notes << tr("Rewound by a reset at %1: kept in the log, no longer part of the state.")
                     .arg(formatTime(step->rewoundAt));
    if (step->status == StepStatus::Skipped && !step->reason.isEmpty())
        notes << tr("Skipped by %1: %2").arg(step->createdBy, step->reason);
    // A retry is compared with the attempt before it: did it fail the same way?
    const QString compared = ProcessDetailPresenter::compareWithPrevious(m_steps->steps(), row);
    if (!compared.isEmpty())
        notes << compared;
    m_stepNote->setText(notes.join(u'\n'));
    m_stepNote->setVisible(!notes.isEmpty());
    // The operator reads what went wrong; the error's class is for whoever reads the code, so
    // it stays in the tooltip and the traceback.
    const QString error = step->errorMessage.isEmpty() ? step->errorClass : step->errorMessage;
    m_stepError->setText(error);
    m_stepError->setToolTip(
        step->errorClass.isEmpty() ? QString() : tr("Error class: %1").arg(step->errorClass));
    m_stepError->setVisible(!error.isEmpty());
    if (!step->traceback.isEmpty())
        m_traceback->setPlainText(ProcessDetailPresenter::tracebackText(step->traceback));
    else if (m_process)
        m_traceback->setPlainText(ProcessDetailPresenter::tracebackText(m_process->traceback));
}

void ProcessDetailView::updateActions()
{
    m_copyTicket->setEnabled(m_process.has_value());
    QPushButton *buttons[] = {m_retry, m_reset, m_skip, m_abort, m_delete};
    if (!m_process || m_actionRunning) {
        for (QPushButton *button : buttons)
            setBusy(button);
        return;
    }
    const store::ProcessRecord &p = *m_process;
    // The engine asks for the workflow's retry role, raised by the next step's own, for retry,
    // reset and skip alike.
    const Role retryRole = m_workflow ? m_workflow->resumeRoleAt(p.nextStep) : Role::Operator;
    m_input->setRefusal(m_context->refusal(Permission::Resume, retryRole));
    setAllowed(m_retry,
               firstReason(m_context->refusal(Permission::Resume, retryRole),
                           ProcessActions::retryBlocked(p)));
    setAllowed(m_reset,
               firstReason(m_context->refusal(Permission::Reset, retryRole),
                           ProcessActions::resetBlocked(p, m_resetTargets)));
    setAllowed(m_skip,
               firstReason(m_context->refusal(Permission::Skip, retryRole),
                           ProcessActions::skipBlocked(p)));
    setAllowed(m_abort,
               firstReason(m_context->refusal(Permission::Abort), ProcessActions::abortBlocked(p)));
    setAllowed(
        m_delete,
        firstReason(m_context->refusal(Permission::DeleteTask), ProcessActions::deleteBlocked(p)));
}

QMenu *ProcessDetailView::createTimelineMenu(int row)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"timelineMenu"_s);
    menu->setToolTipsVisible(true);
    const QModelIndex index = m_steps->index(row, 0);
    const int stepIndex = index.data(StepListModel::StepIndexRole).toInt();
    const QString name = index.data(StepListModel::RawValueRole).toString();
    QAction *reset = menu->addAction(tr("Reset to this step…"));
    reset->setObjectName(u"resetToThisStepAction"_s);
    QString reason = m_reset->isEnabled() ? QString() : m_reset->toolTip();
    if (!m_process || m_actionRunning)
        reason = tr("Wait until the process is loaded and no action runs.");
    const bool offered =
        std::any_of(m_resetTargets.cbegin(), m_resetTargets.cend(),
                    [stepIndex](const ResetTarget &t) { return t.index == stepIndex; });
    if (reason.isEmpty() && (stepIndex < 0 || !offered))
        reason = tr("The process cannot go back to '%1': it has not run it yet.").arg(name);
    reset->setToolTip(
        tr("Rewind the process to before '%1' and run it again from there").arg(name));
    setAllowed(reset, reason);
    connect(reset, &QAction::triggered, this, [this, stepIndex] { resetToStep(stepIndex); });
    // Skipping is about the step the process stopped at, whichever row was clicked.
    const QString stopped = m_process ? m_process->nextStepName : QString();
    QAction *skip =
        menu->addAction(stopped.isEmpty() ? tr("Skip step…") : tr("Skip '%1'…").arg(stopped));
    skip->setObjectName(u"skipStepAction"_s);
    skip->setToolTip(m_skip->toolTip());
    setAllowed(skip, m_skip->isEnabled() ? QString() : m_skip->toolTip());
    connect(skip, &QAction::triggered, this, &ProcessDetailView::skipStep);
    return menu;
}

void ProcessDetailView::retry()
{
    if (!m_retry->isEnabled())
        return;
    ResumeRequest request;
    request.actor = m_context->actor();
    runAction(tr("Retry"), tr("Retrying the failed step."),
              m_context->engine()->resume(m_processId, request));
}

void ProcessDetailView::resetToStep(int step)
{
    if (!m_reset->isEnabled() || m_resetTargets.isEmpty())
        return;
    const QString id = m_processId;
    auto *dialog = new ResetDialog(m_resetTargets, step, this);
    connect(dialog, &QDialog::accepted, this, [this, id, dialog] {
        if (id != m_processId)
            return;
        ResetRequest request;
        request.toStep = dialog->chosenStep();
        request.toStepName = dialog->chosenStepName();
        request.actor = m_context->actor();
        runAction(tr("Reset"),
                  tr("Reset to step %1 '%2': the process runs again from there.")
                      .arg(request.toStep + 1)
                      .arg(request.toStepName),
                  m_context->engine()->reset(id, request));
    });
    dialog->open();
}

void ProcessDetailView::skipStep()
{
    if (!m_skip->isEnabled() || !m_process)
        return;
    const QString id = m_processId;
    const QString step = m_process->nextStepName;
    auto *dialog = new SkipDialog(step, m_process->failedReason, this);
    connect(dialog, &QDialog::accepted, this, [this, id, step, dialog] {
        if (id != m_processId)
            return;
        SkipRequest request;
        request.reason = dialog->reason();
        request.actor = m_context->actor();
        runAction(tr("Skip step"),
                  tr("Skipped '%1'; the process goes on with the next step.").arg(step),
                  m_context->engine()->skip(id, request));
    });
    dialog->open();
}

void ProcessDetailView::runAction(const QString &what, const QString &success,
                                  QFuture<ActionResult> future)
{
    m_actionRunning = true;
    updateActions();
    future.then(this, [this, what, success](const ActionResult &result) {
        actionDone(what, success, result);
    });
}

void ProcessDetailView::abort()
{
    if (!m_abort->isEnabled())
        return;
    const QString id = m_processId;
    askConfirmation(this, u"confirmAbort"_s, tr("Abort process"),
                    tr("Abort this process? It stops for good and cannot be retried."),
                    tr("Abort process"), [this, id] {
                        if (id != m_processId)
                            return;
                        runAction(tr("Abort"), tr("Abort requested."),
                                  m_context->engine()->abort(id, m_context->actor()));
                    });
}

void ProcessDetailView::remove()
{
    if (!m_delete->isEnabled())
        return;
    const QString id = m_processId;
    askConfirmation(this, u"confirmDelete"_s, tr("Delete process"),
                    tr("Delete this process and its step log? This cannot be undone."),
                    tr("Delete process"), [this, id] {
                        m_actionRunning = true;
                        updateActions();
                        m_context->engine()
                            ->remove(id, m_context->actor())
                            .then(this, [this, id](const ActionResult &r) {
                                actionDone(tr("Delete"), tr("Deleted."), r);
                                if (r.ok())
                                    emit removed(id);
                            });
                    });
}

void ProcessDetailView::actionDone(const QString &what, const QString &success,
                                   const ActionResult &result)
{
    m_actionRunning = false;
    if (result.ok()) {
        showOutcome(success, true);
    } else {
        // Refusals say which role is missing; the operator sees them here and in a message.
        const QString message = result.message.isEmpty() ? result.refusal.message : result.message;
        const bool refused = result.outcome == ActionResult::Outcome::NotPermitted
            || result.outcome == ActionResult::Outcome::NotAllowed
            || result.outcome == ActionResult::Outcome::Blocked;
        showOutcome(refused ? tr("%1 refused: %2").arg(what, message)
                            : tr("%1 failed: %2").arg(what, message),
                    false);
        showError(this, what, message);
    }
    m_context->notifyChanged();
    m_context->refreshRole();
    reload();
    m_audit->refresh();
}

void ProcessDetailView::showOutcome(const QString &text, bool ok)
{
    m_outcome->setText(text);
    m_outcome->setStyleSheet(ok ? u"QLabel { color: #2e7d32; }"_s
                                : u"QLabel { color: #c62828; font-weight: bold; }"_s);
    m_outcome->setAccessibleDescription(text);
    m_outcome->show();
}

} // namespace wfo::console
