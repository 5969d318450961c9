#pragma once
// Which database the console opens and where that choice is kept. The URL of the last database
// chosen in the database dialog is stored in QSettings without its password (the password goes
// to the system keychain, see passwordstore.h). At start the first of these wins: --db, then
// $WFO_DATABASE_URL, then the stored choice, then the default SQLite file.

#include "store/databaseurl.h"

#include <QString>

#include <optional>

namespace wfo::console {

struct DatabaseChoice
{
    enum class Source { CommandLine, Environment, Settings, Default };
    store::DatabaseUrl url;
    Source source = Source::Default;
    QString warning; // set when the stored choice was unusable and the default was taken
};

class DatabaseSettings
{
public:
    static QString urlKey(); // QSettings "database/url"

    // The stored URL (never with a password), or nullopt when none is stored.
    static std::optional<store::DatabaseUrl> storedUrl();
    static void setStoredUrl(const store::DatabaseUrl &url);

    // The URL without its password: what QSettings and the keychain key see.
    static QString withoutPassword(const store::DatabaseUrl &url);
    // The keychain entry of a PostgreSQL URL's password.
    static QString keychainKey(const store::DatabaseUrl &url);

    // The precedence above. An empty string means "not given". An invalid --db or
    // $WFO_DATABASE_URL is an error (the operator asked for it); an invalid stored URL falls
    // back to the default with a warning.
    static std::optional<DatabaseChoice> resolve(const QString &commandLine,
                                                 const QString &environment, const QString &stored,
                                                 QString *error);

    // Where the running console's URL came from (set once by main; the dialog explains that
    // --db and $WFO_DATABASE_URL win over its choice at the next start).
    static DatabaseChoice::Source startupSource();
    static void setStartupSource(DatabaseChoice::Source source);
};

} // namespace wfo::console
