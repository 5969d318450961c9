#pragma once
// A database location: sqlite:///abs/path.db or postgresql://user[:pass]@host[:port]/db.

#include "wfo_engine_export.h"

#include <QString>

#include <optional>

namespace wfo::store {

struct WFO_ENGINE_EXPORT DatabaseUrl
{
    enum class Kind { SQLite, PostgreSQL };
    Kind kind = Kind::SQLite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;

    bool isSqlite() const { return kind == Kind::SQLite; }
    // The URL with the password left out, for messages and logs.
    QString displayString() const;
    QString toString() const; // with password

    static std::optional<DatabaseUrl> parse(const QString &url, QString *error);
    // $WFO_DATABASE_URL, else a SQLite file in the user's data directory.
    static DatabaseUrl defaultUrl();
};

} // namespace wfo::store
