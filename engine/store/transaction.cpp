#include "transaction.h"

#include "changenotices.h"
#include "database.h"
#include "preparedstatements.h"

#include <QHash>
#include <QSqlQuery>
#include <QThread>

#include <chrono>
#include <csignal>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <memory>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

// A statement of the transaction itself (begin, commit, savepoints). On SQLite a kept one: the
// thread that writes the groups runs several for every step. PostgreSQL cannot prepare them.
void control(const Database &database, const QString &sql)
{
    if (database.url().isSqlite())
        execPrepared(database, sql, {});
    else
        database.exec(sql);
}

} // namespace

// The gate of one SQLite file: a lock handed to its waiters in the order they came, so that a
// thread that writes now and then (the heartbeat) is not overtaken for ever by threads that
// write back to back.
class WriterGate::Queue
{
public:
    bool lockFor(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        if (!m_held && m_waiting.empty()) {
            m_held = true;
            return true;
        }
        const quint64 ticket = m_nextTicket++;
        m_waiting.push_back(ticket);
        if (m_handed.wait_until(lock, std::chrono::steady_clock::now() + timeout,
                                [&] { return m_grantedTicket == ticket; }))
            return true; // handed over by unlock(): m_held stayed true
        m_waiting.erase(std::find(m_waiting.begin(), m_waiting.end(), ticket));
        return false;
    }

    void unlock()
    {
        const std::lock_guard lock(m_mutex);
        if (m_waiting.empty()) {
            m_held = false;
            return;
        }
        m_grantedTicket = m_waiting.front();
        m_waiting.pop_front();
        m_handed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_handed;
    std::deque<quint64> m_waiting;
    quint64 m_nextTicket = 0;
    quint64 m_grantedTicket = std::numeric_limits<quint64>::max();
    bool m_held = false;
};

namespace {

thread_local int t_openTransactions = 0;
// The gates this thread holds: a second transaction on the same file on this thread is
// SQLite's to refuse, not a wait for itself.
thread_local QList<WriterGate::Queue *> t_heldGates;

// One gate per SQLite file, for the life of the program.
WriterGate::Queue &writerGate(const QString &path)
{
    static std::mutex guard;
    static QHash<QString, std::shared_ptr<WriterGate::Queue>> gates;
    const std::lock_guard lock(guard);
    std::shared_ptr<WriterGate::Queue> &gate = gates[path];
    if (!gate)
        gate = std::make_shared<WriterGate::Queue>();
    return *gate;
}

} // namespace

bool WriteTransaction::isOpenOnThisThread()
{
    return t_openTransactions > 0;
}

WriterGate::WriterGate(const Database &database)
{
    if (!database.url().isSqlite())
        return;
    Queue &gate = writerGate(database.url().path);
    if (t_heldGates.contains(&gate))
        return;
    if (!gate.lockFor(std::chrono::milliseconds(Database::busyTimeoutMs())))
        throw Database::lockedError();
    m_gate = &gate;
    t_heldGates.append(m_gate);
}

void WriterGate::release() noexcept
{
    if (!m_gate)
        return;
    t_heldGates.removeOne(m_gate);
    m_gate->unlock();
    m_gate = nullptr;
}

bool WriterGate::writes(const QString &sql)
{
    static const QStringList verbs {u"INSERT"_s, u"UPDATE"_s, u"DELETE"_s, u"REPLACE"_s,
                                    u"CREATE"_s, u"DROP"_s,   u"ALTER"_s};
    const QStringView text = QStringView(sql).trimmed();
    for (const QString &verb : verbs) {
        if (text.startsWith(verb, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

WriteTransaction::WriteTransaction(const Database &database)
    : m_database(database)
    , m_gate(database)
{
    control(m_database, m_database.dialect().beginWrite()); // the gate is let go if this throws
    m_open = true;
    ++t_openTransactions;
    changenotices::begun(m_database);
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

#ifdef WFO_FAULT_INJECTION
namespace {

// The crash harness's hook (docs/reliability.md): WFO_TEST_CRASH_AT_COMMIT=N kills this
// program just before its Nth commit, to show that no effect is ever stored without its audit
// row (or the other way round). Only in builds with the test suites.
void crashBeforeCommitWhenAsked()
{
    static const int crashAt = qEnvironmentVariableIntValue("WFO_TEST_CRASH_AT_COMMIT");
    static std::atomic<int> commits = 0;
    if (crashAt > 0 && ++commits == crashAt)
        ::raise(SIGKILL);
}

} // namespace
#endif

void WriteTransaction::commit()
{
#ifdef WFO_FAULT_INJECTION
    crashBeforeCommitWhenAsked();
#endif
    control(m_database, u"COMMIT"_s);
    m_open = false;
    --t_openTransactions;
    m_gate.release();
    changenotices::committed(m_database); // sent now that the change is there to see
}

void WriteTransaction::rollback() noexcept
{
    if (!m_open)
        return;
    m_open = false;
    --t_openTransactions;
    changenotices::rolledBack(m_database);
    try {
        m_database.exec(u"ROLLBACK"_s);
    } catch (...) {
        // The connection is gone; the server (or SQLite) has rolled back already.
    }
    m_gate.release();
}

namespace {

std::atomic<quint64> g_sharedCommits = 0;
std::atomic<quint64> g_sharedSteps = 0;

#ifdef WFO_FAULT_INJECTION
// The crash harness's hook for groups (docs/reliability.md): WFO_TEST_CRASH_IN_GROUP=1 kills
// this program inside the first group of two steps or more, after the first step's savepoint,
// before the commit.
void crashInGroupWhenAsked(qsizetype written)
{
    static const bool crash = qEnvironmentVariableIntValue("WFO_TEST_CRASH_IN_GROUP") == 1;
    if (crash && written == 0)
        ::raise(SIGKILL);
}
#endif

} // namespace

// At most this many steps share a commit: the steps written first wait for the ones that join
// after them.
constexpr qsizetype maxGroupSize = 64;

struct GroupCommit::Request
{
    const std::function<bool()> *writes = nullptr;
    bool done = false; // its group has committed (or failed): result and error are set
    bool released = false; // its runner may go: woken by the leader or by the member before it
    Request *next = nullptr; // the member of its group its runner wakes in turn
    bool result = false;
    std::exception_ptr error;
    // Its runner waits here: for its group's commit, or to lead the next group. One variable
    // for all would wake every waiting runner at every commit (sixteen threads on two cores).
    std::condition_variable wake;
};

GroupCommit::GroupCommit(const Database &database, int gatherMicroseconds)
    : m_database(database)
    , m_gatherMicroseconds(gatherMicroseconds)
{
    if (!m_database.url().isSqlite())
        return;
    m_committer.reset(QThread::create([this] { commitLoop(); }));
    m_committer->setObjectName(u"wfo-committer"_s);
    m_committer->start();
}

GroupCommit::~GroupCommit()
{
    if (!m_committer)
        return;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_arrived.notify_all();
    m_committer->wait();
}

void GroupCommit::commitLoop()
{
    // Only this connection writes the groups, so its pages stay valid from one group to the
    // next, and a cache larger than SQLite's 2 MB keeps the inner pages of every table and
    // index the steps write. Each step's savepoint keeps the pages it changes until it is
    // released; in memory, not in a temporary file that costs a write per page (the
    // savepoint's journal is emptied when the step's savepoint is released).
    try {
        m_database.exec(u"PRAGMA cache_size = -%1"_s.arg(committerCacheKiB));
        m_database.exec(u"PRAGMA temp_store = MEMORY"_s);
    } catch (const StoreError &) {
        // The first group meets the same error and hands it to its members.
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_arrived.wait(lock, [this] {
            return (m_stopping && m_queue.isEmpty()) || (!m_queue.isEmpty() && !m_leading);
        });
        if (m_queue.isEmpty())
            break; // stopping
        lead(lock, nullptr);
    }
    lock.unlock();
    m_database.closeThreadConnection();
}

GroupCommit::Member::Member(GroupCommit *group)
    : m_group(group)
{
    if (!m_group)
        return;
    const std::lock_guard lock(m_group->m_mutex);
    ++m_group->m_members;
}

GroupCommit::Member::~Member()
{
    if (!m_group)
        return;
    {
        const std::lock_guard lock(m_group->m_mutex);
        --m_group->m_members;
    }
    // A leader waiting for this member stops waiting.
    m_group->m_arrived.notify_all();
}

quint64 GroupCommit::sharedCommits()
{
    return g_sharedCommits.load();
}

quint64 GroupCommit::sharedSteps()
{
    return g_sharedSteps.load();
}

qsizetype GroupCommit::pendingSteps()
{
    const std::lock_guard lock(m_mutex);
    return m_pending;
}

bool GroupCommit::submit(const std::function<bool()> &writes)
{
    Request request;
    request.writes = &writes;
    std::unique_lock lock(m_mutex);
    m_queue.append(&request);
    ++m_pending;
    // With a committer, a runner leads only its own step, when no other member runs; else the
    // committer (or a leader gathering its group) hears of the request.
    const auto leadsHere = [this] {
        return !m_leading && (!m_committer || m_members <= 1);
    };
    if (!leadsHere())
        m_arrived.notify_all();
    while (!request.done) {
        if (leadsHere()) {
            lead(lock, &request);
            continue;
        }
        request.wake.wait(lock);
    }
    // The leader woke the first member of the group only; each member wakes the next, so that
    // the leader (on SQLite the committer, which every step waits on) goes on to the next group
    // at once. The flags are read and set under the mutex, and a member returns only once
    // released: none is woken after its Request is gone.
    request.wake.wait(lock, [&request] { return request.released; });
    if (request.next) {
        request.next->released = true;
        request.next->wake.notify_one();
    }
    if (request.error)
        std::rethrow_exception(request.error);
    return request.result;
}

void GroupCommit::joinQueued(std::unique_lock<std::mutex> &lock, QList<Request *> &group,
                             std::chrono::steady_clock::time_point deadline)
{
    lock.lock();
    // The committer's first step waits for a second, within the gather window, while another
    // member still runs a step: one flush for two.
    if (m_committer && group.size() == 1) {
        m_arrived.wait_until(lock, deadline, [this, &group] {
            return !m_queue.isEmpty() || m_members <= group.size();
        });
    }
    while (!m_queue.isEmpty() && group.size() < maxGroupSize)
        group.append(m_queue.takeFirst());
    lock.unlock();
}

void GroupCommit::lead(std::unique_lock<std::mutex> &lock, Request *own)
{
    m_leading = true;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::microseconds(m_gatherMicroseconds);
    // A leader on a runner's thread waits a moment for the members still running a step, never
    // longer than the gather window, and not at all when nobody else runs. The committer starts
    // writing at once and waits, if still alone, before its commit (see joinQueued).
    if (!m_committer) {
        m_arrived.wait_until(lock, deadline, [this] { return m_queue.size() >= m_members; });
    }
    QList<Request *> group = std::exchange(m_queue, {});
    lock.unlock();

    std::exception_ptr groupError;
    try {
        WriteTransaction transaction(m_database);
        if (!m_committer && group.size() == 1) {
            // Alone: the transaction is the step's own, no savepoint needed.
            Request *request = group.constFirst();
            try {
                request->result = (*request->writes)();
            } catch (...) {
                request->error = std::current_exception();
            }
            if (request->error || !request->result)
                transaction.rollback();
            else
                transaction.commit();
        } else {
            // The committer leads only while two or more runners are inside a process: its
            // first step has company coming, so it too is written in a savepoint.
            for (qsizetype i = 0; i < group.size(); ++i) {
                Request *request = group.at(i);
                control(m_database, u"SAVEPOINT wfo_step"_s);
                const qsizetype notices = changenotices::mark();
                try {
                    request->result = (*request->writes)();
                } catch (...) {
                    request->error = std::current_exception();
                }
                if (request->error || !request->result) {
                    control(m_database, u"ROLLBACK TO SAVEPOINT wfo_step"_s);
                    changenotices::rollbackTo(notices);
                }
                control(m_database, u"RELEASE SAVEPOINT wfo_step"_s);
#ifdef WFO_FAULT_INJECTION
                crashInGroupWhenAsked(i);
#endif
                if (i + 1 == group.size())
                    joinQueued(lock, group, deadline);
            }
            transaction.commit();
            if (group.size() > 1) {
                ++g_sharedCommits;
                g_sharedSteps += quint64(group.size());
            }
        }
    } catch (...) {
        groupError = std::current_exception();
    }

    lock.lock();
    Request *first = nullptr;
    Request *last = nullptr;
    for (Request *request : group) {
        if (groupError) {
            // Nothing of the group was stored: every member hears why.
            request->error = groupError;
            request->result = false;
        }
        request->done = true;
        --m_pending;
        if (request == own) {
            request->released = true; // the leader's own step: its thread is here
            continue;
        }
        (last ? last->next : first) = request;
        last = request;
    }
    if (first) {
        first->released = true;
        first->wake.notify_one();
    }
    m_leading = false;
    if (m_committer)
        m_arrived.notify_all(); // steps queued meanwhile wait for the committer
    else if (!m_queue.isEmpty())
        m_queue.constFirst()->wake.notify_one(); // leads the steps queued meanwhile
}

} // namespace wfo::store
