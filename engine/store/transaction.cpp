#include "transaction.h"

#include "database.h"

#include <QSqlQuery>

#ifdef WFO_FAULT_INJECTION
#include <atomic>
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {
thread_local int t_openTransactions = 0;
}

bool WriteTransaction::isOpenOnThisThread()
{
    return t_openTransactions > 0;
}

WriteTransaction::WriteTransaction(const Database &database)
    : m_database(database)
{
    m_database.exec(m_database.dialect().beginWrite());
    m_open = true;
    ++t_openTransactions;
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
    m_database.exec(u"COMMIT"_s);
    m_open = false;
    --t_openTransactions;
}

void WriteTransaction::rollback() noexcept
{
    if (!m_open)
        return;
    m_open = false;
    --t_openTransactions;
    try {
        m_database.exec(u"ROLLBACK"_s);
    } catch (...) {
        // The connection is gone; the server (or SQLite) has rolled back already.
    }
}

} // namespace wfo::store
