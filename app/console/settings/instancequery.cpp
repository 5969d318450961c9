#include "instancequery.h"

#include "store/enginerepository.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::console {

QList<InstanceRow> loadInstances(const store::Database &database)
{
    QList<InstanceRow> rows;
    QHash<QString, qsizetype> byId;
    for (const store::EngineInstanceRecord &instance :
         store::EngineRepository(database).instances()) {
        byId.insert(instance.id, rows.size());
        rows.append(InstanceRow {instance, {}});
    }
    // Uses processes_claimed_idx; only processes being run have a claim.
    QSqlQuery query = database.exec(
        u"SELECT claimed_by, process_id, workflow_name, status, next_step_name FROM processes "
        "WHERE claimed_by IS NOT NULL ORDER BY last_modified_at"_s);
    while (query.next()) {
        const auto it = byId.constFind(query.value(0).toString());
        if (it == byId.constEnd())
            continue; // its instance is gone: recovery will fail it
        rows[*it].running.append(
            ClaimedProcess {query.value(1).toString(), query.value(2).toString(),
                            query.value(3).toString(), query.value(4).toString()});
    }
    return rows;
}

} // namespace wfo::console
