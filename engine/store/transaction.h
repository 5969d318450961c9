#pragma once
// A write transaction on this thread's connection: BEGIN IMMEDIATE on SQLite (the write lock
// is taken up front, after this program's gate for the file), rolled back unless commit() is
// called. And the group commit of the engine's worker threads, which shares one write
// transaction among steps finished at once (docs/architecture.md, "Group commit").

#include "database.h"
#include "wfo_engine_export.h"

#include <QList>
#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace wfo::store {

// SQLite lets one connection write at a time. The threads of this program queue for a file on
// this gate (one per file, served in order of arrival) before they write, woken the moment it
// is their turn, so only
// the writers of other programs meet in SQLite's busy handler, which sleeps between its looks
// (and, polling, would lose every time to writers that never sleep). A write transaction
// holds it from BEGIN to COMMIT; a write outside one (autocommit) for its statement.
class WFO_ENGINE_EXPORT WriterGate
{
public:
    class Queue; // one per file (transaction.cpp)

    // Takes the gate of `database`'s file unless this thread holds it already, waiting at most
    // the busy timeout (then throws Database::lockedError()). Nothing on PostgreSQL.
    explicit WriterGate(const Database &database);
    ~WriterGate() { release(); }
    Q_DISABLE_COPY_MOVE(WriterGate)

    void release() noexcept;

    // Whether `sql` writes (INSERT, UPDATE, DELETE, REPLACE, CREATE, DROP, ALTER).
    static bool writes(const QString &sql);

private:
    Queue *m_gate = nullptr;
};

class WFO_ENGINE_EXPORT WriteTransaction
{
public:
    explicit WriteTransaction(const Database &database); // throws StoreError
    ~WriteTransaction();
    Q_DISABLE_COPY_MOVE(WriteTransaction)

    void commit(); // throws StoreError
    void rollback() noexcept;

    // Whether a write transaction is open on this thread: a lost connection inside one loses
    // the transaction, so its statements are never tried again on a new connection.
    static bool isOpenOnThisThread();

private:
    const Database &m_database;
    WriterGate m_gate;
    bool m_open = false;
};

// Group commit (docs/architecture.md, "Group commit"): the steps that several worker threads
// of one engine finish at the same moment are written in ONE write transaction (one flush to
// disk), each in a savepoint of its own, so that the writes one step is refused roll back that
// step alone and every step stays all or nothing. The first thread to arrive leads: it waits a
// moment (at most the gather window) for the members still running a step, runs every queued
// step's writes on its own connection, commits, and hands each member its outcome. A thread
// that is the only member running never waits.
//
// On SQLite the groups of two steps or more are led by a thread of the group's own, the
// committer, so that one connection writes them all: every commit by one connection of a file
// empties the page cache of the others, and the committer's cache (larger than the others')
// stays warm. Steps queued while a group is written join it (up to 64); the committer starts
// writing at once and waits for a second step, within the gather window, only before it
// commits a group of one. A step submitted while no other member runs is still written on its
// runner's thread.
class WFO_ENGINE_EXPORT GroupCommit
{
public:
    explicit GroupCommit(const Database &database, int gatherMicroseconds = 1000);
    ~GroupCommit();
    Q_DISABLE_COPY_MOVE(GroupCommit)

    // SQLite: the page cache of the committer's connection, in KiB (SQLite's own is 2 MB).
    static constexpr int committerCacheKiB = 64 * 1024;

    // A thread that will submit steps (a process runner, while it runs a process): leaders wait
    // for the members that are still running a step.
    class Member
    {
    public:
        explicit Member(GroupCommit *group);
        ~Member();
        Q_DISABLE_COPY_MOVE(Member)

    private:
        GroupCommit *m_group;
    };

    // Runs `writes` in the group's transaction, inside a savepoint, on the leader's thread
    // (whose connection is this Database's on that thread), and returns once the transaction
    // committed: true when `writes` returned true. `writes` returning false, or throwing, rolls
    // back its savepoint alone; what it threw is thrown here. A failure of the transaction
    // itself (BEGIN or COMMIT) is thrown to every member of the group.
    bool submit(const std::function<bool()> &writes);

    // Commits so far, by any group of this program, that held two steps or more, and the steps
    // those commits held (tests and benchmarks).
    static quint64 sharedCommits();
    static quint64 sharedSteps();

    // Steps submitted to this group and not yet committed: queued or being written (tests).
    qsizetype pendingSteps();

private:
    struct Request;
    // Leads one group; `own` is the leader's own queued step (none for the committer).
    void lead(std::unique_lock<std::mutex> &lock, Request *own);
    // Adds the steps queued while `group` was written (the lock is free before and after).
    void joinQueued(std::unique_lock<std::mutex> &lock, QList<Request *> &group,
                    std::chrono::steady_clock::time_point deadline);
    void commitLoop();

    Database m_database;
    int m_gatherMicroseconds;
    std::unique_ptr<QThread> m_committer; // SQLite only
    bool m_stopping = false;
    std::mutex m_mutex;
    std::condition_variable m_arrived; // a request was queued
    QList<Request *> m_queue;
    qsizetype m_pending = 0;
    int m_members = 0;
    bool m_leading = false;
};

} // namespace wfo::store
