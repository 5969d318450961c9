#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"
#include "enginesession.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

void log(CtlContext &context, const QString &message)
{
    context.out().error(QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + u' ' + message);
}

} // namespace

int WorkerCommand::run(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"worker"_s,
                         tr("Run the engine headless: take queued processes of every engine on "
                            "the database and run them, until SIGINT or SIGTERM. Logs to "
                            "stderr."));
    parser.addThreadsOption();
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    const std::optional<int> threads = parser.threads();
    if (!threads)
        return ExitUsage;
    const std::optional<store::DatabaseUrl> url = context.databaseUrl();
    if (!url)
        return ExitUsage;

    EngineSession session(context.installation(),
                          CtlContext::engineOptions(*url, u"worker"_s, *threads, true));
    Engine &engine = session.engine();
    QObject::connect(&engine, &Engine::processStarted, &session,
                     [&](const QString &id) { log(context, tr("process %1 started").arg(id)); });
    QObject::connect(&engine, &Engine::stepCommitted, &session,
                     [&](const store::ProcessRecord &process, const store::StepRecord &step) {
                         QString line = tr("process %1 (%2): step '%3' %4")
                                            .arg(process.id, process.workflowName, step.name,
                                                 toText(step.status));
                         if (!step.errorMessage.isEmpty())
                             line += u": "_s + step.errorMessage.simplified();
                         log(context, line);
                     });
    QObject::connect(&engine, &Engine::processStopped, &session,
                     [&](const QString &id, ProcessStatus status) {
                         log(context, tr("process %1 stopped: %2").arg(id, toText(status)));
                     });
    QObject::connect(&engine, &Engine::stateChanged, &session, [&](EngineState state, int running) {
        log(context, tr("engine %1, %n process(es) running", nullptr, running).arg(toText(state)));
    });
    QObject::connect(&engine, &Engine::recovered, &session, [&](const QStringList &ids) {
        log(context, tr("recovered interrupted processes: %1").arg(ids.join(u", "_s)));
    });
    QObject::connect(&engine, &Engine::databaseProblem, &session, [&](const QString &message) {
        log(context, tr("database problem: %1").arg(message));
    });
    QObject::connect(&engine, &Engine::databaseOk, &session,
                     [&] { log(context, tr("database reachable again")); });

    QString message;
    if (!session.open(&message)) {
        if (session.interrupted())
            return ExitOk;
        context.out().error(message);
        return ExitError;
    }
    log(context,
        tr("engine %1 on %2 with %n thread(s); stop it with SIGINT or SIGTERM", nullptr,
           engine.threads())
            .arg(engine.instanceId(), url->displayString()));
    session.runUntilStopped();
    log(context, tr("worker stopped"));
    return ExitOk;
}

} // namespace wfo::ctl
