#include "schedulesview.h"

#include "scheduledialog.h"

#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "common/presentation.h"
#include "common/workflowlauncher.h"

#include "queries/schedules.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

QString triggerText(const QJsonObject &s)
{
    const QString kind = s.value(u"trigger_kind").toString();
    const QString text = s.value(u"trigger").toString();
    const QString zone = s.value(u"time_zone").toString();
    QString shown;
    if (kind == u"interval")
        shown = SchedulesView::tr("every %1").arg(text);
    else if (kind == u"once")
        shown = SchedulesView::tr("once at %1").arg(formatTime(text));
    else
        shown = SchedulesView::tr("cron %1").arg(text);
    // The engine's own zone goes without saying (the tooltip says it); another zone is shown.
    if (kind != u"interval" && !zone.isEmpty())
        shown += u" ("_s + zone + u')';
    return shown;
}

// A stored time as a local date and time to the minute: what a schedule's runs need.
QString shortTime(const QString &timestamp)
{
    const QString full = formatTime(timestamp); // yyyy-MM-dd HH:mm:ss
    return full.size() == 19 ? full.left(16) : full;
}

QString lastRun(const QJsonObject &s)
{
    const QString at = s.value(u"last_run_at").toString();
    if (at.isEmpty())
        return SchedulesView::tr("—");
    QStringList parts {shortTime(at)};
    const QString status = s.value(u"last_status").toString();
    if (!status.isEmpty())
        parts << status;
    const int missed = s.value(u"last_missed").toInt();
    if (missed > 0)
        parts << SchedulesView::tr("%n missed", nullptr, missed);
    return parts.join(u" · "_s);
}

} // namespace

SchedulesView::SchedulesView(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_table(new QTreeWidget(this))
    , m_notice(new QLabel(this))
    , m_outcome(new QLabel(this))
    , m_add(new QPushButton(tr("&Add…"), this))
    , m_edit(new QPushButton(tr("Ed&it…"), this))
    , m_toggle(new QPushButton(tr("&Disable"), this))
    , m_remove(new QPushButton(tr("De&lete…"), this))
    , m_run(new QPushButton(tr("&Run now"), this))
    , m_openProcess(new QPushButton(tr("Last &process"), this))
{
    setObjectName(u"schedulesPage"_s);
    auto *title = new QLabel(tr("Schedules"), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    auto *hint = new QLabel(tr("Workflows that run by themselves. Every engine that takes queued "
                               "work starts their due runs, each exactly once; runs missed while "
                               "no engine was up start once when one comes back."),
                            this);
    hint->setEnabled(false);
    hint->setWordWrap(true);

    m_table->setObjectName(u"schedulesTable"_s);
    m_table->setAccessibleName(tr("Schedules"));
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    m_table->setHeaderLabels(
        {tr("Name"), tr("Workflow"), tr("Trigger"), tr("Enabled"), tr("Next run"), tr("Last run")});
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(LastRunColumn, QHeaderView::Stretch);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setMinimumSectionSize(40);
    m_notice->setObjectName(u"schedulesNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_outcome->setObjectName(u"schedulesOutcome"_s);
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::RichText);
    m_outcome->hide();
    connect(m_outcome, &QLabel::linkActivated, this,
            [this](const QString &id) { emit m_context->openProcessRequested(id); });

    m_add->setObjectName(u"addScheduleButton"_s);
    m_add->setAccessibleName(tr("Add schedule"));
    m_add->setToolTip(tr("Run a workflow by itself on a cron expression, an interval or once"));
    m_edit->setObjectName(u"editScheduleButton"_s);
    m_edit->setAccessibleName(tr("Edit schedule"));
    m_edit->setToolTip(tr("Change the selected schedule (Enter)"));
    m_toggle->setObjectName(u"toggleScheduleButton"_s);
    m_toggle->setToolTip(tr("Disable or enable the selected schedule"));
    m_remove->setObjectName(u"deleteScheduleButton"_s);
    m_remove->setAccessibleName(tr("Delete schedule"));
    m_remove->setToolTip(tr("Delete the selected schedule (Del)"));
    m_run->setObjectName(u"runScheduleButton"_s);
    m_run->setAccessibleName(tr("Run schedule now"));
    m_run->setToolTip(tr("Start the selected schedule's workflow now, once"));
    m_openProcess->setObjectName(u"openLastProcessButton"_s);
    m_openProcess->setAccessibleName(tr("Open last process"));
    m_openProcess->setToolTip(tr("Open the process of the selected schedule's last run"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_add, m_edit, m_toggle, m_remove, m_run, m_openProcess})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addWidget(m_notice);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_outcome);

    connect(m_add, &QPushButton::clicked, this, &SchedulesView::addSchedule);
    connect(m_edit, &QPushButton::clicked, this, &SchedulesView::editSchedule);
    connect(m_toggle, &QPushButton::clicked, this, &SchedulesView::toggleEnabled);
    connect(m_remove, &QPushButton::clicked, this, &SchedulesView::removeSchedule);
    connect(m_run, &QPushButton::clicked, this, &SchedulesView::runNow);
    connect(m_openProcess, &QPushButton::clicked, this, &SchedulesView::openLastProcess);
    connect(m_table, &QTreeWidget::currentItemChanged, this, &SchedulesView::updateActions);
    connect(m_table, &QTreeWidget::itemActivated, this, [this] {
        if (m_edit->isEnabled())
            editSchedule();
    });
    m_table->installEventFilter(this); // Del deletes (asks first)
    connect(context, &ConsoleContext::roleChanged, this, &SchedulesView::updateActions);
    connect(context, &ConsoleContext::changed, this, [this] {
        if (isVisible())
            refresh();
    });
    updateActions();
}

bool SchedulesView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Delete)) {
        removeSchedule();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SchedulesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void SchedulesView::refresh()
{
    const quint64 generation = ++m_generation;
    m_context->query(
        this,
        [](const store::Database &database) {
            return queries::ScheduleQueries::schedules(database);
        },
        [this, generation](const QueryResult<QJsonArray> &result) {
            if (generation != m_generation)
                return;
            if (!result.ok()) {
                m_notice->setText(tr("Cannot load the schedules: %1").arg(result.error));
                m_notice->show();
                return;
            }
            apply(result.value);
        });
}

void SchedulesView::apply(const QJsonArray &schedules)
{
    if (schedules == m_schedules && m_table->topLevelItemCount() == schedules.size()) {
        updateActions(); // the polls come often; keep the selection and the scroll
        emit loaded();
        return;
    }
    const QString selected = current().value(u"schedule_id").toString();
    m_schedules = schedules;
    m_table->clear();
    for (const QJsonValue &value : schedules) {
        const QJsonObject s = value.toObject();
        const bool enabled = s.value(u"enabled").toBool();
        const QJsonArray next = s.value(u"next_runs").toArray();
        QString nextRun = enabled ? tr("never") : tr("— (disabled)");
        if (enabled && !next.isEmpty())
            nextRun = shortTime(next.at(0).toString());
        auto *item = new QTreeWidgetItem(m_table,
                                         {s.value(u"name").toString(),
                                          s.value(u"workflow").toString(), triggerText(s),
                                          enabled ? tr("yes") : tr("no"), nextRun, lastRun(s)});
        item->setData(NameColumn, Qt::UserRole, s.value(u"schedule_id").toString());
        item->setToolTip(NameColumn, tr("Id: %1").arg(s.value(u"schedule_id").toString()));
        QStringList nextRuns;
        for (const QJsonValue &run : next)
            nextRuns << formatTime(run.toString());
        if (!nextRuns.isEmpty())
            item->setToolTip(NextRunColumn, tr("Next runs:\n%1").arg(nextRuns.join(u'\n')));
        if (!s.value(u"error").toString().isEmpty())
            item->setToolTip(TriggerColumn, s.value(u"error").toString());
        else if (s.value(u"time_zone").toString().isEmpty())
            item->setToolTip(TriggerColumn, tr("On the clocks of the engine's time zone"));
        const QString status = s.value(u"last_status").toString();
        if (!status.isEmpty())
            item->setIcon(LastRunColumn, statusIcon(status));
        const QString process = s.value(u"last_process_id").toString();
        if (!process.isEmpty())
            item->setToolTip(
                LastRunColumn,
                tr("%1\nProcess %2").arg(formatTime(s.value(u"last_run_at").toString()), process));
        if (!enabled) {
            for (int c = 0; c < m_table->columnCount(); ++c)
                item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
        }
        if (s.value(u"schedule_id").toString() == selected)
            m_table->setCurrentItem(item);
    }
    if (!m_table->currentItem() && m_table->topLevelItemCount() > 0)
        m_table->setCurrentItem(m_table->topLevelItem(0));
    updateActions();
    emit loaded();
}

bool SchedulesView::select(const QString &scheduleId)
{
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_table->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toString() == scheduleId) {
            m_table->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

ScheduleDialog *SchedulesView::dialog() const
{
    return findChild<ScheduleDialog *>(u"scheduleDialog"_s);
}

QJsonObject SchedulesView::current() const
{
    const QTreeWidgetItem *item = m_table->currentItem();
    if (!item)
        return {};
    const QString id = item->data(NameColumn, Qt::UserRole).toString();
    for (const QJsonValue &value : m_schedules) {
        if (value.toObject().value(u"schedule_id").toString() == id)
            return value.toObject();
    }
    return {};
}

void SchedulesView::updateActions()
{
    const QString refusal = m_context->refusal(Permission::EditSchedules);
    m_notice->setText(refusal.isEmpty() ? QString() : tr("Read only: %1").arg(refusal));
    m_notice->setVisible(!refusal.isEmpty());
    const QJsonObject selected = current();
    const bool enabled = selected.value(u"enabled").toBool(true);
    m_toggle->setText(enabled ? tr("&Disable") : tr("E&nable"));
    m_toggle->setAccessibleName(enabled ? tr("Disable schedule") : tr("Enable schedule"));
    if (m_busy) {
        for (QPushButton *button : {m_add, m_edit, m_toggle, m_remove, m_run})
            setBusy(button);
        return;
    }
    const QString none = selected.isEmpty() ? tr("Select a schedule first.") : QString();
    setAllowed(m_add, refusal);
    setAllowed(m_edit, firstReason(refusal, none));
    setAllowed(m_toggle, firstReason(refusal, none));
    setAllowed(m_remove, firstReason(refusal, none));

    // Running now is starting a workflow: an operator's action, or more if the workflow asks.
    QString runRefusal = m_context->refusal(Permission::Start);
    const QString workflowName = selected.value(u"workflow").toString();
    const WorkflowPtr workflow = m_context->engine()->registry()->find(workflowName);
    if (workflow && runRefusal.isEmpty())
        runRefusal = m_context->refusal(Permission::Start, workflow->startRole());
    QString unknown;
    if (!selected.isEmpty() && !workflow)
        unknown = tr("There is no workflow '%1' in this installation.").arg(workflowName);
    setAllowed(m_run, firstReason(runRefusal, none, unknown));
    setAllowed(m_openProcess,
               firstReason(none,
                           selected.value(u"last_process_id").toString().isEmpty()
                               ? tr("This schedule has not run yet.")
                               : QString()));
}

QString SchedulesView::newId(const QString &name) const
{
    QString base;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            base += c;
        else if (!base.isEmpty() && !base.endsWith(u'-'))
            base += u'-';
    }
    while (base.endsWith(u'-'))
        base.chop(1);
    if (base.isEmpty())
        base = u"schedule"_s;
    QStringList taken;
    for (const QJsonValue &value : m_schedules)
        taken << value.toObject().value(u"schedule_id").toString();
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + u'-' + QString::number(n);
    return id;
}

void SchedulesView::addSchedule()
{
    if (!m_add->isEnabled())
        return;
    openDialog({});
}

void SchedulesView::editSchedule()
{
    const QJsonObject selected = current();
    if (!m_edit->isEnabled() || selected.isEmpty())
        return;
    openDialog(selected);
}

void SchedulesView::openDialog(const QJsonObject &existing)
{
    auto *dialog = new ScheduleDialog(m_context->engine()->registry(), existing, this);
    connect(dialog, &ScheduleDialog::saveRequested, this,
            [this, dialog](const ScheduleChange &asked) {
                ScheduleChange change = asked;
                if (change.change == u"add")
                    change.id = newId(change.name);
                change.actor = m_context->actor();
                m_context->engine()->saveSchedule(change).then(
                    dialog, [this, dialog, change](const ActionResult &result) {
                        dialog->finish(result); // closes on success, else says why
                        if (result.ok())
                            finishAction(tr("Saved schedule %1.").arg(change.name), result);
                    });
            });
    dialog->open();
}

void SchedulesView::toggleEnabled()
{
    const QJsonObject selected = current();
    if (!m_toggle->isEnabled() || selected.isEmpty())
        return;
    const bool enable = !selected.value(u"enabled").toBool();
    ScheduleChange change;
    change.id = selected.value(u"schedule_id").toString();
    change.change = enable ? u"enable"_s : u"disable"_s;
    change.enabled = enable;
    change.actor = m_context->actor();
    m_busy = true;
    updateActions();
    const QString name = selected.value(u"name").toString();
    m_context->engine()->saveSchedule(change).then(
        this, [this, name, enable](const ActionResult &r) {
            finishAction(enable ? tr("Enabled schedule %1.").arg(name)
                                : tr("Disabled schedule %1.").arg(name),
                         r);
        });
}

void SchedulesView::removeSchedule()
{
    const QJsonObject selected = current();
    if (!m_remove->isEnabled() || selected.isEmpty())
        return;
    const QString id = selected.value(u"schedule_id").toString();
    const QString name = selected.value(u"name").toString();
    askConfirmation(this, u"confirmDeleteSchedule"_s, tr("Delete schedule"),
                    tr("Delete the schedule %1 (%2)? Its workflow no longer runs by itself; "
                       "processes it started stay.")
                        .arg(name, selected.value(u"workflow").toString()),
                    tr("Delete"), [this, id, name] {
                        m_busy = true;
                        updateActions();
                        m_context->engine()
                            ->removeSchedule(id, m_context->actor())
                            .then(this, [this, name](const ActionResult &r) {
                                finishAction(tr("Deleted schedule %1.").arg(name), r);
                            });
                    });
}

void SchedulesView::runNow()
{
    const QJsonObject selected = current();
    if (!m_run->isEnabled() || selected.isEmpty())
        return;
    const QString workflow = selected.value(u"workflow").toString();
    const QString name = selected.value(u"name").toString();
    // As `orchestratorctl schedules run`: the workflow starts once, as the operator's start;
    // the schedule's own due times are unchanged.
    auto *launcher = new WorkflowLauncher(m_context, this);
    launcher->setOpenProcess(false);
    launcher->setConfirmStart(false); // "Run now" on a chosen schedule is the confirmation
    connect(launcher, &WorkflowLauncher::started, this, [this, name](const QString &processId) {
        showOutcome(true,
                    tr("Started %1 now as process <a href=\"%2\">%3</a>.")
                        .arg(name.toHtmlEscaped(), processId, processId.left(8)));
        emit actionFinished(true);
    });
    connect(launcher, &WorkflowLauncher::failed, this, [this, name](const QString &message) {
        showOutcome(false, tr("%1 not started: %2").arg(name, message).toHtmlEscaped());
        emit actionFinished(false);
    });
    launcher->launch(workflow);
}

void SchedulesView::openLastProcess()
{
    const QString process = current().value(u"last_process_id").toString();
    if (!process.isEmpty())
        emit m_context->openProcessRequested(process);
}

void SchedulesView::showOutcome(bool ok, const QString &text)
{
    m_outcome->setText(text);
    m_outcome->setStyleSheet(ok ? u"QLabel { color: #2e7d32; }"_s
                                : u"QLabel { color: #c62828; font-weight: bold; }"_s);
    m_outcome->show();
}

void SchedulesView::finishAction(const QString &what, const ActionResult &result)
{
    m_busy = false;
    if (result.ok()) {
        showOutcome(true, what.toHtmlEscaped());
    } else {
        const QString message = result.message.isEmpty() ? result.refusal.message : result.message;
        showOutcome(false, message.toHtmlEscaped());
        showError(this, tr("Schedules"), message);
    }
    updateActions();
    m_context->notifyChanged();
    refresh();
    emit actionFinished(result.ok());
}

} // namespace wfo::console
