// Damaged databases (docs/reliability.md, "Damaged databases"): rows that only a damaged file
// holds, crafted one by one, each as fuzz_damageddb found or would find it. Every value read
// from the database is untrusted: the engine and the read side answer with a clean failure,
// never a crash or a step run at random. SQLite only: the damage is in the file.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "routerpack.h"
#include "testdatabase.h"

#include "queries/processdetail.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace wfo;
using namespace testsupport;

class TestDamaged : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void retryWithNextStepOutsideTheWorkflow_data();
    void retryWithNextStepOutsideTheWorkflow();

private:
    // A process of create_test_router_checked that failed at its last step ("Check router").
    QString failedProcess();

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<store::Database> m_database;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    RouterPack m_pack;
};

void TestDamaged::initTestCase()
{
    if (TestDatabase::backend() != "sqlite"_L1)
        QSKIP("Damaged files are SQLite's; the suite runs on SQLite only.");
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QString error;
    std::optional<InstalledEngine> opened = openInstalledEngine(m_db->url(), m_pack, &error);
    QVERIFY2(opened, qPrintable(error));
    m_installation = std::move(opened->installation);
    m_engine = std::move(opened->engine);
    m_database = std::make_unique<store::Database>(m_db->url());
}

void TestDamaged::cleanupTestCase()
{
    m_engine.reset();
    if (m_database)
        m_database->closeThreadConnection();
}

QString TestDamaged::failedProcess()
{
    RouterPack::validationFails = true;
    StartRequest request;
    request.workflow = u"create_test_router_checked"_s;
    request.inputObject = QJsonObject {{u"customer_id"_s, u"acme"_s}, {u"hostname"_s, u"r9"_s}};
    request.actor = Actor(u"tester"_s);
    ProcessStatus status = ProcessStatus::Created;
    const QString id = runToRest(*m_engine, request, &status);
    RouterPack::validationFails = false;
    return status == ProcessStatus::Failed ? id : QString();
}

void TestDamaged::retryWithNextStepOutsideTheWorkflow_data()
{
    QTest::addColumn<int>("nextStep");
    QTest::addColumn<QString>("nextStepName");
    // Before the fix, -1 read steps.at(-1) (out of bounds) and 1000 "completed" the process
    // without running the step that had failed.
    QTest::newRow("negative") << -1 << u"No such step"_s;
    QTest::newRow("far past the end") << 1000 << u"No such step"_s;
    QTest::newRow("most negative") << int(std::numeric_limits<int>::min()) << QString();
    QTest::newRow("negative, name still known") << -7 << u"Check router"_s;
}

void TestDamaged::retryWithNextStepOutsideTheWorkflow()
{
    QFETCH(int, nextStep);
    QFETCH(QString, nextStepName);
    const QString id = failedProcess();
    QVERIFY(!id.isEmpty());
    m_database->exec(u"UPDATE processes SET next_step = :n, next_step_name = :name WHERE "
                     "process_id = :id"_s,
                     {{u"n"_s, nextStep},
                      {u"name"_s, nextStepName.isEmpty() ? QVariant() : QVariant(nextStepName)},
                      {u"id"_s, id}});

    // The process detail reads the row as it is.
    const std::optional<queries::ProcessDetail> before =
        queries::ProcessDetailQuery::load(*m_database, id);
    QVERIFY(before);
    QCOMPARE(before->process.nextStep, nextStep);
    before->toJson();

    StopRecorder stops(*m_engine);
    const ActionResult result = await(m_engine->resume(id, ResumeRequest {}));
    QVERIFY2(result.ok(), qPrintable(result.message));
    const std::optional<ProcessStatus> status = stops.wait(id);
    QVERIFY(status);
    const std::optional<queries::ProcessDetail> after =
        queries::ProcessDetailQuery::load(*m_database, id);
    QVERIFY(after);
    if (nextStepName == "Check router"_L1) {
        // Found by its name: the step runs again (and now passes).
        QCOMPARE(*status, ProcessStatus::Completed);
        return;
    }
    QCOMPARE(*status, ProcessStatus::Failed);
    QVERIFY2(after->process.failedReason.contains(u"is not a step of the workflow"_s),
             qPrintable(after->process.failedReason));
    QCOMPARE(after->steps.constLast().errorClass, u"UnknownStep"_s);
}

QTEST_GUILESS_MAIN(TestDamaged)
#include "tst_damaged.moc"
