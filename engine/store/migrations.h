#pragma once
// Numbered schema migrations, applied in order in one transaction, each recorded in
// schema_version. Later parts of the program add migrations at the end; never edit one that
// has shipped.

#include "wfo_engine_export.h"

#include <QString>
#include <QStringList>

namespace wfo::store {

class Database;

struct Migration
{
    int version;
    QString description;
    QStringList statements; // with SqlDialect macros ({{ID}}, {{JSON}}, ...)
};

class WFO_ENGINE_EXPORT Migrations
{
public:
    static const QList<Migration> &all();
    static int latestVersion();
    // Applies what is missing; safe when several programs open the database at once.
    static void apply(const Database &database);
};

} // namespace wfo::store
