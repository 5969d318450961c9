#pragma once
// "Test connection" of the database dialog: opens the chosen database on a thread of its own
// (never SQL on the GUI thread; a PostgreSQL server that does not answer takes seconds), reads
// its schema version and answers with a sentence for the operator. A test overtaken by a newer
// one is not reported.

#include "store/databaseurl.h"

#include <QObject>
#include <QString>

class QThread;

namespace wfo::console {

struct ConnectionReport
{
    bool ok = false;
    QString message;
};

class ConnectionTester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTester)

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override; // waits for a test under way (at most the connect timeout)

    void test(const store::DatabaseUrl &url);
    bool isTesting() const { return m_pending > 0; }

    // What the test does, on the calling thread (the tester runs it on its own thread).
    static ConnectionReport run(const store::DatabaseUrl &url);

signals:
    void finished(const wfo::console::ConnectionReport &report);

private:
    QThread *m_thread;
    QObject *m_worker;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace wfo::console
