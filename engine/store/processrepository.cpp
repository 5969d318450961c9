#include "processrepository.h"

#include "preparedstatements.h"
#include "processsearch.h"

#include "timestamps.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

QString toText(const QJsonObject &object)
{
    return JsonText::render(object);
}

QJsonObject toObject(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant nullable(const QString &text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

const QString processColumns = u"process_id, workflow_name, is_task, status, last_step, "
                               "last_status, next_step, next_substep, next_step_name, state, "
                               "pending_input, failed_reason, traceback, assignee, created_by, "
                               "run_by, started_at, last_modified_at, note, claimed_by, "
                               "abort_requested"_s;

const QString stepColumns = u"step_id, process_id, step_index, name, status, state_delta, "
                            "created_by, started_at, completed_at, retries, error_class, "
                            "error_message, traceback, reason, rewound_at"_s;

StepRecord readStep(const QSqlQuery &q)
{
    StepRecord s;
    s.id = q.value(0).toLongLong();
    s.processId = q.value(1).toString();
    s.index = q.value(2).toInt();
    s.name = q.value(3).toString();
    s.status = stepStatusFromString(q.value(4).toString()).value_or(StepStatus::Failed);
    s.delta = toObject(q.value(5));
    s.createdBy = q.value(6).toString();
    s.startedAt = q.value(7).toString();
    s.completedAt = q.value(8).toString();
    s.retries = q.value(9).toInt();
    s.errorClass = q.value(10).toString();
    s.errorMessage = q.value(11).toString();
    s.traceback = q.value(12).toString();
    s.reason = q.value(13).toString();
    s.rewoundAt = q.value(14).toString();
    return s;
}

} // namespace

void ProcessRepository::registerWorkflow(const QString &name, const QString &target,
                                         const QString &description, bool isTask)
{
    m_db.exec(u"INSERT INTO workflows (workflow_id, name, target, description, is_task, "
              "created_at) VALUES (:id, :name, :target, :description, :is_task, :at) "
              "ON CONFLICT (name) DO UPDATE SET target = excluded.target, description = "
              "excluded.description, is_task = excluded.is_task, deleted_at = NULL"_s,
              {{u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
               {u"name"_s, name},
               {u"target"_s, target},
               {u"description"_s, description},
               {u"is_task"_s, isTask ? 1 : 0},
               {u"at"_s, Timestamps::now()}});
}

QList<WorkflowRow> ProcessRepository::workflows()
{
    QSqlQuery q = m_db.exec(u"SELECT workflow_id, name, target, description, is_task FROM "
                            "workflows WHERE deleted_at IS NULL ORDER BY name"_s);
    QList<WorkflowRow> rows;
    while (q.next())
        rows.append(WorkflowRow {q.value(0).toString(), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toString(),
                                 q.value(4).toInt() != 0});
    return rows;
}

QVariantMap ProcessRepository::processValues(const ProcessRecord &p) const
{
    return {
        {u"process_id"_s, p.id},
        {u"workflow_name"_s, p.workflowName},
        {u"is_task"_s, p.isTask ? 1 : 0},
        {u"status"_s, wfo::toText(p.status)},
        {u"last_step"_s, nullable(p.lastStep)},
        {u"last_status"_s,
         p.lastStatus ? QVariant(wfo::toText(*p.lastStatus))
                      : QVariant(QMetaType::fromType<QString>())},
        {u"next_step"_s, p.nextStep},
        {u"next_substep"_s, p.nextSubStep},
        {u"next_step_name"_s, nullable(p.nextStepName)},
        {u"state"_s, toText(p.state)},
        {u"pending_input"_s,
         p.pendingInput ? QVariant(toText(*p.pendingInput))
                        : QVariant(QMetaType::fromType<QString>())},
        {u"failed_reason"_s, nullable(p.failedReason)},
        {u"traceback"_s, nullable(p.traceback)},
        {u"assignee"_s, p.assignee},
        {u"created_by"_s, p.createdBy},
        {u"run_by"_s, nullable(p.runBy)},
        {u"started_at"_s, p.startedAt},
        {u"last_modified_at"_s, p.lastModifiedAt},
        {u"note"_s, nullable(p.note)},
        {u"claimed_by"_s, nullable(p.claimedBy)},
        {u"abort_requested"_s, p.abortRequested ? 1 : 0},
    };
}

void ProcessRepository::insertProcess(const ProcessRecord &process)
{
    // A kept statement: a task's one step may queue a process for each of 100,000
    // subscriptions (docs/performance.md, "A real job at scale").
    static const QStringList columns = processColumns.split(u", "_s);
    static const QString sql = u"INSERT INTO processes (%1, initial_state) VALUES (%2?)"_s.arg(
        processColumns, u"?, "_s.repeated(columns.size()));
    const QVariantMap named = processValues(process);
    QVariantList values;
    values.reserve(columns.size() + 1);
    for (const QString &column : columns)
        values.append(named.value(column));
    // The state it starts with is also kept as its initial state, for resets.
    values.append(named.value(u"state"_s));
    execPrepared(m_db, sql, values);
    m_db.notifyChange(u"process"_s, process.id);
}

ProcessRecord ProcessRepository::readProcess(const QSqlQuery &q)
{
    ProcessRecord p;
    p.id = q.value(0).toString();
    p.workflowName = q.value(1).toString();
    p.isTask = q.value(2).toInt() != 0;
    p.status = processStatusFromString(q.value(3).toString()).value_or(ProcessStatus::Failed);
    p.lastStep = q.value(4).toString();
    if (!q.value(5).isNull())
        p.lastStatus = stepStatusFromString(q.value(5).toString());
    p.nextStep = q.value(6).toInt();
    p.nextSubStep = q.value(7).toInt();
    p.nextStepName = q.value(8).toString();
    p.state = toObject(q.value(9));
    if (!q.value(10).isNull())
        p.pendingInput = toObject(q.value(10));
    p.failedReason = q.value(11).toString();
    p.traceback = q.value(12).toString();
    p.assignee = q.value(13).toString();
    p.createdBy = q.value(14).toString();
    p.runBy = q.value(15).toString();
    p.startedAt = q.value(16).toString();
    p.lastModifiedAt = q.value(17).toString();
    p.note = q.value(18).toString();
    p.claimedBy = q.value(19).toString();
    p.abortRequested = q.value(20).toInt() != 0;
    return p;
}

std::optional<ProcessRecord> ProcessRepository::find(const QString &processId)
{
    QSqlQuery q =
        m_db.exec(u"SELECT %1 FROM processes WHERE process_id = :id"_s.arg(processColumns),
                  {{u"id"_s, processId}});
    if (!q.next())
        return std::nullopt;
    return readProcess(q);
}

QString ProcessRepository::filterWhere(const ProcessFilter &filter, QVariantMap *values) const
{
    QStringList where;
    if (!filter.statuses.isEmpty()) {
        QStringList names;
        for (int i = 0; i < filter.statuses.size(); ++i) {
            names.append(u":status%1"_s.arg(i));
            values->insert(u"status%1"_s.arg(i), filter.statuses.at(i));
        }
        where.append(u"status IN (%1)"_s.arg(names.join(u", "_s)));
    }
    if (!filter.workflow.isEmpty()) {
        where.append(u"workflow_name = :workflow"_s);
        values->insert(u"workflow"_s, filter.workflow);
    }
    if (filter.isTask) {
        where.append(u"is_task = :is_task"_s);
        values->insert(u"is_task"_s, *filter.isTask ? 1 : 0);
    }
    if (!filter.createdBy.isEmpty()) {
        where.append(u"created_by = :created_by"_s);
        values->insert(u"created_by"_s, filter.createdBy);
    }
    if (!filter.search.trimmed().isEmpty()) {
        const SqlCondition search = ProcessSearch::toSql(filter.search, m_db.dialect());
        if (!search.sql.isEmpty()) {
            where.append(search.sql);
            values->insert(search.values);
        }
    }
    return where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s);
}

QList<ProcessRecord> ProcessRepository::list(const ProcessFilter &filter)
{
    QVariantMap values;
    const QString where = filterWhere(filter, &values);
    values.insert(u"limit"_s, filter.limit);
    values.insert(u"offset"_s, filter.offset);
    QString column;
    switch (filter.order) {
    case ProcessFilter::Order::LastModified:
        column = u"last_modified_at"_s;
        break;
    case ProcessFilter::Order::Started:
        column = u"started_at"_s;
        break;
    case ProcessFilter::Order::Workflow:
        column = u"workflow_name"_s;
        break;
    case ProcessFilter::Order::Status:
        column = u"status"_s;
        break;
    case ProcessFilter::Order::Creator:
        column = u"created_by"_s;
        break;
    }
    const QString direction = filter.direction == Qt::AscendingOrder ? u"ASC"_s : u"DESC"_s;
    QSqlQuery q = m_db.exec(u"SELECT %1 FROM processes %2 ORDER BY %3 %4, process_id %4 LIMIT "
                            ":limit OFFSET :offset"_s.arg(processColumns, where, column, direction),
                            values);
    QList<ProcessRecord> result;
    while (q.next())
        result.append(readProcess(q));
    return result;
}

qint64 ProcessRepository::count(const ProcessFilter &filter)
{
    QVariantMap values;
    const QString where = filterWhere(filter, &values);
    QSqlQuery q = m_db.exec(u"SELECT COUNT(*) FROM processes %1"_s.arg(where), values);
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool ProcessRepository::remove(const QString &processId)
{
    QSqlQuery q =
        m_db.exec(u"DELETE FROM processes WHERE process_id = :id"_s, {{u"id"_s, processId}});
    m_db.notifyChange(u"process"_s, processId);
    return q.numRowsAffected() > 0;
}

QList<StepRecord> ProcessRepository::steps(const QString &processId)
{
    QSqlQuery q = m_db.exec(u"SELECT %1 FROM process_steps WHERE process_id = :id "
                            "ORDER BY step_id"_s.arg(stepColumns),
                            {{u"id"_s, processId}});
    QList<StepRecord> result;
    while (q.next())
        result.append(readStep(q));
    return result;
}

QHash<int, int> ProcessRepository::failedAttempts(const QString &processId)
{
    QSqlQuery q =
        m_db.exec(u"SELECT step_index, COUNT(*) FROM process_steps WHERE process_id = "
                  ":id AND status IN ('failed', 'waiting') AND rewound_at IS NULL GROUP BY "
                  "step_index"_s,
                  {{u"id"_s, processId}});
    QHash<int, int> result;
    while (q.next())
        result.insert(q.value(0).toInt(), q.value(1).toInt());
    return result;
}

void ProcessRepository::insertStep(StepRecord &s, const JsonText &delta)
{
    // On every step: a kept statement with positional values (docs/performance.md, "Engine").
    // SQLite knows the new row's id without RETURNING, which costs it a result table.
    static const QString sql =
        u"INSERT INTO process_steps (process_id, step_index, name, status, state_delta, "
        "created_by, started_at, completed_at, retries, error_class, error_message, traceback, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
    static const QString returning = sql + u" RETURNING step_id"_s;
    const bool sqlite = m_db.url().isSqlite();
    execPrepared(m_db, sqlite ? sql : returning,
                 {s.processId, s.index, s.name, wfo::toText(s.status), delta.of(s.delta),
                  s.createdBy, s.startedAt, s.completedAt, s.retries, nullable(s.errorClass),
                  nullable(s.errorMessage), nullable(s.traceback), nullable(s.reason)},
                 [&s, sqlite](QSqlQuery &q) {
                     if (sqlite) {
                         s.id = q.lastInsertId().toLongLong();
                         return;
                     }
                     if (q.next())
                         s.id = q.value(0).toLongLong();
                     while (q.next()) { }
                 });
}

void ProcessRepository::insertInputState(const QString &processId, const QString &stepName,
                                         const QString &inputType, const QJsonValue &input,
                                         const QString &actor)
{
    const QString text = input.isArray()
        ? QString::fromUtf8(QJsonDocument(input.toArray()).toJson(QJsonDocument::Compact))
        : toText(input.toObject());
    execPrepared(m_db,
                 u"INSERT INTO input_states (process_id, step_name, input_type, input_state, "
                 "created_by, input_time) VALUES (?, ?, ?, ?, ?, ?)"_s,
                 {processId, nullable(stepName), inputType, text, actor, Timestamps::now()});
}

QJsonArray ProcessRepository::inputStates(const QString &processId)
{
    QSqlQuery q = m_db.exec(u"SELECT step_name, input_type, input_state, created_by, input_time "
                            "FROM input_states WHERE process_id = :id ORDER BY input_state_id"_s,
                            {{u"id"_s, processId}});
    QJsonArray result;
    while (q.next()) {
        result.append(QJsonObject {
            {u"step_name"_s, q.value(0).toString()},
            {u"input_type"_s, q.value(1).toString()},
            {u"input_state"_s,
             QJsonDocument::fromJson(q.value(2).toString().toUtf8()).isArray()
                 ? QJsonValue(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array())
                 : QJsonValue(toObject(q.value(2)))},
            {u"created_by"_s, q.value(3).toString()},
            {u"input_time"_s, q.value(4).toString()},
        });
    }
    return result;
}

static const QString updateSet = u"UPDATE processes SET status = :status, last_step = "
                                 ":last_step, last_status = :last_status, next_step = :next_step, "
                                 "next_substep = :next_substep, next_step_name = :next_step_name, "
                                 "state = :state, pending_input = :pending_input, failed_reason = "
                                 ":failed_reason, traceback = :traceback, assignee = :assignee, "
                                 "run_by = :run_by, last_modified_at = :last_modified_at, note = "
                                 ":note, claimed_by = :claimed_by, abort_requested = "
                                 ":abort_requested WHERE process_id = :process_id"_s;

bool ProcessRepository::updateClaimed(const ProcessRecord &p, const QString &instance,
                                      const JsonText &state)
{
    // On every step: a kept statement with positional values; the claim is checked by the
    // statement itself, in the step's transaction.
    //
    // A step that leaves the process running and claimed here sets neither the status nor the
    // claim: a column an UPDATE sets rewrites its entries in every index over it (the start
    // and claim indexes here, docs/performance.md). Its WHERE clause makes it the same write
    // as the full one; when it matches no row, the full one decides.
    static const QString columns =
        u"UPDATE processes SET last_step = ?, last_status = ?, next_step = ?, next_substep = ?, "
        "next_step_name = ?, state = ?, pending_input = ?, failed_reason = ?, traceback = ?, "
        "assignee = ?, run_by = ?, last_modified_at = ?, note = ?, abort_requested = ?"_s;
    static const QString running =
        columns + u" WHERE process_id = ? AND claimed_by = ? AND status = 'running'"_s;
    static const QString full =
        columns + u", status = ?, claimed_by = ? WHERE process_id = ? AND claimed_by = ?"_s;
    QVariantList values {nullable(p.lastStep),
                         p.lastStatus ? QVariant(wfo::toText(*p.lastStatus))
                                      : QVariant(QMetaType::fromType<QString>()),
                         p.nextStep,
                         p.nextSubStep,
                         nullable(p.nextStepName),
                         state.of(p.state),
                         p.pendingInput ? QVariant(toText(*p.pendingInput))
                                        : QVariant(QMetaType::fromType<QString>()),
                         nullable(p.failedReason),
                         nullable(p.traceback),
                         p.assignee,
                         nullable(p.runBy),
                         p.lastModifiedAt,
                         nullable(p.note),
                         p.abortRequested ? 1 : 0};
    int rows = 0;
    if (p.status == ProcessStatus::Running && p.claimedBy == instance)
        rows = execPrepared(m_db, running, values + QVariantList {p.id, instance});
    if (rows != 1) {
        values.append({wfo::toText(p.status), nullable(p.claimedBy), p.id, instance});
        rows = execPrepared(m_db, full, values);
    }
    if (rows != 1)
        return false;
    m_db.notifyChange(u"process"_s, p.id);
    return true;
}

bool ProcessRepository::updateUnclaimed(const ProcessRecord &process)
{
    QVariantMap values = processValues(process);
    values.remove(u"workflow_name"_s);
    values.remove(u"is_task"_s);
    values.remove(u"created_by"_s);
    values.remove(u"started_at"_s);
    QSqlQuery q = m_db.exec(updateSet + u" AND claimed_by IS NULL"_s, values);
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"process"_s, process.id);
    return true;
}

bool ProcessRepository::updateUnclaimedWhile(const ProcessRecord &process, ProcessStatus before)
{
    QVariantMap values = processValues(process);
    values.remove(u"workflow_name"_s);
    values.remove(u"is_task"_s);
    values.remove(u"created_by"_s);
    values.remove(u"started_at"_s);
    values.insert(u"before"_s, wfo::toText(before));
    QSqlQuery q = m_db.exec(updateSet + u" AND claimed_by IS NULL AND status = :before"_s, values);
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"process"_s, process.id);
    return true;
}

void ProcessRepository::requestAbort(const QString &processId)
{
    m_db.exec(u"UPDATE processes SET abort_requested = 1 WHERE process_id = :id"_s,
              {{u"id"_s, processId}});
    m_db.notifyChange(u"process"_s, processId);
}

QHash<QString, ProcessStatus> ProcessRepository::statuses(const QStringList &processIds)
{
    QHash<QString, ProcessStatus> result;
    constexpr qsizetype Chunk = 500;
    for (qsizetype start = 0; start < processIds.size(); start += Chunk) {
        QStringList names;
        QVariantMap values;
        for (qsizetype i = start; i < std::min(start + Chunk, processIds.size()); ++i) {
            names.append(u":id%1"_s.arg(i - start));
            values.insert(u"id%1"_s.arg(i - start), processIds.at(i));
        }
        QSqlQuery q = m_db.exec(u"SELECT process_id, status FROM processes WHERE process_id IN "
                                "(%1)"_s.arg(names.join(u", "_s)),
                                values);
        while (q.next()) {
            if (const std::optional<ProcessStatus> status =
                    processStatusFromString(q.value(1).toString()))
                result.insert(q.value(0).toString(), *status);
        }
    }
    return result;
}

bool ProcessRepository::setNote(const QString &processId, const QString &note)
{
    QSqlQuery q = m_db.exec(
        u"UPDATE processes SET note = :note WHERE process_id = :id"_s,
        {{u"note"_s, note.isEmpty() ? QVariant() : QVariant(note)}, {u"id"_s, processId}});
    const bool changed = q.numRowsAffected() > 0;
    if (changed)
        m_db.notifyChange(u"process"_s, processId);
    return changed;
}

QStringList ProcessRepository::abortRequested(const QString &instance)
{
    QSqlQuery q = m_db.exec(u"SELECT process_id FROM processes WHERE claimed_by = :instance AND "
                            "abort_requested = 1"_s,
                            {{u"instance"_s, instance}});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

int ProcessRepository::countByStatus(const QString &status)
{
    QSqlQuery q = m_db.exec(u"SELECT COUNT(*) FROM processes WHERE status = :status"_s,
                            {{u"status"_s, status}});
    return q.next() ? q.value(0).toInt() : 0;
}

QString ProcessRepository::countPerDayStatement()
{
    // Timestamps are UTC ISO text (timestamps.h): the day is their first ten characters, and
    // a range on started_at bounds the count to the window on the index.
    return u"SELECT SUBSTR(started_at, 1, 10), status, COUNT(*) FROM processes "
           "WHERE started_at >= :from AND is_task = :is_task "
           "GROUP BY SUBSTR(started_at, 1, 10), status"_s;
}

QList<ProcessDayCount> ProcessRepository::countPerDay(const QString &fromDay, bool isTask)
{
    QSqlQuery q =
        m_db.exec(countPerDayStatement(), {{u"from"_s, fromDay}, {u"is_task"_s, isTask ? 1 : 0}});
    QList<ProcessDayCount> counts;
    while (q.next())
        counts.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    return counts;
}

bool ProcessRepository::markResumed(const QString &processId, ProcessStatus before,
                                    const QString &actor,
                                    const std::optional<QJsonObject> &pendingInput,
                                    const QString &claimBy)
{
    QSqlQuery q = m_db.exec(
        u"UPDATE processes SET status = 'resumed', run_by = :actor, pending_input = :input, "
        "last_modified_at = :now, abort_requested = 0, claimed_by = :claim "
        "WHERE process_id = :id AND status = :before AND claimed_by IS NULL"_s,
        {{u"actor"_s, actor},
         {u"input"_s,
          pendingInput ? QVariant(
              QString::fromUtf8(QJsonDocument(*pendingInput).toJson(QJsonDocument::Compact)))
                       : QVariant(QMetaType::fromType<QString>())},
         {u"now"_s, Timestamps::now()},
         {u"claim"_s,
          claimBy.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(claimBy)},
         {u"id"_s, processId},
         {u"before"_s, toText(before)}});
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"process"_s, processId);
    return true;
}

std::optional<QJsonObject> ProcessRepository::initialState(const QString &processId)
{
    QSqlQuery q = m_db.exec(u"SELECT initial_state FROM processes WHERE process_id = :id"_s,
                            {{u"id"_s, processId}});
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return toObject(q.value(0));
}

int ProcessRepository::markRewound(const QString &processId, qint64 fromStepId)
{
    QSqlQuery q =
        m_db.exec(u"UPDATE process_steps SET rewound_at = :now WHERE process_id = :id "
                  "AND step_id >= :from AND rewound_at IS NULL"_s,
                  {{u"now"_s, Timestamps::now()}, {u"id"_s, processId}, {u"from"_s, fromStepId}});
    return q.numRowsAffected();
}

bool ProcessRepository::requeueAt(const ProcessRecord &process, ProcessStatus before,
                                  const QString &claimBy)
{
    QSqlQuery q = m_db.exec(
        u"UPDATE processes SET status = 'resumed', next_step = :next, next_substep = 0, "
        "next_step_name = :next_name, state = :state, pending_input = NULL, failed_reason = "
        "NULL, traceback = NULL, last_step = :last_step, last_status = :last_status, run_by = "
        ":actor, last_modified_at = :now, abort_requested = 0, claimed_by = :claim "
        "WHERE process_id = :id AND status = :before AND claimed_by IS NULL"_s,
        {{u"next"_s, process.nextStep},
         {u"next_name"_s, nullable(process.nextStepName)},
         {u"state"_s, toText(process.state)},
         {u"last_step"_s, nullable(process.lastStep)},
         {u"last_status"_s,
          process.lastStatus ? QVariant(wfo::toText(*process.lastStatus))
                             : QVariant(QMetaType::fromType<QString>())},
         {u"actor"_s, process.runBy},
         {u"now"_s, Timestamps::now()},
         {u"claim"_s, nullable(claimBy)},
         {u"id"_s, process.id},
         {u"before"_s, wfo::toText(before)}});
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"process"_s, process.id);
    return true;
}

bool ProcessRepository::markAborted(const QString &processId, ProcessStatus before,
                                    const QString &actor, const QString &instance)
{
    QSqlQuery q = m_db.exec(
        u"UPDATE processes SET status = 'aborted', last_step = 'User Aborted', last_status = "
        "'abort', claimed_by = NULL, abort_requested = 0, pending_input = NULL, run_by = "
        ":actor, last_modified_at = :now WHERE process_id = :id AND status = :before AND "
        "(claimed_by IS NULL OR claimed_by = :instance)"_s,
        {{u"actor"_s, actor},
         {u"now"_s, Timestamps::now()},
         {u"id"_s, processId},
         {u"before"_s, toText(before)},
         {u"instance"_s, instance}});
    if (q.numRowsAffected() != 1)
        return false;
    m_db.notifyChange(u"process"_s, processId);
    return true;
}

void ProcessRepository::queueForRetry(const QString &processId)
{
    m_db.exec(
        u"UPDATE processes SET status = 'resumed', run_by = 'SYSTEM', last_modified_at = :now "
        "WHERE process_id = :id AND claimed_by IS NULL AND status IN ('waiting', 'failed', "
        "'api_unavailable', 'inconsistent_data')"_s,
        {{u"now"_s, Timestamps::now()}, {u"id"_s, processId}});
    m_db.notifyChange(u"process"_s, processId);
}

void ProcessRepository::removeCompletedTask(const QString &processId)
{
    m_db.exec(u"DELETE FROM processes WHERE process_id = :id AND is_task = 1 AND status = "
              "'completed'"_s,
              {{u"id"_s, processId}});
}

QStringList ProcessRepository::completedTasksBefore(const QString &cutoff, const QString &exceptId)
{
    QSqlQuery q = m_db.exec(u"SELECT process_id FROM processes WHERE is_task = 1 AND status = "
                            "'completed' AND last_modified_at < :cutoff AND process_id <> :self"_s,
                            {{u"cutoff"_s, cutoff}, {u"self"_s, exceptId}});
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

} // namespace wfo::store
