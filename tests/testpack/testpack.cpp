#include "testpack.h"

#include "store/transaction.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QThread>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace wfo::testpack {

namespace {

bool flagFileExists(const StepContext &context)
{
    QString path = context.value(u"flag_file").toString();
    if (path.isEmpty())
        path = qEnvironmentVariable("WFO_TEST_FLAG_FILE");
    return !path.isEmpty() && QFileInfo::exists(path);
}

Workflow testSteps()
{
    StepList steps;
    for (int n = 1; n <= 5; ++n) {
        steps.append(step(u"Step %1"_s.arg(n), [n](const StepContext &) {
            return QJsonObject {{u"counter_%1"_s.arg(n), n}};
        }));
    }
    return Workflow::task(u"test_steps"_s, QT_TRANSLATE_NOOP("wfo::workflows", "Test: five steps"),
                          steps);
}

Workflow testFailOnce()
{
    const Step flaky = step(u"Flaky step"_s, [](const StepContext &context) {
        if (flagFileExists(context))
            throw StepError(u"Simulated failure"_s);
        return QJsonObject {{u"flaky_done"_s, true}};
    });
    return Workflow::task(
        u"test_fail_once"_s,
        QT_TRANSLATE_NOOP("wfo::workflows", "Test: fails while the flag file exists"),
        begin >> flaky);
}

Workflow testRetry()
{
    const Step flaky = retrystep(u"Retry step"_s, [](const StepContext &) {
        const QString path = qEnvironmentVariable("WFO_TEST_FLAG_FILE");
        if (!path.isEmpty() && QFileInfo::exists(path))
            throw StepError(u"Simulated failure"_s);
        return QJsonObject {{u"retry_done"_s, true}};
    });
    return Workflow::task(
        u"test_retry"_s,
        QT_TRANSLATE_NOOP("wfo::workflows", "Test: waits for a retry while the flag file exists"),
        begin >> flaky);
}

Workflow testInput()
{
    const forms::FormGenerator askName = [](forms::FormSession &session) {
        return session.page(
            forms::FormPage(u"Ask name"_s,
                            {forms::Field::text(u"name"_s).label(u"Name"_s),
                             forms::Field::integer(u"age"_s).label(u"Age"_s).range(0, 150)}));
    };
    const Step greet = step(u"Greet"_s, [](const StepContext &context) {
        return QJsonObject {{u"greeting"_s, QString(u"Hello "_s + context.get<QString>(u"name"))}};
    });
    return Workflow(u"test_input"_s, Target::System,
                    QT_TRANSLATE_NOOP("wfo::workflows", "Test: asks for a name, then greets"),
                    begin >> init() >> inputstep(u"Ask name"_s, askName) >> greet >> done())
        .isTask(true);
}

// With WFO_TEST_SIDE_CHANNEL set, every execution of a slow step appends one line
// "<process id> <step number>" to that file, outside the database: tests count executions.
void recordExecution(const StepContext &context, int step)
{
    const QByteArray path = qgetenv("WFO_TEST_SIDE_CHANNEL");
    if (path.isEmpty())
        return;
    const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd < 0)
        return;
    const QByteArray line = context.processId().toLatin1() + ' ' + QByteArray::number(step) + '\n';
    // One write() with O_APPEND: lines of concurrent writers never interleave.
    [[maybe_unused]] const auto written = ::write(fd, line.constData(), size_t(line.size()));
    ::close(fd);
}

Workflow testSlow()
{
    bool ok = false;
    int ms = qEnvironmentVariableIntValue("WFO_TEST_STEP_MS", &ok);
    if (!ok || ms < 0)
        ms = 200;
    StepList steps;
    for (int n = 1; n <= 10; ++n) {
        steps.append(step(u"Slow step %1"_s.arg(n), [n, ms](const StepContext &context) {
            recordExecution(context, n);
            QThread::msleep(ulong(ms));
            return QJsonObject {{u"slow_%1"_s.arg(n), n}};
        }));
    }
    return Workflow::task(u"test_slow"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows", "Test: ten slow steps"), steps);
}

Workflow testInitialForm()
{
    const forms::FormGenerator form = [](forms::FormSession &session) {
        session.page(forms::FormPage(u"Customer"_s, {forms::Field::text(u"customer_id"_s)}));
        session.page(forms::FormPage(
            u"Role"_s,
            {forms::Field::choice(u"role_id"_s,
                                  {{u"core"_s, {}}, {u"edge"_s, {}}, {u"access"_s, {}}})}));
        return QJsonObject();
    };
    const Step record = step(u"Record answers"_s, [](const StepContext &context) {
        return QJsonObject {{u"summary"_s,
                             QString(context.get<QString>(u"customer_id") + u'/'
                                     + context.get<QString>(u"role_id"))}};
    });
    Workflow workflow(u"test_initial_form"_s, Target::System,
                      QT_TRANSLATE_NOOP("wfo::workflows", "Test: a two-page initial form"),
                      begin >> init() >> record >> done());
    // Tasks: no subscription needed to start them.
    workflow.initialForm(form).isTask(true);
    return workflow;
}

} // namespace

QString TestPack::name() const
{
    return u"test"_s;
}

void TestPack::install(PackContext &context)
{
    for (const Workflow &workflow :
         {testSteps(), testFailOnce(), testRetry(), testInput(), testSlow(), testInitialForm()})
        context.addWorkflow(workflow, QString(), QString());
    context.addExtension(std::make_shared<TestEffectsExtension>());
}

void TestEffectsExtension::databaseOpened(const store::Database &database)
{
    // A role that may not create tables (tst_pgroles) finds it made by the owner.
    if (database.connection().tables().contains(u"test_effects"_s))
        return;
    // Engines that open at once would race to create the table.
    store::WriteTransaction transaction(database);
    database.lockCatalogue();
    database.exec(u"CREATE TABLE IF NOT EXISTS test_effects (process_id TEXT NOT NULL, step "
                  "TEXT NOT NULL)"_s);
    transaction.commit();
}

void TestEffectsExtension::persistStep(const store::Database &database,
                                       store::ProcessRecord &process, store::StepRecord &step)
{
    for (auto it = step.delta.begin(); it != step.delta.end(); ++it) {
        if (it.key().startsWith("slow_"_L1)) {
            database.exec(u"INSERT INTO test_effects (process_id, step) VALUES (:p, :s)"_s,
                          {{u"p"_s, process.id}, {u"s"_s, step.name}});
            return;
        }
    }
}

} // namespace wfo::testpack
