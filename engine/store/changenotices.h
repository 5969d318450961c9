#pragma once
// The change feed's notices on PostgreSQL ("kind:id" on the wfo_changes channel), sent after
// the transaction that made the change has committed, by a sender thread of this program, never
// by that transaction itself (docs/architecture.md, "Change notices on PostgreSQL").
//
// A transaction that runs NOTIFY takes, at its COMMIT, a lock on the whole database that it
// holds until the commit is on the disk: every transaction that notifies commits alone, one
// flush after the other, across all engines on the server, and the workers' steps would not
// share flushes. So a change's notice is held on its thread until its write transaction commits
// (dropped if it rolls back, or if its step's savepoint does), and the sender publishes the
// notices of many commits at once, in a transaction of its own that does not wait for the disk.

#include "database.h"

#include <QString>

namespace wfo::store::changenotices {

// Queues `notice` for `database` (PostgreSQL only): held until this thread's write transaction
// on that database commits, or handed to the sender at once when none is open.
void publish(const Database &database, const QString &notice);

// A write transaction on `database` began, committed, or rolled back on this thread.
void begun(const Database &database);
void committed(const Database &database);
void rolledBack(const Database &database);

// A savepoint: the place in this thread's held notices, and dropping those held since.
qsizetype mark();
void rollbackTo(qsizetype mark);

} // namespace wfo::store::changenotices
