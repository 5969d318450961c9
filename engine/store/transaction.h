#pragma once
// A write transaction on this thread's connection: BEGIN IMMEDIATE on SQLite (the write lock
// is taken up front), rolled back unless commit() is called.

#include "wfo_engine_export.h"

#include <QtGlobal>

namespace wfo::store {

class Database;

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
    bool m_open = false;
};

} // namespace wfo::store
