#include "instancerepository.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

QList<ClaimedProcessRow> InstanceRepository::claimedProcesses()
{
    // Uses processes_claimed_idx; only processes being run have a claim.
    QSqlQuery query = m_db.exec(
        u"SELECT claimed_by, process_id, workflow_name, status, next_step_name FROM processes "
        "WHERE claimed_by IS NOT NULL ORDER BY last_modified_at"_s);
    QList<ClaimedProcessRow> rows;
    while (query.next())
        rows.append(ClaimedProcessRow {query.value(0).toString(), query.value(1).toString(),
                                       query.value(2).toString(), query.value(3).toString(),
                                       query.value(4).toString()});
    return rows;
}

} // namespace wfo::store
