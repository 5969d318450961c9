#include "consolecontext.h"

#include "queries/operators.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace wfo::console {

ConsoleContext::ConsoleContext(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_database(engine->database())
    , m_pool(new QThreadPool(this))
    , m_coalesce(new QTimer(this))
    , m_poll(new QTimer(this))
{
    // Several threads: a slow export or count never holds up the page an operator waits for.
    m_pool->setMaxThreadCount(3);
    m_pool->setObjectName(u"consoleQueries"_s);
    m_actor = defaultActor();

    // A read-only engine (a viewer's database login) disables every action, like a role does.
    connect(engine, &Engine::opened, this, [this](bool ok) {
        if (ok && m_engine->isReadOnly())
            emit roleChanged();
    });

    // Engine signals come in bursts; one refresh per burst keeps every view live and cheap.
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(200);
    connect(m_coalesce, &QTimer::timeout, this, &ConsoleContext::changed);
    // An admin may change the operator's role from another console or from orchestratorctl.
    connect(this, &ConsoleContext::changed, this, &ConsoleContext::refreshRole);
    connect(engine, &Engine::stepCommitted, this,
            [this](const store::ProcessRecord &process, const store::StepRecord &) {
                emit processChanged(process.id);
                schedule();
            });
    connect(engine, &Engine::processQueued, this, [this](const QString &id) {
        emit processChanged(id);
        schedule();
    });
    connect(engine, &Engine::processStopped, this, [this](const QString &id, ProcessStatus) {
        emit processChanged(id);
        schedule();
    });
    connect(engine, &Engine::processStarted, this, [this](const QString &id) {
        emit processChanged(id);
        schedule();
    });
    connect(engine, &Engine::recovered, this, &ConsoleContext::schedule);
    // What this and other engines commit (NOTIFY on PostgreSQL, the data version on SQLite):
    // "process", "subscription", "engine", or "*" when it is not known what changed.
    connect(engine, &Engine::changed, this, [this](const QString &kind, const QString &id) {
        if (kind == u"process" && !id.isEmpty())
            emit processChanged(id);
        if (kind == u"engine" || kind == u"*")
            emit enginesChanged();
        schedule();
    });
    // Back from an outage: everything shown may be stale.
    connect(engine, &Engine::databaseOk, this, &ConsoleContext::schedule);
    connect(m_poll, &QTimer::timeout, this, &ConsoleContext::changed);
    setPollInterval(2000);
    refreshRole();
}

QString ConsoleContext::defaultActor()
{
    for (const char *name : {"WFO_USER", "USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return u"operator"_s;
}

void ConsoleContext::setActor(const QString &actor)
{
    if (actor == m_actor)
        return;
    m_actor = actor;
    m_roleKnown = false;
    refreshRole();
}

void ConsoleContext::refreshRole()
{
    const quint64 generation = ++m_roleGeneration;
    const QString actor = m_actor;
    query(
        this,
        [actor](const store::Database &database) {
            return queries::OperatorQueries::roleOf(database, actor);
        },
        [this, generation](const QueryResult<std::optional<Role>> &result) {
            if (generation != m_roleGeneration || !result.ok())
                return;
            if (m_roleKnown && result.value == m_role)
                return;
            m_role = result.value;
            m_roleKnown = true;
            emit roleChanged();
        });
}

bool ConsoleContext::may(Permission permission, Role needed) const
{
    if (m_engine->isReadOnly())
        return false; // the database itself refuses every write
    return !m_roleKnown || isAllowed(m_role, permission, needed);
}

QString ConsoleContext::refusal(Permission permission, Role needed) const
{
    if (may(permission, needed))
        return QString();
    if (m_engine->isReadOnly() && (!m_roleKnown || isAllowed(m_role, permission, needed)))
        return readOnlyRefusal(m_actor, permission);
    return refusalMessage(m_actor, m_role, permission, needed);
}

ConsoleContext::~ConsoleContext()
{
    m_pool->clear();
    m_pool->waitForDone();
}

void ConsoleContext::setPollInterval(int ms)
{
    if (ms <= 0) {
        m_poll->stop();
        return;
    }
    m_poll->start(ms);
}

void ConsoleContext::notifyChanged()
{
    schedule();
}

void ConsoleContext::schedule()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

} // namespace wfo::console
