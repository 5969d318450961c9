#include "transaction.h"

#include "database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

WriteTransaction::WriteTransaction(const Database &database)
    : m_database(database)
{
    m_database.exec(m_database.dialect().beginWrite());
    m_open = true;
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

void WriteTransaction::commit()
{
    m_database.exec(u"COMMIT"_s);
    m_open = false;
}

void WriteTransaction::rollback() noexcept
{
    if (!m_open)
        return;
    m_open = false;
    try {
        m_database.exec(u"ROLLBACK"_s);
    } catch (...) {
        // The connection is gone; the server (or SQLite) has rolled back already.
    }
}

} // namespace wfo::store
