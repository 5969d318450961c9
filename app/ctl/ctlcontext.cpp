#include "ctlcontext.h"

#include <QSysInfo>

#include "core/workflowregistry.h"

#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

int exitCodeFor(ProcessStatus status)
{
    switch (status) {
    case ProcessStatus::Completed:
    case ProcessStatus::Suspended:
    case ProcessStatus::AwaitingCallback:
    case ProcessStatus::Created:
    case ProcessStatus::Resumed:
        return ExitOk;
    case ProcessStatus::Failed:
    case ProcessStatus::Waiting:
    case ProcessStatus::Aborted:
    case ProcessStatus::ApiUnavailable:
    case ProcessStatus::InconsistentData:
        return ExitNotDone;
    case ProcessStatus::Running:
        return ExitError; // the runner lost the database while the process ran
    }
    return ExitError;
}

int exitCodeForRefusal(const ActionResult &result)
{
    switch (result.outcome) {
    case ActionResult::Outcome::NotPermitted:
        return ExitNotPermitted;
    case ActionResult::Outcome::InvalidInput:
        return ExitInvalidInput;
    default:
        return ExitError;
    }
}

CtlContext::CtlContext() = default;

const Installation &CtlContext::installation()
{
    if (m_installed)
        return m_installation;
    m_installed = true;
    QStringList messages;
    m_installation.loadPacks(&messages);
    m_installation.finish(&messages);
    for (const QString &message : std::as_const(messages))
        m_output.error(tr("Warning: %1").arg(message));
    return m_installation;
}

void CtlContext::registerCatalogue(const store::Database &database)
{
    recordCatalogue(installation().registry(), database);
    for (const auto &extension : installation().extensions())
        extension->databaseOpened(database);
}

std::optional<store::DatabaseUrl> CtlContext::databaseUrl()
{
    if (m_databaseOption && m_databaseOption->trimmed().isEmpty()) {
        m_output.error(tr("The --db option is empty; give a database URL such as "
                          "sqlite:///home/me/orchestrator.db, or leave --db out for the default."));
        return std::nullopt;
    }
    QString text = m_databaseOption.value_or(QString());
    QString origin = u"--db"_s;
    if (text.isEmpty()) {
        text = qEnvironmentVariable("WFO_DATABASE_URL");
        origin = u"WFO_DATABASE_URL"_s;
    }
    if (text.isEmpty())
        return store::DatabaseUrl::defaultUrl();
    QString error;
    std::optional<store::DatabaseUrl> url = store::DatabaseUrl::parse(text, &error);
    if (!url)
        m_output.error(tr("Invalid database URL in %1: %2").arg(origin, error));
    return url;
}

std::optional<int> CtlContext::openStore(std::unique_ptr<StoreHandle> &handle, bool migrate)
{
    const std::optional<store::DatabaseUrl> url = databaseUrl();
    if (!url)
        return ExitUsage;
    handle = std::make_unique<StoreHandle>(*url);
    try {
        handle->database().ensureSchema(migrate);
        if (migrate)
            registerCatalogue(handle->database());
    } catch (const store::StoreError &e) {
        const int exitCode = storeFailure(damageOr(handle->database(), e));
        handle.reset();
        return exitCode;
    }
    return std::nullopt;
}

store::StoreError CtlContext::damageOr(const store::Database &database,
                                       const store::StoreError &error)
{
    // A damaged file shows itself in many ways (not a database, a missing row, a broken
    // constraint...); whatever failed, a file that fails its check is reported as damaged.
    switch (error.kind()) {
    case store::StoreError::Kind::Busy:
    case store::StoreError::Kind::SchemaTooNew:
    case store::StoreError::Kind::Unreachable:
    case store::StoreError::Kind::NotADatabase: // says so already
        return error;
    case store::StoreError::Kind::Sql:
    case store::StoreError::Kind::SchemaTooOld:
        break;
    }
    if (!database.url().isSqlite())
        return error;
    const QStringList problems = database.damage();
    return problems.isEmpty() ? error : database.damagedError(problems);
}

std::optional<int> CtlContext::openStore(std::unique_ptr<StoreHandle> &handle)
{
    const std::optional<store::DatabaseUrl> url = databaseUrl();
    if (!url)
        return ExitUsage;
    if (const std::optional<int> exit = refuseMissingFile(*url))
        return exit;
    // A SQLite file this user cannot write is read as it is: no migration, no catalogue
    // registration (an older schema is then reported with the 'init' hint).
    const bool readOnly =
        url->isSqlite() && QFileInfo::exists(url->path) && !QFileInfo(url->path).isWritable();
    return openStore(handle, migratesOnOpen(*url) && !readOnly);
}

std::optional<int> CtlContext::refuseMissingFile(const store::DatabaseUrl &url)
{
    if (!url.isSqlite() || QFileInfo::exists(url.path))
        return std::nullopt;
    out().error(tr("There is no database file '%1'. Check --db, or create the database with "
                   "'orchestratorctl --db %2 init'.")
                    .arg(url.path, url.displayString()));
    return ExitError;
}

EngineOptions CtlContext::engineOptions(const store::DatabaseUrl &url, const QString &kind,
                                        int threads, bool claimQueued)
{
    EngineOptions options;
    options.url = url;
    options.kind = kind;
    options.threads = threads;
    options.claimQueued = claimQueued;
    options.migrate = migratesOnOpen(url);
    auto fromEnv = [](const char *name, int &value) {
        bool ok = false;
        const int v = qEnvironmentVariableIntValue(name, &ok);
        if (ok && v > 0)
            value = v;
    };
    fromEnv("WFO_POLL_MS", options.pollIntervalMs);
    fromEnv("WFO_HEARTBEAT_MS", options.heartbeatMs);
    fromEnv("WFO_LEASE_SECONDS", options.leaseSeconds);
    return options;
}

QString CtlContext::normalisedId(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUuid uuid = QUuid::fromString(trimmed);
    return uuid.isNull() ? trimmed : uuid.toString(QUuid::WithoutBraces);
}

Actor CtlContext::actor()
{
    Actor actor;
    actor.origin = u"cli"_s;
    actor.host = QSysInfo::machineHostName();
    for (const char *name : {"WFO_USER", "USER", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name).trimmed();
        if (!value.isEmpty()) {
            actor.name = value;
            break;
        }
    }
    return actor;
}

int CtlContext::storeFailure(const store::StoreError &error)
{
    m_output.error(error.message());
    return ExitError;
}

} // namespace wfo::ctl
