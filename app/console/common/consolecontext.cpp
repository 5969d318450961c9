#include "consolecontext.h"

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
    m_actor = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (m_actor.isEmpty())
        m_actor = u"operator"_s;

    // Engine signals come in bursts; one refresh per burst keeps every view live and cheap.
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(200);
    connect(m_coalesce, &QTimer::timeout, this, &ConsoleContext::changed);
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
