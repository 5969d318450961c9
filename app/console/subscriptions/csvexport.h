#pragma once
// Writes every subscription matching a query to a CSV file on the query pool, page by page
// (no cap, constant memory), reporting progress; cancelling stops at the next page.

#include "queries/subscriptionpages.h"

#include <QFuture>
#include <QList>
#include <QString>

namespace wfo::console {

struct CsvExportResult
{
    qint64 rows = 0;
    QString error; // empty when the file was written
    bool cancelled = false;
};

// `columns` are SubscriptionListModel columns, in order. Progress is reported as rows written,
// with the total as progress maximum.
QFuture<CsvExportResult> exportSubscriptionsCsv(QThreadPool *pool, const store::Database &database,
                                                const queries::SubscriptionFilter &query,
                                                const QList<int> &columns, const QString &path);

} // namespace wfo::console
