#include "consoletestkit.h"

#include "enginewaiter.h"
#include "subscriptions/domainscreens.h"

#include <QApplication>
#include <QThread>

using namespace Qt::StringLiterals;

namespace consoletest {

std::atomic_bool &failMode()
{
    static std::atomic_bool mode {false};
    return mode;
}

std::atomic_int &sleepMs()
{
    static std::atomic_int ms {3000};
    return ms;
}

void registerWorkflows(wfo::WorkflowRegistry &registry)
{
    using namespace wfo;
    StepList quick;
    for (int n = 1; n <= 3; ++n) {
        quick.append(step(u"Quick step %1"_s.arg(n), [n](const StepContext &) {
            return QJsonObject {{u"quick_%1"_s.arg(n), n}};
        }));
    }
    registry.add(Workflow(u"console_quick"_s, Target::System, "Console test: three quick steps",
                          begin >> init() >> quick >> done()));
    registry.add(Workflow(u"console_fail"_s, Target::System, "Console test: fails on request",
                          begin >> init() >> step(u"Prepare"_s, [](const StepContext &) {
                              return QJsonObject {{u"prepared"_s, true}};
                          }) >> step(u"Call the network"_s, [](const StepContext &) {
                              if (failMode())
                                  throw StepError(u"Simulated failure"_s);
                              return QJsonObject {{u"called"_s, true}};
                          }) >> done()));
    const forms::FormGenerator askName = [](forms::FormSession &session) {
        return session.page(forms::FormPage(
            u"Who are you?"_s, {forms::Field::text(u"name"_s).label(u"Name"_s).length(2, 40)}));
    };
    registry.add(Workflow(
        u"console_input"_s, Target::System, "Console test: asks for a name",
        begin >> init() >> inputstep(u"Ask name"_s, askName)
            >> step(u"Greet"_s,
                    [](const StepContext &context) {
                        return QJsonObject {
                            {u"greeting"_s, QString(u"Hello "_s + context.get<QString>(u"name"))}};
                    })
            >> done()));
    registry.add(Workflow(u"console_sleep"_s, Target::System, "Console test: one slow step",
                          begin >> init() >> step(u"Sleep"_s, [](const StepContext &) {
                              QThread::msleep(ulong(sleepMs().load()));
                              return QJsonObject {{u"slept"_s, true}};
                          }) >> done()));
    registry.add(
        Workflow(u"console_modify"_s, Target::System, "Console test: leaves a modify's state",
                 begin >> init() >> step(u"Unsync subscription"_s, [](const StepContext &) {
                     return QJsonObject {
                         {u"subscription"_s, modifyBefore()},
                         {u"__old_subscriptions__"_s, QJsonObject {{u"sub-1"_s, modifyBefore()}}}};
                 }) >> step(u"Modify subscription"_s, [](const StepContext &) {
                     return QJsonObject {{u"subscription"_s, modifyAfter()}};
                 }) >> done()));
    // Awaits a callback (docs/architecture.md, "Callback steps"), with an hour's timeout.
    registry.add(Workflow(u"console_callback"_s, Target::System, "Console test: awaits a callback",
                          begin >> init()
                              >> callbackStep(u"Wait for the job"_s,
                                              step(u"Start the job"_s,
                                                   [](const StepContext &) {
                                                       return QJsonObject {{u"job"_s, true}};
                                                   }),
                                              {}, {u"job_result"_s, u"callback_route"_s, 3600})
                              >> done()));
    registry.add(Workflow::task(u"console_task"_s, "Console test: a task",
                                begin >> step(u"Task step"_s, [](const StepContext &) {
                                    if (failMode())
                                        throw StepError(u"Task failure"_s);
                                    return QJsonObject {{u"task_done"_s, true}};
                                })));
}

QJsonObject modifyBefore()
{
    return QJsonObject {
        {u"subscription_id"_s, u"sub-1"_s},
        {u"description"_s, u"Node ams-rt1"_s},
        {u"status"_s, u"active"_s},
        {u"insync"_s, true},
        {u"node"_s,
         QJsonObject {{u"subscription_instance_id"_s, u"blk-node"_s},
                      {u"owner_subscription_id"_s, u"sub-1"_s},
                      {u"name"_s, u"NodeBlock"_s},
                      {u"node_name"_s, u"ams-rt1"_s},
                      {u"ipv4_loopback"_s, u"10.0.0.1"_s},
                      {u"site"_s,
                       QJsonObject {{u"subscription_instance_id"_s, u"blk-site-a"_s},
                                    {u"owner_subscription_id"_s, u"sub-site"_s},
                                    {u"name"_s, u"SiteBlock"_s},
                                    {u"site_name"_s, u"Amsterdam"_s}}}}},
        {u"monitoring"_s,
         QJsonObject {{u"subscription_instance_id"_s, u"blk-mon"_s},
                      {u"owner_subscription_id"_s, u"sub-1"_s},
                      {u"name"_s, u"MonitoringBlock"_s},
                      {u"interval"_s, 60}}}};
}

QJsonObject modifyAfter()
{
    QJsonObject after = modifyBefore();
    after.insert(u"description"_s, u"Node ams-rt1 (core)"_s);
    QJsonObject node = after.value(u"node").toObject();
    node.insert(u"ipv4_loopback"_s, u"10.0.0.9"_s);
    node.insert(u"role"_s, u"core"_s);
    node.insert(u"site"_s,
                QJsonObject {{u"subscription_instance_id"_s, u"blk-site-b"_s},
                             {u"owner_subscription_id"_s, u"sub-site"_s},
                             {u"name"_s, u"SiteBlock"_s},
                             {u"site_name"_s, u"Rotterdam"_s}});
    after.insert(u"node"_s, node);
    after.remove(u"monitoring"_s);
    after.insert(u"bgp"_s,
                 QJsonObject {{u"subscription_instance_id"_s, u"blk-bgp"_s},
                              {u"owner_subscription_id"_s, u"sub-1"_s},
                              {u"name"_s, u"BgpBlock"_s},
                              {u"asn"_s, 64512}});
    return after;
}

Fixture::Fixture(bool domain)
    : m_domain(domain)
{
    registerWorkflows(m_registry);
    if (domain) {
        m_installation = std::make_unique<wfo::Installation>();
        QStringList messages;
        m_installation->loadPacks(&messages);
        m_installation->finish(&messages);
        for (const QString &message : messages)
            qWarning("%s", qPrintable(message));
    }
}

Fixture::~Fixture()
{
    m_window.reset();
    m_context.reset();
    m_engine.reset();
    m_installation.reset();
}

bool Fixture::open(QString *error)
{
    if (!m_database.isValid()) {
        *error = m_database.error();
        return false;
    }
    wfo::EngineOptions options;
    options.url = m_database.url();
    options.threads = 2;
    options.pollIntervalMs = 200;
    m_engine = std::make_unique<wfo::Engine>(
        m_installation ? &m_installation->registry() : &m_registry, options);
    if (m_installation)
        m_installation->configure(*m_engine);
    if (!testsupport::openEngine(*m_engine, error))
        return false;
    m_context = std::make_unique<wfo::console::ConsoleContext>(m_engine.get());
    m_context->setActor(u"tester"_s);
    return true;
}

wfo::console::MainWindow *Fixture::window()
{
    if (!m_window) {
        m_window = std::make_unique<wfo::console::MainWindow>(m_context.get());
        if (m_installation)
            wfo::console::installDomainScreens(
                m_window.get(), m_installation->constraintSettings(),
                {m_installation->subscriptionViews(), m_installation->catalogueTables()});
        m_window->resize(1200, 800);
        m_window->show();
        if (!QTest::qWaitForWindowExposed(m_window.get()))
            qWarning("The main window was not exposed");
    }
    return m_window.get();
}

QString Fixture::runToRest(const QString &workflow, wfo::ProcessStatus *status)
{
    wfo::StartRequest request;
    request.workflow = workflow;
    request.actor = u"tester"_s;
    return testsupport::runToRest(*m_engine, request, status);
}

QString Fixture::start(const QString &workflow)
{
    wfo::StartRequest request;
    request.workflow = workflow;
    request.actor = u"tester"_s;
    const wfo::ActionResult result = testsupport::await(m_engine->start(request));
    return result.processId;
}

} // namespace consoletest
