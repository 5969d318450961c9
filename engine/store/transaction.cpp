#include "transaction.h"

#include "database.h"

#include <QSqlQuery>

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

void WriteTransaction::commit()
{
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
