#include "testdatabase.h"

#include "store/database.h"

#include <QRandomGenerator>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

QString TestDatabase::backend()
{
    const QString b = qEnvironmentVariable("WFO_TEST_BACKEND");
    return b.isEmpty() ? u"sqlite"_s : b;
}

TestDatabase::TestDatabase()
{
    if (backend() != "postgresql"_L1) {
        m_url.kind = wfo::store::DatabaseUrl::Kind::SQLite;
        m_url.path = m_dir.filePath(u"test.db"_s);
        m_valid = m_dir.isValid();
        return;
    }
    const QString server = qEnvironmentVariable("WFO_TEST_PG_URL");
    auto admin = wfo::store::DatabaseUrl::parse(server, &m_error);
    if (!admin) {
        m_error = u"WFO_TEST_PG_URL is not set to a PostgreSQL URL: "_s + m_error;
        return;
    }
    m_admin = *admin;
    m_url = *admin;
    m_url.database = u"wfo_t_%1"_s.arg(QRandomGenerator::global()->generate64(), 0, 36);
    try {
        wfo::store::Database(m_admin).exec(u"CREATE DATABASE %1"_s.arg(m_url.database));
        m_valid = true;
    } catch (const wfo::store::StoreError &e) {
        m_error = e.message();
    }
}

TestDatabase::~TestDatabase()
{
    if (!isPostgres() || !m_valid)
        return;
    try {
        const wfo::store::Database db(m_url);
        db.closeThreadConnection();
        wfo::store::Database(m_admin).exec(
            u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_url.database));
    } catch (const wfo::store::StoreError &) { }
}
