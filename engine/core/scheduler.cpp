#include "scheduler.h"

#include "actions.h"
#include "callbacks.h"

#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcScheduler, "wfo.engine.scheduler")

namespace wfo {

using store::ScheduleRecord;
using store::Timestamps;

namespace {

// Enough to count a year of minutes missed; beyond that the count says "at least".
constexpr int MaxCountedMisses = 600000;

} // namespace

std::optional<schedule::Trigger> Scheduler::triggerOf(const ScheduleRecord &record, QString *error)
{
    const std::optional<schedule::Trigger::Kind> kind =
        schedule::triggerKindFromString(record.triggerKind);
    if (!kind) {
        *error = QCoreApplication::translate("wfo::Scheduler", "Unknown trigger kind '%1'.")
                     .arg(record.triggerKind);
        return std::nullopt;
    }
    QTimeZone zone = QTimeZone::systemTimeZone();
    if (!record.timeZone.isEmpty()) {
        const std::optional<QTimeZone> named =
            schedule::Trigger::parseTimeZone(record.timeZone, error);
        if (!named)
            return std::nullopt;
        zone = *named;
    }
    const QDateTime anchor = record.anchor.isEmpty() ? Timestamps::fromText(record.createdAt)
                                                     : Timestamps::fromText(record.anchor);
    return schedule::Trigger::parse(*kind, record.triggerText, zone, anchor, error);
}

QStringList Scheduler::expireCallbacks(const QDateTime &now)
{
    return Callbacks::expireOverdue(m_context, now);
}

QStringList Scheduler::tick(const QDateTime &now)
{
    store::ScheduleRepository schedules(m_context.database);
    QStringList started;
    const QString nowText = Timestamps::toText(now);
    for (const ScheduleRecord &schedule : schedules.due(nowText)) {
        QString error;
        const std::optional<schedule::Trigger> trigger = triggerOf(schedule, &error);
        if (!trigger) {
            qCWarning(lcScheduler) << "schedule" << schedule.name << "cannot run:" << error;
            continue;
        }
        if (schedule.nextRunAt.isEmpty()) {
            // New, or edited: its first due time is the first after now.
            const QDateTime next = trigger->nextRun(now);
            schedules.advance(schedule.id, QString(),
                              next.isValid() ? Timestamps::toText(next) : QString());
            continue;
        }
        // Due. Later due times that have passed too were missed (no engine was up): they are
        // coalesced into this one run.
        int missed = 0;
        QDateTime next = trigger->nextRun(Timestamps::fromText(schedule.nextRunAt));
        while (next.isValid() && next <= now && missed < MaxCountedMisses) {
            ++missed;
            next = trigger->nextRun(next);
        }
        if (next.isValid() && next <= now)
            next = trigger->nextRun(now);
        const std::optional<QString> process =
            startRun(schedule, next.isValid() ? Timestamps::toText(next) : QString(), missed);
        if (process && !process->isEmpty()) {
            if (missed > 0)
                qCInfo(lcScheduler) << "schedule" << schedule.name << "ran once for" << missed + 1
                                    << "due times missed while no engine was up";
            started.append(*process);
        }
    }
    return started;
}

std::optional<QString> Scheduler::startRun(const ScheduleRecord &schedule, const QString &next,
                                           int missed)
{
    const WorkflowPtr workflow = m_context.registry->find(schedule.workflow);
    store::WriteTransaction transaction(m_context.database);
    store::ProcessRepository processes(m_context.database);
    QString processId;
    if (workflow) {
        const QJsonObject state {{u"schedule_id"_s, schedule.id}};
        const store::ProcessRecord process =
            Actions::newProcess(*workflow, state, u"SYSTEM"_s, QString());
        processId = process.id;
        processes.registerWorkflow(workflow->name(), toText(workflow->target()),
                                   workflow->descriptionSource(), workflow->isTask());
        processes.insertProcess(process);
        processes.insertInputState(process.id, QString(), u"initial_state"_s, QJsonArray(),
                                   u"SYSTEM"_s);
        for (const auto &extension : std::as_const(m_context.extensions))
            extension->processCreated(m_context.database, process);
    } else {
        // The run passes without a process, so a missing pack does not stop the schedule.
        qCWarning(lcScheduler) << "schedule" << schedule.name << "names the workflow"
                               << schedule.workflow << "which this engine does not know";
    }
    if (!store::ScheduleRepository(m_context.database)
             .claimRun(schedule, next, processId, missed)) {
        transaction.rollback();
        return std::nullopt; // another engine started it
    }
    store::OperatorRepository(m_context.database)
        .audit({0, QString(), u"SYSTEM"_s, u"system"_s, QString(),
                workflow ? u"start"_s : u"schedule_skipped"_s,
                workflow ? u"process"_s : u"schedule"_s, workflow ? processId : schedule.id, true,
                QJsonObject {{u"schedule_id"_s, schedule.id},
                             {u"schedule"_s, schedule.name},
                             {u"workflow"_s, schedule.workflow},
                             {u"due_at"_s, schedule.nextRunAt},
                             {u"missed"_s, missed}}});
    transaction.commit();
    return processId;
}

} // namespace wfo
