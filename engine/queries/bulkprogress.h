#pragma once
// How a bulk operation (core/bulkresult.h) is coming along, as the REST API and
// `orchestratorctl` read it by the bulk's id: its audit row names its processes, their rows
// their statuses.

#include "store/database.h"
#include "wfo_engine_export.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace wfo::queries {

class WFO_ENGINE_EXPORT BulkProgressQuery
{
public:
    // {bulk_id, action ("start", "retry", "abort"), workflow, actor, at, total, refused,
    //  completed, failed, aborted, running, finished, processes: [{process_id, last_status}]};
    // nothing when no bulk operation has that id. "failed" counts those at rest that are
    // neither completed nor aborted (failed, waiting, suspended...); a deleted process counts
    // as at rest.
    static std::optional<QJsonObject> progress(const store::Database &database,
                                               const QString &bulkId);
};

} // namespace wfo::queries
