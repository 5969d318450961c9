#pragma once
// A throwaway database for one test: a SQLite file in a temporary folder, or, when the suite
// runs with WFO_TEST_BACKEND=postgresql, a fresh database on the server of WFO_TEST_PG_URL
// (dropped again afterwards).

#include "store/databaseurl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    Q_DISABLE_COPY_MOVE(TestDatabase)

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    const wfo::store::DatabaseUrl &url() const { return m_url; }
    bool isPostgres() const { return !m_url.isSqlite(); }
    QString dir() const { return m_dir.path(); }

    // "sqlite" or "postgresql", from WFO_TEST_BACKEND.
    static QString backend();

private:
    QTemporaryDir m_dir;
    wfo::store::DatabaseUrl m_url;
    wfo::store::DatabaseUrl m_admin;
    bool m_valid = false;
    QString m_error;
};
