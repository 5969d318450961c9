#include "openapi.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

QJsonObject ref(const QString &schema)
{
    return {{u"$ref"_s, QString(u"#/components/schemas/"_s + schema)}};
}

QJsonObject jsonContent(const QJsonObject &schema)
{
    return {{u"application/json"_s, QJsonObject {{u"schema"_s, schema}}}};
}

QJsonObject answer(const QString &description, const QJsonObject &schema = {})
{
    QJsonObject response {{u"description"_s, description}};
    if (!schema.isEmpty())
        response.insert(u"content"_s, jsonContent(schema));
    return response;
}

QJsonObject problem(const QString &description)
{
    return answer(description, ref(u"Problem"_s));
}

QJsonObject arrayOf(const QJsonObject &items)
{
    return {{u"type"_s, u"array"_s}, {u"items"_s, items}};
}

QJsonObject type(const QString &name, bool nullable = false)
{
    QJsonObject schema {{u"type"_s, name}};
    if (nullable)
        schema.insert(u"nullable"_s, true);
    return schema;
}

QJsonObject object(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject schema {{u"type"_s, u"object"_s}, {u"properties"_s, properties}};
    if (!required.isEmpty())
        schema.insert(u"required"_s, QJsonArray::fromStringList(required));
    return schema;
}

QJsonObject enumOf(const QStringList &values)
{
    return {{u"type"_s, u"string"_s}, {u"enum"_s, QJsonArray::fromStringList(values)}};
}

QJsonObject freeObject()
{
    return {{u"type"_s, u"object"_s}, {u"additionalProperties"_s, true}};
}

QJsonObject pathParameter(const QString &name, bool uuid)
{
    QJsonObject schema = type(u"string"_s);
    if (uuid)
        schema.insert(u"format"_s, u"uuid"_s);
    return {{u"name"_s, name}, {u"in"_s, u"path"_s}, {u"required"_s, true}, {u"schema"_s, schema}};
}

QJsonObject queryParameter(const QString &name, const QString &description)
{
    return {{u"name"_s, name},
            {u"in"_s, u"query"_s},
            {u"required"_s, false},
            {u"description"_s, description},
            {u"schema"_s, type(u"string"_s)}};
}

QJsonObject operation(const QString &id, const QString &summary, const QJsonObject &responses,
                      const QJsonArray &parameters = {}, const QJsonObject &body = {})
{
    QJsonObject op {{u"operationId"_s, id}, {u"summary"_s, summary}, {u"responses"_s, responses}};
    if (!parameters.isEmpty())
        op.insert(u"parameters"_s, parameters);
    if (!body.isEmpty())
        op.insert(u"requestBody"_s,
                  QJsonObject {{u"required"_s, false}, {u"content"_s, jsonContent(body)}});
    return op;
}

QJsonObject schemas()
{
    const QJsonObject validationError = object({{u"loc"_s, arrayOf(QJsonObject {})},
                                                {u"msg"_s, type(u"string"_s)},
                                                {u"type"_s, type(u"string"_s)}},
                                               {u"loc"_s, u"msg"_s, u"type"_s});
    return {
        {u"Problem"_s,
         object({{u"detail"_s, QJsonObject {}},
                 {u"status"_s, type(u"integer"_s)},
                 {u"title"_s, type(u"string"_s)},
                 {u"reason"_s, freeObject()}},
                {u"detail"_s, u"status"_s, u"title"_s})},
        {u"FormNotComplete"_s,
         object({{u"type"_s, type(u"string"_s)},
                 {u"detail"_s, type(u"string"_s)},
                 {u"form"_s, freeObject()},
                 {u"meta"_s, object({{u"hasNext"_s, type(u"boolean"_s)}})},
                 {u"title"_s, type(u"string"_s)},
                 {u"status"_s, type(u"integer"_s)}},
                {u"form"_s, u"meta"_s})},
        {u"FormValidation"_s,
         object({{u"type"_s, type(u"string"_s)},
                 {u"detail"_s, type(u"string"_s)},
                 {u"title"_s, type(u"string"_s)},
                 {u"validation_errors"_s, arrayOf(validationError)},
                 {u"status"_s, type(u"integer"_s)}},
                {u"validation_errors"_s})},
        {u"ProcessId"_s,
         object({{u"id"_s, QJsonObject {{u"type"_s, u"string"_s}, {u"format"_s, u"uuid"_s}}}},
                {u"id"_s})},
        {u"Subscription"_s,
         object({{u"subscription_id"_s, type(u"string"_s)},
                 {u"description"_s, type(u"string"_s, true)},
                 {u"status"_s, type(u"string"_s)},
                 {u"insync"_s, type(u"boolean"_s)},
                 {u"customer_id"_s, type(u"string"_s, true)},
                 {u"product"_s, freeObject()},
                 {u"start_date"_s, QJsonObject {}},
                 {u"end_date"_s, QJsonObject {}},
                 {u"note"_s, type(u"string"_s, true)}},
                {u"subscription_id"_s, u"status"_s})},
        {u"Step"_s,
         object({{u"step_id"_s, type(u"string"_s)},
                 {u"name"_s, type(u"string"_s)},
                 {u"status"_s, type(u"string"_s)},
                 {u"created_by"_s, type(u"string"_s, true)},
                 {u"executed"_s, type(u"number"_s, true)},
                 {u"started"_s, type(u"number"_s, true)},
                 {u"completed"_s, type(u"number"_s, true)},
                 {u"state_delta"_s, freeObject()},
                 {u"retries"_s, type(u"integer"_s)},
                 {u"error"_s, QJsonObject {}},
                 {u"reason"_s, type(u"string"_s, true)},
                 {u"rewound_at"_s, type(u"number"_s, true)}},
                {u"name"_s, u"status"_s})},
        {u"Process"_s,
         object(
             {{u"process_id"_s, QJsonObject {{u"type"_s, u"string"_s}, {u"format"_s, u"uuid"_s}}},
              {u"workflow_name"_s, type(u"string"_s)},
              {u"workflow_target"_s, type(u"string"_s, true)},
              {u"is_task"_s, type(u"boolean"_s)},
              {u"created_by"_s, type(u"string"_s, true)},
              {u"failed_reason"_s, type(u"string"_s, true)},
              {u"started_at"_s, type(u"number"_s, true)},
              {u"last_status"_s, type(u"string"_s)},
              {u"last_step"_s, type(u"string"_s, true)},
              {u"assignee"_s, type(u"string"_s)},
              {u"last_modified_at"_s, type(u"number"_s, true)},
              {u"traceback"_s, type(u"string"_s, true)},
              {u"product_id"_s, type(u"string"_s, true)},
              {u"customer_id"_s, type(u"string"_s, true)},
              {u"note"_s, type(u"string"_s, true)},
              {u"subscriptions"_s, arrayOf(ref(u"Subscription"_s))},
              {u"current_state"_s, freeObject()},
              {u"steps"_s, arrayOf(ref(u"Step"_s))},
              {u"form"_s, QJsonObject {{u"type"_s, u"object"_s}, {u"nullable"_s, true}}}},
             {u"process_id"_s, u"workflow_name"_s, u"last_status"_s, u"is_task"_s})},
        {u"StatusCounts"_s,
         object({{u"process_counts"_s,
                  QJsonObject {{u"type"_s, u"object"_s},
                               {u"additionalProperties"_s, type(u"integer"_s)}}},
                 {u"task_counts"_s,
                  QJsonObject {{u"type"_s, u"object"_s},
                               {u"additionalProperties"_s, type(u"integer"_s)}}}},
                {u"process_counts"_s, u"task_counts"_s})},
        {u"EngineStatus"_s,
         object({{u"global_lock"_s, type(u"boolean"_s)},
                 {u"running_processes"_s, type(u"integer"_s)},
                 {u"global_status"_s, type(u"string"_s)}},
                {u"global_lock"_s, u"running_processes"_s, u"global_status"_s})},
        {u"WorkerStatus"_s,
         object({{u"executor_type"_s, type(u"string"_s)},
                 {u"number_of_workers_online"_s, type(u"integer"_s)},
                 {u"number_of_queued_jobs"_s, type(u"integer"_s)},
                 {u"number_of_running_jobs"_s, type(u"integer"_s)}},
                {u"executor_type"_s})},
        {u"AuditRow"_s,
         object({{u"id"_s, type(u"integer"_s)},
                 {u"at"_s, type(u"string"_s)},
                 {u"actor"_s, type(u"string"_s)},
                 {u"origin"_s, type(u"string"_s)},
                 {u"host"_s, type(u"string"_s)},
                 {u"action"_s, type(u"string"_s)},
                 {u"target_kind"_s, type(u"string"_s)},
                 {u"target_id"_s, type(u"string"_s)},
                 {u"allowed"_s, type(u"boolean"_s)},
                 {u"detail"_s, freeObject()}},
                {u"at"_s, u"actor"_s, u"action"_s, u"allowed"_s})},
        {u"Schedule"_s,
         object({{u"schedule_id"_s, type(u"string"_s)},
                 {u"name"_s, type(u"string"_s)},
                 {u"workflow_name"_s, type(u"string"_s)},
                 {u"trigger"_s, enumOf({u"cron"_s, u"interval"_s, u"date"_s})},
                 {u"trigger_kwargs"_s, freeObject()},
                 {u"trigger_text"_s, type(u"string"_s)},
                 {u"timezone"_s, type(u"string"_s)},
                 {u"enabled"_s, type(u"boolean"_s)},
                 {u"next_run_time"_s, type(u"string"_s, true)},
                 {u"next_runs"_s, arrayOf(type(u"string"_s))},
                 {u"last_run_time"_s, type(u"string"_s, true)},
                 {u"last_process_id"_s, type(u"string"_s, true)},
                 {u"last_status"_s, type(u"string"_s, true)},
                 {u"last_missed"_s, type(u"integer"_s, true)}},
                {u"schedule_id"_s, u"workflow_name"_s, u"trigger"_s, u"enabled"_s})},
        {u"ScheduleChanged"_s,
         object({{u"message"_s, type(u"string"_s)},
                 {u"status"_s, enumOf({u"CREATED"_s, u"UPDATED"_s, u"DELETED"_s})},
                 {u"schedule_id"_s, type(u"string"_s)}},
                {u"message"_s, u"status"_s})},
        {u"BulkResult"_s,
         object(
             {{u"bulk_id"_s, QJsonObject {{u"type"_s, u"string"_s}, {u"format"_s, u"uuid"_s}}},
              {u"done"_s,
               arrayOf(object({{u"id"_s, type(u"string"_s)}, {u"process_id"_s, type(u"string"_s)}},
                              {u"id"_s}))},
              {u"refused"_s,
               arrayOf(object({{u"id"_s, type(u"string"_s)},
                               {u"code"_s, type(u"string"_s)},
                               {u"message"_s, type(u"string"_s)},
                               {u"details"_s, freeObject()}},
                              {u"id"_s, u"code"_s, u"message"_s}))}},
             {u"done"_s, u"refused"_s})},
        {u"BulkProgress"_s,
         object({{u"bulk_id"_s, type(u"string"_s)},
                 {u"action"_s, enumOf({u"start"_s, u"retry"_s, u"abort"_s})},
                 {u"workflow"_s, type(u"string"_s, true)},
                 {u"actor"_s, type(u"string"_s)},
                 {u"at"_s, type(u"string"_s)},
                 {u"total"_s, type(u"integer"_s)},
                 {u"refused"_s, type(u"integer"_s)},
                 {u"completed"_s, type(u"integer"_s)},
                 {u"failed"_s, type(u"integer"_s)},
                 {u"aborted"_s, type(u"integer"_s)},
                 {u"running"_s, type(u"integer"_s)},
                 {u"finished"_s, type(u"boolean"_s)},
                 {u"processes"_s,
                  arrayOf(object({{u"process_id"_s, type(u"string"_s)},
                                  {u"last_status"_s, type(u"string"_s, true)}},
                                 {u"process_id"_s}))}},
                {u"bulk_id"_s, u"total"_s, u"finished"_s, u"processes"_s})},
        {u"Workflow"_s,
         object({{u"name"_s, type(u"string"_s)},
                 {u"target"_s, type(u"string"_s)},
                 {u"description"_s, type(u"string"_s, true)},
                 {u"is_task"_s, type(u"boolean"_s)}},
                {u"name"_s, u"target"_s})},
        {u"Product"_s,
         object({{u"product_id"_s, type(u"string"_s)},
                 {u"name"_s, type(u"string"_s)},
                 {u"description"_s, type(u"string"_s, true)},
                 {u"product_type"_s, type(u"string"_s, true)},
                 {u"tag"_s, type(u"string"_s)},
                 {u"status"_s, type(u"string"_s)},
                 {u"workflows"_s, arrayOf(ref(u"Workflow"_s))}},
                {u"product_id"_s, u"name"_s, u"tag"_s, u"status"_s})},
    };
}

void add(QJsonObject &paths, const QString &path, const QString &method, const QJsonObject &op)
{
    QJsonObject item = paths.value(path).toObject();
    item.insert(method, op);
    paths.insert(path, item);
}

// Schedules (APScheduler's trigger and kwargs, as orchestrator-core) and bulk operations.
void addScheduleAndBulkPaths(QJsonObject &paths)
{
    const QJsonObject unauthorized = problem(u"Missing or wrong bearer token"_s);
    const QJsonObject notPermitted = problem(u"Not permitted for this operator"_s);
    const QJsonObject notFound = problem(u"Not found"_s);
    const QJsonObject unprocessable = problem(u"Missing or invalid fields"_s);
    const QJsonObject paused = problem(u"Engine paused"_s);
    const QJsonObject changed = answer(u"Done"_s, ref(u"ScheduleChanged"_s));
    const QJsonObject trigger = enumOf({u"cron"_s, u"interval"_s, u"date"_s});
    const QJsonArray scheduleId {pathParameter(u"schedule_id"_s, false)};
    add(paths, u"/api/schedules/"_s, u"get"_s,
        operation(u"schedules"_s, u"Schedules with their next and last runs"_s,
                  {{u"200"_s, answer(u"Schedules"_s, arrayOf(ref(u"Schedule"_s)))},
                   {u"401"_s, unauthorized}}));
    add(paths, u"/api/schedules/"_s, u"post"_s,
        operation(u"createSchedule"_s, u"Add a schedule"_s,
                  {{u"201"_s, answer(u"Created"_s, ref(u"ScheduleChanged"_s))},
                   {u"400"_s, problem(u"Not a JSON object, or a trigger the engine refuses"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, problem(u"Unknown workflow"_s)},
                   {u"409"_s, problem(u"A schedule with that id exists"_s)},
                   {u"422"_s, unprocessable}},
                  {},
                  object({{u"workflow_name"_s, type(u"string"_s)},
                          {u"workflow_id"_s, type(u"string"_s)},
                          {u"name"_s, type(u"string"_s, true)},
                          {u"schedule_id"_s, type(u"string"_s)},
                          {u"trigger"_s, trigger},
                          {u"trigger_kwargs"_s, freeObject()},
                          {u"enabled"_s, type(u"boolean"_s)}},
                         {u"workflow_name"_s, u"trigger"_s})));
    add(paths, u"/api/schedules/"_s, u"put"_s,
        operation(u"updateSchedule"_s, u"Change, enable or disable a schedule"_s,
                  {{u"200"_s, changed},
                   {u"400"_s, problem(u"Not a JSON object, or a trigger the engine refuses"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"422"_s, unprocessable}},
                  {},
                  object({{u"schedule_id"_s, type(u"string"_s)},
                          {u"name"_s, type(u"string"_s, true)},
                          {u"workflow_name"_s, type(u"string"_s)},
                          {u"trigger"_s, trigger},
                          {u"trigger_kwargs"_s, freeObject()},
                          {u"enabled"_s, type(u"boolean"_s)}},
                         {u"schedule_id"_s})));
    add(paths, u"/api/schedules/"_s, u"delete"_s,
        operation(
            u"deleteSchedule"_s, u"Delete a schedule"_s,
            {{u"200"_s, changed},
             {u"400"_s, problem(u"Not a JSON object"_s)},
             {u"401"_s, unauthorized},
             {u"403"_s, notPermitted},
             {u"404"_s, notFound},
             {u"422"_s, unprocessable}},
            {},
            object({{u"schedule_id"_s, type(u"string"_s)}, {u"workflow_id"_s, type(u"string"_s)}},
                   {u"schedule_id"_s})));
    add(paths, u"/api/schedules/{schedule_id}"_s, u"get"_s,
        operation(u"schedule"_s, u"A schedule"_s,
                  {{u"200"_s, answer(u"Schedule"_s, ref(u"Schedule"_s))},
                   {u"401"_s, unauthorized},
                   {u"404"_s, notFound}},
                  scheduleId));
    add(paths, u"/api/schedules/{schedule_id}"_s, u"delete"_s,
        operation(u"deleteScheduleById"_s, u"Delete a schedule"_s,
                  {{u"200"_s, changed},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound}},
                  scheduleId));
    add(paths, u"/api/schedules/{schedule_id}/run"_s, u"post"_s,
        operation(u"runSchedule"_s, u"Start the schedule's workflow once, now"_s,
                  {{u"201"_s, answer(u"Started"_s, ref(u"ProcessId"_s))},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"503"_s, paused},
                   {u"510"_s, answer(u"The form needs input"_s, ref(u"FormNotComplete"_s))}},
                  scheduleId));

    const QJsonArray bulkId {pathParameter(u"bulk_id"_s, true)};
    add(paths, u"/api/processes/bulk/{workflow_key}"_s, u"post"_s,
        operation(u"bulkStart"_s,
                  u"Start a workflow on many subscriptions, as one audited action"_s,
                  {{u"200"_s,
                    answer(u"Dry run: what would start and what cannot"_s, ref(u"BulkResult"_s))},
                   {u"201"_s, answer(u"Started (and what could not)"_s, ref(u"BulkResult"_s))},
                   {u"400"_s, problem(u"Not a JSON object"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, problem(u"Unknown workflow, or no subscription matches"_s)},
                   {u"422"_s, unprocessable},
                   {u"503"_s, paused}},
                  {pathParameter(u"workflow_key"_s, false)},
                  object({{u"subscription_ids"_s, arrayOf(type(u"string"_s))},
                          {u"query"_s, type(u"string"_s)},
                          {u"dry_run"_s, type(u"boolean"_s)},
                          {u"input"_s, freeObject()}})));
    add(paths, u"/api/processes/bulk/{bulk_id}"_s, u"get"_s,
        operation(u"bulkProgress"_s, u"How a bulk operation is coming along"_s,
                  {{u"200"_s, answer(u"Progress"_s, ref(u"BulkProgress"_s))},
                   {u"401"_s, unauthorized},
                   {u"404"_s, notFound},
                   {u"422"_s, answer(u"The id is not a UUID"_s, freeObject())}},
                  bulkId));
    add(paths, u"/api/processes/bulk/{bulk_id}/cancel"_s, u"put"_s,
        operation(u"bulkCancel"_s,
                  u"Abort the processes of a bulk operation that are not at rest yet"_s,
                  {{u"200"_s, answer(u"The abort"_s, ref(u"BulkResult"_s))},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"422"_s, answer(u"The id is not a UUID"_s, freeObject())}},
                  bulkId));
}

} // namespace

QJsonObject OpenApi::document()
{
    const QJsonObject unauthorized = problem(u"Missing or wrong bearer token"_s);
    const QJsonObject notPermitted = problem(u"Not permitted for this operator"_s);
    const QJsonObject notFound = problem(u"Not found"_s);
    const QJsonObject paused = problem(u"Engine paused"_s);
    const QJsonObject badUuid = answer(u"The id is not a UUID"_s, freeObject());
    const QJsonObject invalid = answer(u"Invalid input"_s, ref(u"FormValidation"_s));
    const QJsonObject needsInput =
        answer(u"The form needs more input"_s, ref(u"FormNotComplete"_s));
    const QJsonObject userInputs = arrayOf(freeObject());
    const QJsonArray processId {pathParameter(u"process_id"_s, true)};
    const QJsonObject range = queryParameter(u"range"_s, u"START,END: rows START to END"_s);

    QJsonObject paths;
    add(paths, u"/api/health"_s, u"get"_s,
        operation(u"health"_s, u"Health check"_s,
                  {{u"200"_s, answer(u"OK"_s, type(u"string"_s))},
                   {u"401"_s, unauthorized},
                   {u"503"_s, problem(u"No database"_s)}}));
    QJsonObject openapi = operation(u"openapi"_s, u"This document"_s,
                                    {{u"200"_s, answer(u"OpenAPI 3"_s, freeObject())}});
    openapi.insert(u"security"_s, QJsonArray {});
    add(paths, u"/api/openapi.json"_s, u"get"_s, openapi);
    add(paths, u"/api/products/"_s, u"get"_s,
        operation(u"products"_s, u"Products with their workflows"_s,
                  {{u"200"_s, answer(u"Products"_s, arrayOf(ref(u"Product"_s)))},
                   {u"401"_s, unauthorized}}));
    add(paths, u"/api/workflows/"_s, u"get"_s,
        operation(u"workflows"_s, u"Workflows"_s,
                  {{u"200"_s, answer(u"Workflows"_s, arrayOf(ref(u"Workflow"_s)))},
                   {u"401"_s, unauthorized}}));
    add(paths, u"/api/settings/status"_s, u"get"_s,
        operation(
            u"engineStatus"_s, u"Engine status"_s,
            {{u"200"_s, answer(u"Status"_s, ref(u"EngineStatus"_s))}, {u"401"_s, unauthorized}}));
    add(paths, u"/api/settings/status"_s, u"put"_s,
        operation(u"setEngineStatus"_s, u"Pause or resume every engine (global lock)"_s,
                  {{u"200"_s, answer(u"Status"_s, ref(u"EngineStatus"_s))},
                   {u"400"_s, problem(u"Not {global_lock: bool}"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted}},
                  {}, object({{u"global_lock"_s, type(u"boolean"_s)}}, {u"global_lock"_s})));
    add(paths, u"/api/processes/"_s, u"get"_s,
        operation(
            u"processes"_s, u"Processes, most recently changed first"_s,
            {{u"200"_s,
              answer(u"Processes (Content-Range tells the total)"_s, arrayOf(ref(u"Process"_s)))},
             {u"400"_s, problem(u"Bad filter or range"_s)},
             {u"401"_s, unauthorized}},
            {queryParameter(u"filter"_s,
                            u"FIELD,VALUE,...: status (a-b), istask, "
                            "workflowName, creator"_s),
             range,
             queryParameter(u"sort"_s,
                            u"FIELD[,asc|desc]: lastModifiedAt (default, desc), startedAt, "
                            "workflowName, lastStatus, creator"_s)}));
    add(paths, u"/api/processes/status-counts"_s, u"get"_s,
        operation(
            u"statusCounts"_s, u"Processes and tasks per status"_s,
            {{u"200"_s, answer(u"Counts"_s, ref(u"StatusCounts"_s))}, {u"401"_s, unauthorized}}));
    add(paths, u"/api/processes/{workflow_key}"_s, u"post"_s,
        operation(u"startProcess"_s, u"Start a workflow with its form inputs"_s,
                  {{u"201"_s, answer(u"Started"_s, ref(u"ProcessId"_s))},
                   {u"400"_s, invalid},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, problem(u"Unknown workflow"_s)},
                   {u"412"_s, problem(u"Blocked on this subscription"_s)},
                   {u"503"_s, paused},
                   {u"510"_s, needsInput}},
                  {pathParameter(u"workflow_key"_s, false)}, userInputs));
    add(paths, u"/api/processes/{process_id}"_s, u"get"_s,
        operation(u"process"_s, u"A process with its steps"_s,
                  {{u"200"_s, answer(u"Process"_s, ref(u"Process"_s))},
                   {u"401"_s, unauthorized},
                   {u"404"_s, notFound},
                   {u"422"_s, badUuid}},
                  processId));
    add(paths, u"/api/processes/{process_id}"_s, u"delete"_s,
        operation(u"deleteProcess"_s, u"Delete a task"_s,
                  {{u"204"_s, answer(u"Deleted"_s)},
                   {u"400"_s, problem(u"Not a task"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"409"_s, problem(u"Running"_s)},
                   {u"422"_s, badUuid}},
                  processId));
    add(paths, u"/api/processes/{process_id}/resume"_s, u"put"_s,
        operation(u"resumeProcess"_s, u"Resume with input, or retry"_s,
                  {{u"204"_s, answer(u"Resumed"_s)},
                   {u"400"_s, invalid},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"409"_s, problem(u"Not resumable"_s)},
                   {u"422"_s, badUuid},
                   {u"503"_s, paused},
                   {u"510"_s, needsInput}},
                  processId, userInputs));
    add(paths, u"/api/processes/{process_id}/abort"_s, u"put"_s,
        operation(u"abortProcess"_s, u"Abort"_s,
                  {{u"204"_s, answer(u"Aborted"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"409"_s, problem(u"Final already"_s)},
                   {u"422"_s, badUuid}},
                  processId));
    add(paths, u"/api/processes/resume-all"_s, u"put"_s,
        operation(u"resumeAll"_s, u"Retry every failed or waiting task"_s,
                  {{u"200"_s,
                    answer(u"How many were retried"_s,
                           object({{u"count"_s, type(u"integer"_s)}}, {u"count"_s}))},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"503"_s, paused}}));
    add(paths, u"/api/processes/{process_id}"_s, u"patch"_s,
        operation(u"setProcessNote"_s, u"Set or remove the note on a process"_s,
                  {{u"204"_s, answer(u"Note set"_s)},
                   {u"400"_s, problem(u"Not {note: text} or too long"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"422"_s, badUuid}},
                  processId, object({{u"note"_s, type(u"string"_s, true)}}, {u"note"_s})));
    add(paths, u"/api/processes/{process_id}/reset"_s, u"put"_s,
        operation(u"resetProcess"_s,
                  u"Rewind a process at rest to an earlier step, which then runs again"_s,
                  {{u"204"_s, answer(u"Reset and queued"_s)},
                   {u"400"_s, problem(u"Not {to_step: number or name}"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"409"_s, problem(u"Not at rest, or no such step"_s)},
                   {u"422"_s, badUuid},
                   {u"503"_s, paused}},
                  processId,
                  object({{u"to_step"_s,
                           QJsonObject {{u"description"_s,
                                         u"The step's number (1 is the first) or name"_s}}}},
                         {u"to_step"_s})));
    add(paths, u"/api/processes/{process_id}/skip"_s, u"put"_s,
        operation(u"skipStep"_s, u"Skip the failed step with a reason (admin)"_s,
                  {{u"204"_s, answer(u"Skipped and queued"_s)},
                   {u"400"_s, problem(u"Not {reason: text}"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"409"_s, problem(u"Not failed"_s)},
                   {u"422"_s, badUuid},
                   {u"503"_s, paused}},
                  processId, object({{u"reason"_s, type(u"string"_s)}}, {u"reason"_s})));
    add(paths, u"/api/settings/worker-status"_s, u"get"_s,
        operation(u"workerStatus"_s, u"Engines online and their work"_s,
                  {{u"200"_s, answer(u"Worker status"_s, ref(u"WorkerStatus"_s))},
                   {u"401"_s, unauthorized}}));
    add(paths, u"/api/audit"_s, u"get"_s,
        operation(u"audit"_s, u"The audit trail, newest first"_s,
                  {{u"200"_s, answer(u"Audit rows"_s, arrayOf(ref(u"AuditRow"_s)))},
                   {u"400"_s, problem(u"Bad limit"_s)},
                   {u"401"_s, unauthorized}},
                  {queryParameter(u"since"_s, u"YYYY-MM-DD or a timestamp"_s),
                   queryParameter(u"actor"_s, u"An operator's user name"_s),
                   queryParameter(u"target"_s, u"A process, subscription, schedule or token id"_s),
                   queryParameter(u"limit"_s, u"At most this many rows (1 to 10000)"_s)}));
    add(paths, u"/api/ws/events"_s, u"get"_s,
        operation(u"events"_s,
                  u"WebSocket of invalidation events {name: invalidateCache, value: {type, id?}}; "
                  "the token as Authorization header, ?token= or the subprotocol pair "
                  "base64.bearer.token, TOKEN"_s,
                  {{u"101"_s, answer(u"Switching to the WebSocket protocol"_s)},
                   {u"401"_s, unauthorized}}));
    add(paths, u"/api/subscriptions/workflows/{subscription_id}"_s, u"get"_s,
        operation(u"subscriptionWorkflows"_s,
                  u"The workflows per target, with the reason each blocked one may not run"_s,
                  {{u"200"_s, answer(u"Workflows per target"_s, freeObject())},
                   {u"401"_s, unauthorized},
                   {u"404"_s, notFound},
                   {u"422"_s, badUuid}},
                  {pathParameter(u"subscription_id"_s, true)}));
    add(paths, u"/api/subscriptions/{subscription_id}/set_in_sync"_s, u"put"_s,
        operation(u"setInSync"_s, u"Mark a subscription in sync without a workflow"_s,
                  {{u"200"_s, answer(u"In sync (the body is null)"_s)},
                   {u"401"_s, unauthorized},
                   {u"403"_s, notPermitted},
                   {u"404"_s, notFound},
                   {u"422"_s, problem(u"Processes on it are neither completed nor aborted"_s)}},
                  {pathParameter(u"subscription_id"_s, true)}));
    // Callback steps: the token in the route authenticates the caller (no bearer token).
    const QJsonArray callbackParameters {pathParameter(u"process_id"_s, true),
                                         pathParameter(u"token"_s, false)};
    const QJsonObject callbackAnswers {
        {u"200"_s, answer(u"Taken"_s, type(u"object"_s, true))},
        {u"400"_s, problem(u"The body is not JSON"_s)},
        {u"404"_s, problem(u"Unknown process or wrong token"_s)},
        {u"409"_s, problem(u"Not awaiting a callback (a callback is taken once)"_s)},
        {u"422"_s, answer(u"The id is not a UUID, or the body not a JSON object"_s, freeObject())},
        {u"503"_s, paused}};
    QJsonObject callback =
        operation(u"processCallback"_s, u"Continue a process awaiting a callback with its result"_s,
                  callbackAnswers, callbackParameters, freeObject());
    callback.insert(u"security"_s, QJsonArray {});
    add(paths, u"/api/processes/{process_id}/callback/{token}"_s, u"post"_s, callback);
    QJsonObject progress = operation(
        u"processCallbackProgress"_s, u"Record the progress of a process awaiting a callback"_s,
        callbackAnswers, callbackParameters,
        QJsonObject {{u"oneOf"_s, QJsonArray {type(u"string"_s), freeObject()}}});
    progress.insert(u"security"_s, QJsonArray {});
    add(paths, u"/api/processes/{process_id}/callback/{token}/progress"_s, u"post"_s, progress);
    add(paths, u"/api/subscriptions/domain-model/{subscription_id}"_s, u"get"_s,
        operation(u"subscriptionDomainModel"_s, u"A subscription with its product blocks"_s,
                  {{u"200"_s, answer(u"Domain model"_s, freeObject())},
                   {u"401"_s, unauthorized},
                   {u"404"_s, notFound},
                   {u"422"_s, badUuid}},
                  {pathParameter(u"subscription_id"_s, true)}));
    add(paths, u"/api/subscriptions/search"_s, u"get"_s,
        operation(u"subscriptionSearch"_s, u"Search subscriptions"_s,
                  {{u"200"_s,
                    answer(u"Subscriptions (Content-Range tells the total)"_s,
                           arrayOf(ref(u"Subscription"_s)))},
                   {u"400"_s, problem(u"Bad query or range"_s)},
                   {u"401"_s, unauthorized}},
                  {queryParameter(u"query"_s, u"Search text, e.g. 'status:active ams'"_s), range}));

    addScheduleAndBulkPaths(paths);

    const QJsonObject bearer {{u"type"_s, u"http"_s}, {u"scheme"_s, u"bearer"_s}};
    return {
        {u"openapi"_s, u"3.0.3"_s},
        {u"info"_s,
         QJsonObject {
             {u"title"_s, u"Orchestrator Console API"_s},
             {u"version"_s, QStringLiteral(WFO_VERSION)},
             {u"description"_s, u"orchestrator-core compatible REST API (docs/api.md)"_s}}},
        {u"paths"_s, paths},
        {u"security"_s, QJsonArray {QJsonObject {{u"bearer"_s, QJsonArray {}}}}},
        {u"components"_s,
         QJsonObject {{u"schemas"_s, schemas()},
                      {u"securitySchemes"_s, QJsonObject {{u"bearer"_s, bearer}}}}},
    };
}

} // namespace wfo::api
