#pragma once
// Statements of the hot paths (a step's commit), prepared once per thread connection and kept
// with it: preparing a statement from its text and binding a map of names on every call cost
// more than the statement itself (docs/performance.md, "Engine").

#include "database.h"
#include "wfo_engine_export.h"

#include <QString>
#include <QVariantList>

#include <functional>

class QSqlQuery;

namespace wfo::store {

// Runs `sql` on this thread's connection of `database`, prepared on first use and kept, its `?`
// placeholders (those outside quotes) bound in order from `values`; as many values as
// placeholders, or it throws. `read`, when given, sees the result rows; the
// statement is reset afterwards (a kept statement must hold no read snapshot and no unfinished
// write), so `read` must take what it needs from the rows before it returns. Returns the number
// of rows affected. Throws StoreError; as Database::exec, a SELECT outside a write transaction
// whose connection was lost is tried once more on a new connection.
WFO_ENGINE_EXPORT int execPrepared(const Database &database, const QString &sql,
                                   const QVariantList &values,
                                   const std::function<void(QSqlQuery &)> &read = {});

// What tells the connections to one database from those to another: the kept statements of a
// thread's connection and the change notices it holds go by it.
WFO_ENGINE_EXPORT QString connectionKey(const DatabaseUrl &url);

// Statements run through any Database of this program so far (benchmarks count them per step).
WFO_ENGINE_EXPORT quint64 statementCount();

} // namespace wfo::store
