#pragma once
// What every orchestratorctl command shares: the global options (--db, --json), the output,
// the installation (built-in workflows, product packs, settings, extensions), the exit codes of the
// command-line contract and the ways to reach the database (directly for reading, through an engine
// for running processes).

#include "output.h"

#include "base/status.h"
#include "core/engine.h"
#include "core/workflowregistry.h"
#include "services/installation.h"
#include "store/database.h"
#include "store/databaseurl.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace wfo::ctl {

// The exit codes are a contract (README, "orchestratorctl"; the man page).
enum ExitCode : int {
    ExitOk = 0,
    ExitError = 1,
    ExitUsage = 2,
    ExitNeedsInput = 3,
    ExitInvalidInput = 4,
    ExitBlocked = 5,
    ExitNotDone = 6, // the process came to rest failed, waiting, aborted...
    ExitNotPermitted = 7, // the operator's role does not allow the action (reason printed)
};

// The exit code of an action the engine did not take: 7 when it was not permitted, else 1.
int exitCodeForRefusal(const ActionResult &result);

// The exit code for a process that came to rest in `status`.
int exitCodeFor(ProcessStatus status);

// A database connection on the calling (main) thread; closes it when it goes out of scope.
class StoreHandle
{
public:
    explicit StoreHandle(const store::DatabaseUrl &url)
        : m_database(url)
    { }
    ~StoreHandle() { m_database.closeThreadConnection(); }
    Q_DISABLE_COPY_MOVE(StoreHandle)
    const store::Database &database() const { return m_database; }

private:
    store::Database m_database;
};

class CtlContext
{
    Q_DECLARE_TR_FUNCTIONS(wfo::ctl::CtlContext)

public:
    CtlContext();
    Q_DISABLE_COPY_MOVE(CtlContext)

    Output &out() { return m_output; }
    // The installation, its packs loaded on first use: commands that need no workflows
    // (--version, --help, usage errors) load no plugin at all.
    const Installation &installation();
    const WorkflowRegistry &registry() { return installation().registry(); }

    // Global options; a command's own parser may set them again after the command name.
    void setDatabaseOption(const QString &url) { m_databaseOption = url; }
    bool hasDatabaseOption() const { return m_databaseOption.has_value(); }
    void setJson(bool json) { m_output.setJson(json); }
    bool json() const { return m_output.json(); }

    // The database URL from --db, else $WFO_DATABASE_URL, else the default SQLite file.
    // Prints why and returns nothing when the URL is malformed or --db is empty (a usage
    // error: an empty --db is a mistake, never a wish for the default).
    std::optional<store::DatabaseUrl> databaseUrl();

    // SQLite databases are migrated on open; a shared PostgreSQL one only by `init`.
    static bool migratesOnOpen(const store::DatabaseUrl &url) { return url.isSqlite(); }

    // Opens the database on this thread and checks its schema; a migrated database also gets
    // the catalogue (see registerCatalogue). Returns the exit code to leave with when that
    // fails (the message is printed), or nothing when `handle` is ready.
    std::optional<int> openStore(std::unique_ptr<StoreHandle> &handle, bool migrate);
    std::optional<int> openStore(std::unique_ptr<StoreHandle> &handle);
    // Exit 1 with a message when `url` names a SQLite file that does not exist: only `init`,
    // `start` and `worker` create a database, so a mistyped --db is never a new empty one.
    std::optional<int> refuseMissingFile(const store::DatabaseUrl &url);

    // Registers the workflows, the packs' products and their links, and lets every extension
    // prepare the database, as an engine does when it opens. Throws store::StoreError.
    void registerCatalogue(const store::Database &database);

    // Engine options for this database, with the WFO_POLL_MS, WFO_LEASE_SECONDS and
    // WFO_HEARTBEAT_MS overrides applied.
    static EngineOptions engineOptions(const store::DatabaseUrl &url, const QString &kind,
                                       int threads, bool claimQueued);

    // An id as the operator typed it, in the form the database holds: a UUID in lower case
    // without braces ({ABC...} and ABC... find abc...); anything else trimmed, as it is.
    static QString normalisedId(const QString &text);

    // Who acts: $WFO_USER, else the login name, else SYSTEM; from the command line, here.
    static Actor actor();

    // Prints the store's message and returns ExitError.
    int storeFailure(const store::StoreError &error);
    // `error`, or the damaged-file error when a SQLite file fails its integrity check.
    static store::StoreError damageOr(const store::Database &database,
                                      const store::StoreError &error);

private:
    Output m_output;
    Installation m_installation;
    bool m_installed = false;
    std::optional<QString> m_databaseOption; // set (even empty) when --db was given
};

} // namespace wfo::ctl
