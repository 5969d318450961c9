#include "bulkprogress.h"

#include "operators.h"
#include "processpages.h"

#include "base/status.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::queries {

std::optional<QJsonObject> BulkProgressQuery::progress(const store::Database &database,
                                                       const QString &bulkId)
{
    if (bulkId.isEmpty())
        return std::nullopt;
    AuditQueryFilter filter;
    filter.targetId = bulkId;
    filter.limit = 10;
    QJsonObject row;
    for (const QJsonValue &value : OperatorQueries::auditTrail(database, filter)) {
        const QJsonObject candidate = value.toObject();
        if (candidate.value(u"target_kind").toString() == "bulk"_L1
            && candidate.value(u"allowed").toBool()) {
            row = candidate;
            break;
        }
    }
    if (row.isEmpty())
        return std::nullopt;
    const QJsonObject detail = row.value(u"detail").toObject();
    QStringList ids;
    for (const QJsonValue &id : detail.value(u"processes").toArray())
        ids.append(id.toString());

    const QHash<QString, ProcessStatus> statuses = ProcessPageQuery::statuses(database, ids);
    int completed = 0;
    int failed = 0;
    int aborted = 0;
    int running = 0;
    QJsonArray processes;
    for (const QString &id : std::as_const(ids)) {
        const auto it = statuses.constFind(id);
        QJsonObject process {{u"process_id"_s, id}};
        if (it == statuses.constEnd()) {
            ++aborted; // deleted meanwhile: at rest, and nothing more will happen to it
            process.insert(u"last_status"_s, QJsonValue::Null);
        } else {
            process.insert(u"last_status"_s, toText(*it));
            if (*it == ProcessStatus::Completed)
                ++completed;
            else if (*it == ProcessStatus::Aborted)
                ++aborted;
            else if (isAtRest(*it))
                ++failed;
            else
                ++running;
        }
        processes.append(process);
    }
    return QJsonObject {{u"bulk_id"_s, bulkId},
                        {u"action"_s, detail.value(u"bulk")},
                        {u"workflow"_s, detail.value(u"workflow")},
                        {u"actor"_s, row.value(u"actor")},
                        {u"at"_s, row.value(u"at")},
                        {u"total"_s, ids.size()},
                        {u"refused"_s, detail.value(u"refused").toArray().size()},
                        {u"completed"_s, completed},
                        {u"failed"_s, failed},
                        {u"aborted"_s, aborted},
                        {u"running"_s, running},
                        {u"finished"_s, running == 0},
                        {u"processes"_s, processes}};
}

} // namespace wfo::queries
