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
    // The URL with the password masked (***), for messages and logs.
    QString displayString() const;
    QString toString() const; // with password

    static std::optional<DatabaseUrl> parse(const QString &url, QString *error);
    // `text` with every password in it masked: the user-info of anything that looks like a
    // URL (scheme://user:secret@host) and password=... settings. For text that may hold a URL
    // someone typed, before it reaches a message, a log or a file.
    static QString maskPasswords(const QString &text);
    // $WFO_DATABASE_URL, else a SQLite file in the user's data directory.
    static DatabaseUrl defaultUrl();
};

} // namespace wfo::store
