// The console's item models under QAbstractItemModelTester: the lazy process list (pages,
// refresh without reset, stale answers dropped), the subscription list's jump to the end of its
// result and back (the End and Home keys), and the step timeline.
#include "consoletestkit.h"

#include "processdetail/steplistmodel.h"
#include "processes/processlistmodel.h"
#include "subscriptions/subscriptionlistmodel.h"
#include "subscriptions/subscriptionspage.h"

#include "queries/subscriptionpages.h"

#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/timestamps.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using wfo::console::PagedModel;
using wfo::console::ProcessListModel;
using wfo::console::StepListModel;
using wfo::console::SubscriptionListModel;
using wfo::console::SubscriptionsPage;

namespace {

// Scrolls to the end, as a view does: fetchMore whenever the model can fetch more.
void fetchAll(PagedModel &model)
{
    for (int i = 0; i < 100; ++i) {
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        if (!model.canFetchMore({}))
            return;
        model.fetchMore({});
    }
    QFAIL("the model never came to an end");
}

} // namespace

class TestConsoleModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void processListPages_data();
    void processListPages();
    void processListRefreshKeepsRows();
    void processListDropsStaleAnswers();
    void processListFilters();
    void subscriptionListFetchesTheEndFirst();
    void subscriptionListEndAndHomeKeys();
    void refreshKeepsTheEndOrStartAsked();
    void stepListGrows();

private:
    void insertProcesses(int count, const QString &status, bool task = false);
    void insertSubscriptions(int count);
    QStringList subscriptionIds(const SubscriptionListModel &model) const;

    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_fixture = std::make_unique<consoletest::Fixture>();
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
    m_fixture->context()->setPollInterval(0);
    insertProcesses(230, u"completed"_s);
    insertProcesses(20, u"failed"_s);
    insertProcesses(7, u"failed"_s, true);
    insertSubscriptions(230);
}

void TestConsoleModels::insertSubscriptions(int count)
{
    const wfo::store::Database &database = m_fixture->engine()->database();
    const QString productId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    database.exec(u"INSERT INTO products (product_id, name, description, product_type, tag, "
                  "created_at) VALUES (:id, 'Console product', '', 'Test', 'CONSOLE', "
                  "'2024-01-01T00:00:00.000Z')"_s,
                  {{u"id"_s, productId}});
    wfo::store::SubscriptionRepository repository(database);
    for (int i = 0; i < count; ++i) {
        // A few share a description: the id orders them.
        repository.save(QJsonObject {{u"product_id"_s, productId},
                                     {u"customer_id"_s, u"customer-%1"_s.arg(i % 9)},
                                     {u"description"_s, u"Circuit %1"_s.arg(i / 3)},
                                     {u"status"_s, i % 4 ? u"active"_s : u"provisioning"_s},
                                     {u"insync"_s, true}},
                        QString(), u"test"_s, u"tester"_s);
    }
}

// Every id of the model's result, in its order, as the database gives them.
QStringList TestConsoleModels::subscriptionIds(const SubscriptionListModel &model) const
{
    return wfo::queries::SubscriptionPageQuery::ids(m_fixture->engine()->database(), model.query());
}

void TestConsoleModels::insertProcesses(int count, const QString &status, bool task)
{
    // Straight into the store: hundreds of rows without running them.
    wfo::store::ProcessRepository repository(m_fixture->engine()->database());
    for (int i = 0; i < count; ++i) {
        wfo::store::ProcessRecord p;
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        p.workflowName = task ? u"console_task"_s : u"console_quick"_s;
        p.isTask = task;
        p.status = *wfo::processStatusFromString(status);
        p.lastStep = u"Quick step 1"_s;
        p.state = QJsonObject {{u"customer_id"_s, u"customer-%1"_s.arg(i % 7)}};
        p.createdBy = i % 2 ? u"tester"_s : u"someone"_s;
        p.startedAt = wfo::store::Timestamps::now();
        p.lastModifiedAt = p.startedAt;
        repository.insertProcess(p);
    }
}

void TestConsoleModels::processListPages_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("expectedPages");
    QTest::newRow("100 per page") << 100 << 3;
    QTest::newRow("64 per page") << 64 << 4;
    QTest::newRow("250 per page") << 250 << 1;
}

void TestConsoleModels::processListPages()
{
    QFETCH(int, pageSize);
    QFETCH(int, expectedPages);
    ProcessListModel model(m_fixture->context());
    model.setPageSize(pageSize);
    model.setTasks(false);
    QCOMPARE(model.rowCount(), 0); // nothing before a view (or the tester) asks
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // The tester asks for more after every insertion, as a view scrolled to the end does.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.canFetchMore({})); // one request at a time
    fetchAll(model);
    QCOMPARE(model.rowCount(), 250);
    QCOMPARE(int(inserted.size()), expectedPages);
    for (const QList<QVariant> &insertion : inserted) // page by page, never more
        QVERIFY(insertion.at(2).toInt() - insertion.at(1).toInt() + 1 <= pageSize);
    const QModelIndex first = model.index(0, ProcessListModel::Workflow);
    QCOMPARE(first.data().toString(), u"console_quick"_s);
    QVERIFY(!first.data(PagedModel::IdRole).toString().isEmpty());
    QCOMPARE(model.index(0, ProcessListModel::Target).data().toString(), u"System"_s);
    QCOMPARE(model.index(0, ProcessListModel::Target).data(PagedModel::RawValueRole).toString(),
             u"SYSTEM"_s);
    QVERIFY(model.index(0, ProcessListModel::Customer).data().toString().startsWith(u"customer-"));
}

void TestConsoleModels::processListRefreshKeepsRows()
{
    ProcessListModel model(m_fixture->context());
    model.setTasks(false);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 250);
    QSignalSpy loaded(&model, &PagedModel::pageLoaded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1, 30000);
    QCOMPARE(model.rowCount(), 250); // everything fetched is looked at again, in one request
    QCOMPARE(reset.size(), 0); // same rows: no reset, the view keeps selection and scroll
    QCOMPARE(changed.size(), 0); // and nothing changed

    // A change to one row is one dataChanged, still without a reset.
    wfo::store::ProcessRepository repository(m_fixture->engine()->database());
    const QString id = model.index(7, 0).data(PagedModel::IdRole).toString();
    std::optional<wfo::store::ProcessRecord> p = repository.find(id);
    QVERIFY(p);
    p->lastStep = u"Quick step 2"_s;
    QVERIFY(repository.updateUnclaimed(*p));
    const qsizetype pagesBefore = loaded.size();
    model.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > pagesBefore, 30000);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.index(7, ProcessListModel::Step).data().toString(), u"Quick step 2"_s);
}

void TestConsoleModels::processListDropsStaleAnswers()
{
    ProcessListModel model(m_fixture->context());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTasks(false);
    model.setPageSize(50);
    QSignalSpy loaded(&model, &PagedModel::pageLoaded);
    model.fetchMore({});
    model.setStatuses({u"failed"_s});
    model.reload(); // the first answer belongs to the old filter and must be dropped
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QTest::qWait(200);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(model.rowCount(), 20);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, ProcessListModel::Status).data(PagedModel::RawValueRole),
                 QVariant(u"failed"_s));
}

void TestConsoleModels::processListFilters()
{
    ProcessListModel model(m_fixture->context());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTasks(true);
    model.setCreatedBy(u"tester"_s);
    QSignalSpy loaded(&model, &PagedModel::pageLoaded);
    QSignalSpy failed(&model, &PagedModel::loadFailed);
    model.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QCOMPARE(model.rowCount(), 3); // 7 tasks, every second one by the tester
    QVERIFY(!model.canFetchMore({}));
}

void TestConsoleModels::subscriptionListFetchesTheEndFirst()
{
    SubscriptionListModel model(m_fixture->context());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(40);
    model.sort(SubscriptionListModel::Description, Qt::AscendingOrder);
    const QStringList all = subscriptionIds(model);
    QCOMPARE(all.size(), 230);
    QSignalSpy last(&model, &PagedModel::lastRowsLoaded);
    model.fetchLast();
    QTRY_COMPARE_WITH_TIMEOUT(last.size(), 1, 30000);
    // Only the last page, in the model's order, without the pages before it.
    QCOMPARE(model.rowCount(), 40);
    QVERIFY(model.isAtEnd());
    QVERIFY(!model.isAtStart());
    QVERIFY(!model.canFetchMore({}));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(PagedModel::IdRole).toString(), all.at(190 + row));
    // A refresh looks again at the end, without a reset when nothing changed.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy loaded(&model, &PagedModel::pageLoaded);
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 40);
    // The pages before come in above, until the first row of the result.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 10 && !model.isAtStart(); ++i) {
        QVERIFY(model.canFetchPrevious());
        model.fetchPrevious();
        QVERIFY(!model.canFetchPrevious()); // one request at a time
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    }
    QVERIFY(model.isAtStart());
    QCOMPARE(int(inserted.size()), 5); // 40 + 5 × 40 >= 230
    for (const QList<QVariant> &insertion : inserted)
        QCOMPARE(insertion.at(1).toInt(), 0);
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.index(row, 0).data(PagedModel::IdRole).toString());
    QCOMPARE(shown, all);
}

void TestConsoleModels::subscriptionListEndAndHomeKeys()
{
    SubscriptionsPage page(m_fixture->context());
    page.setTab(SubscriptionsPage::All);
    SubscriptionListModel *model = page.model();
    page.resize(900, 500);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 30000);
    const QStringList all = subscriptionIds(*model);
    QCOMPARE(all.size(), 230);
    QTableView *view = page.view();
    view->setFocus();
    view->setCurrentIndex(model->index(0, 0));
    QTest::keyClick(view, Qt::Key_End);
    QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().data(PagedModel::IdRole).toString(), all.last(),
                              30000);
    QCOMPARE(view->currentIndex().row(), model->rowCount() - 1);
    QVERIFY(model->rowCount() <= model->pageSize()); // no page between the first and the last
    QVERIFY(view->viewport()->rect().contains(view->visualRect(view->currentIndex()).center()));
    QTest::keyClick(view, Qt::Key_Home);
    QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().data(PagedModel::IdRole).toString(), all.first(),
                              30000);
    QCOMPARE(view->currentIndex().row(), 0);
    QVERIFY(model->isAtStart());
}

// A refresh (the console's, after a change anywhere) that comes while the End key's rows or a
// reload's are on their way asks for the same again; it must not take the list back to where
// it was before the operator moved it.
void TestConsoleModels::refreshKeepsTheEndOrStartAsked()
{
    SubscriptionListModel model(m_fixture->context());
    model.setPageSize(40);
    model.sort(SubscriptionListModel::Description, Qt::AscendingOrder);
    const QStringList all = subscriptionIds(model);
    QCOMPARE(all.size(), 230);
    model.reload();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0 && !model.isLoading(), 30000);
    QVERIFY(model.isAtStart());

    QSignalSpy last(&model, &PagedModel::lastRowsLoaded);
    model.fetchLast();
    model.refresh(); // before the last rows are in
    QTRY_COMPARE_WITH_TIMEOUT(last.size(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    QVERIFY(model.isAtEnd());
    QVERIFY(!model.isAtStart());
    QCOMPARE(model.rowCount(), 40);
    QCOMPARE(model.index(39, 0).data(PagedModel::IdRole).toString(), all.last());

    // Home from the end: a reload, then a refresh before its first page is in.
    model.reload();
    model.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
    QVERIFY(model.isAtStart());
    QCOMPARE(model.index(0, 0).data(PagedModel::IdRole).toString(), all.first());
    QCOMPARE(last.size(), 1);
}

void TestConsoleModels::stepListGrows()
{
    StepListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<wfo::store::StepRecord> steps;
    auto add = [&steps](const QString &name, wfo::StepStatus status) {
        wfo::store::StepRecord s;
        s.id = steps.size() + 1;
        s.index = int(steps.size());
        s.name = name;
        s.status = status;
        s.createdBy = u"tester"_s;
        s.startedAt = u"2024-05-01T10:00:00.000Z"_s;
        s.completedAt = u"2024-05-01T10:00:01.500Z"_s;
        steps.append(s);
    };
    add(u"Start"_s, wfo::StepStatus::Success);
    model.setSteps(steps, u"Second"_s);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.index(1, 0).data(StepListModel::RunningRole).toBool());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    add(u"Second"_s, wfo::StepStatus::Failed);
    model.setSteps(steps);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(reset.size(), 0); // the log only grew
    QCOMPARE(model.index(1, StepListModel::Status).data(StepListModel::RawValueRole).toString(),
             u"failed"_s);
    QCOMPARE(model.index(1, StepListModel::Status).data().toString(), u"Failed"_s);
    QCOMPARE(model.index(0, StepListModel::Duration).data(StepListModel::RawValueRole).toLongLong(),
             1500);
    model.setSteps({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestConsoleModels)
#include "tst_consolemodels.moc"
