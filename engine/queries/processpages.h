#pragma once
// Pages of the process list as the console's lazy models (processes, tasks) and
// `orchestratorctl processes` read them: filtered by status, workflow, task or not and who
// started them, most recently changed first.

#include "wfo_engine_export.h"

#include "store/database.h"
#include "store/processrepository.h"
#include "store/records.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace wfo::queries {

// What to list; the vocabulary is the store's, readers name it from here.
using ProcessFilter = store::ProcessFilter;

class WFO_ENGINE_EXPORT ProcessPageQuery
{
public:
    // The processes `filter` selects, from filter.offset, at most filter.limit.
    static QList<store::ProcessRecord> page(const store::Database &database,
                                            const ProcessFilter &filter);
    // How many `filter` selects, ignoring its limit and offset.
    static qint64 count(const store::Database &database, const ProcessFilter &filter);
    // The ids of every process `filter` selects (its limit still applies).
    static QStringList ids(const store::Database &database, const ProcessFilter &filter);
    // The status of each of `processIds` (a deleted one is left out): how a bulk operation
    // is coming along.
    static QHash<QString, ProcessStatus> statuses(const store::Database &database,
                                                  const QStringList &processIds);

    // The fields the process search knows (store/processsearch.h).
    static QStringList searchFields();
    // The values of the search's status: terms (negated ones too), lower-cased: for callers
    // that check them or choose statuses of their own when there are none. Throws StoreError
    // beyond the search's limits.
    static QStringList searchedStatuses(const QString &search);

    // Statuses of processes still going or needing an operator (the "active" lists).
    static QStringList activeStatuses();
    // Statuses of processes that are finished.
    static QStringList completedStatuses();
    // Statuses of processes an operator may retry.
    static QStringList failedStatuses();
};

} // namespace wfo::queries
