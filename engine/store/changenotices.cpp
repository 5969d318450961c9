#include "changenotices.h"

#include "changefeed.h"
#include "preparedstatements.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QSet>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcNotices, "wfo.store.notices")

namespace wfo::store::changenotices {
namespace {

// A sender lets go of its connection after this long without notices, so that an idle program
// holds no connection for them.
constexpr auto idleClose = std::chrono::seconds(2);
// A sender sends at most once in this long: under a steady stream of steps the notices of the
// steps committed meanwhile share one statement (one round trip, one commit of the server)
// instead of one each; a notice after a quiet spell goes at once.
constexpr auto sendInterval = std::chrono::milliseconds(5);
// Notices per statement, and queued at most: past that, one "*" (everything changed) stands
// for them all, as when a listener reconnects.
constexpr qsizetype perStatement = 500;
constexpr qsizetype mostQueued = 10000;
// Between the notices of one statement (they are kinds and ids, which never hold it).
constexpr QChar separator(0x1f);

// Sends `notices` in one transaction that does not wait for its commit to reach the disk: a
// notice is delivered when its transaction commits, and one lost to a crash of the server is
// no loss (a listener refreshes everything when it reconnects).
void deliver(const Database &database, const QStringList &notices)
{
    static const QString sql =
        u"SELECT set_config('synchronous_commit', 'off', true), pg_notify('%1', n) FROM "
        "unnest(string_to_array(?, chr(31))) AS n"_s.arg(ChangeChannel);
    for (qsizetype i = 0; i < notices.size(); i += perStatement)
        execPrepared(database, sql, {notices.mid(i, perStatement).join(separator)});
}

class Sender
{
public:
    explicit Sender(const DatabaseUrl &url)
        : m_database(url)
    {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(u"wfo-notices"_s);
        m_thread->start();
    }
    Q_DISABLE_COPY_MOVE(Sender)

    void post(const QStringList &notices)
    {
        {
            const std::lock_guard lock(m_mutex);
            for (const QString &notice : notices) {
                if (m_everything || m_queued.contains(notice))
                    continue;
                if (m_queue.size() >= mostQueued) {
                    m_everything = true;
                    m_queue.clear();
                    m_queued.clear();
                    continue;
                }
                m_queue.append(notice);
                m_queued.insert(notice);
            }
        }
        m_wake.notify_one();
    }

    // Sends what is queued and ends the thread; false when it did not end within `ms`.
    bool stop(int ms)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        return m_thread->wait(QDeadlineTimer(ms));
    }

private:
    void run()
    {
        const auto ready = [this] {
            return m_stopping || m_everything || !m_queue.isEmpty();
        };
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (!m_wake.wait_for(lock, idleClose, ready)) {
                lock.unlock();
                m_database.closeThreadConnection();
                lock.lock();
                m_wake.wait(lock, ready);
            }
            if (!m_everything && m_queue.isEmpty())
                break; // stopping, and all sent
            const auto due = m_lastSent + sendInterval;
            if (!m_stopping && std::chrono::steady_clock::now() < due)
                m_wake.wait_until(lock, due, [this] { return m_stopping; });
            // What queues while this batch is sent makes the next one.
            const QStringList batch =
                m_everything ? QStringList {u"*"_s} : std::exchange(m_queue, {});
            m_queued.clear();
            m_everything = false;
            lock.unlock();
            send(batch);
            m_lastSent = std::chrono::steady_clock::now();
            lock.lock();
        }
        lock.unlock();
        m_database.closeThreadConnection();
    }

    void send(const QStringList &batch)
    {
        try {
            deliver(m_database, batch);
            if (m_failing)
                qCInfo(lcNotices) << "change notices are sent again";
            m_failing = false;
        } catch (const StoreError &e) {
            // Listeners lose the same server and refresh everything when they are back.
            if (!m_failing)
                qCWarning(lcNotices) << "change notices not sent:" << e.message();
            m_failing = true;
        }
    }

    const Database m_database;
    std::unique_ptr<QThread> m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QStringList m_queue;
    QSet<QString> m_queued;
    bool m_everything = false;
    bool m_stopping = false;
    bool m_failing = false; // sender thread only
    std::chrono::steady_clock::time_point m_lastSent; // sender thread only
};

std::mutex g_sendersMutex;
QHash<QString, Sender *> g_senders;
bool g_closed = false; // the application is gone: notices are sent on the caller's thread

// When the application ends: every sender sends what it holds and ends, on a thread Qt SQL
// still works on. One stuck on an unreachable server is left to the end of the process.
void closeSenders()
{
    QList<Sender *> senders;
    {
        const std::lock_guard lock(g_sendersMutex);
        g_closed = true;
        senders = g_senders.values();
        g_senders.clear();
    }
    for (Sender *sender : std::as_const(senders)) {
        if (sender->stop(5000))
            delete sender;
    }
}

void post(const Database &database, const QString &key, const QStringList &notices)
{
    {
        const std::lock_guard lock(g_sendersMutex);
        if (!g_closed) {
            Sender *&sender = g_senders[key];
            if (!sender) {
                static const bool routine = [] {
                    qAddPostRoutine(closeSenders);
                    return true;
                }();
                Q_UNUSED(routine);
                sender = new Sender(database.url());
            }
            sender->post(notices);
            return;
        }
    }
    try {
        deliver(database, notices);
    } catch (const StoreError &e) {
        qCWarning(lcNotices) << "change notices not sent:" << e.message();
    }
}

struct Held
{
    QString key;
    QString notice;
};

thread_local QList<Held> t_held;
thread_local QHash<QString, int> t_open; // write transactions open on this thread, by database

// Takes this thread's held notices of `key` out of the list.
QStringList takeHeld(const QString &key)
{
    QStringList notices;
    t_held.removeIf([&](const Held &held) {
        if (held.key != key)
            return false;
        notices.append(held.notice);
        return true;
    });
    return notices;
}

// Counts a transaction of `key` off; true when it was the last one open.
bool closeOne(const QString &key)
{
    auto it = t_open.find(key);
    if (it == t_open.end())
        return false;
    if (--it.value() > 0)
        return false;
    t_open.erase(it);
    return true;
}

} // namespace

void publish(const Database &database, const QString &notice)
{
    if (database.url().isSqlite())
        return;
    const QString key = connectionKey(database.url());
    if (t_open.value(key) > 0)
        t_held.append({key, notice});
    else
        post(database, key, {notice});
}

void begun(const Database &database)
{
    if (!database.url().isSqlite())
        ++t_open[connectionKey(database.url())];
}

void committed(const Database &database)
{
    if (database.url().isSqlite())
        return;
    const QString key = connectionKey(database.url());
    if (!closeOne(key))
        return;
    const QStringList notices = takeHeld(key);
    if (!notices.isEmpty())
        post(database, key, notices);
}

void rolledBack(const Database &database)
{
    if (database.url().isSqlite())
        return;
    const QString key = connectionKey(database.url());
    if (closeOne(key))
        takeHeld(key);
}

qsizetype mark()
{
    return t_held.size();
}

void rollbackTo(qsizetype mark)
{
    if (t_held.size() > mark)
        t_held.resize(mark);
}

} // namespace wfo::store::changenotices
