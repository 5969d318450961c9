// What an operator meets on a Node Enrollment subscription (issue 14): a workflow without a form
// asks before it starts and shows what will run, a TERMINATE wants the description typed, a
// blocked workflow says why where the operator looks (tooltip, status bar), and an out-of-sync
// subscription names the process that left it so and offers Open, Retry and Set in sync.
#include "consoletestkit.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "common/startconfirmation.h"
#include "processdetail/processdetailview.h"
#include "processdetail/steplistmodel.h"
#include "processes/processespage.h"
#include "processes/processlistmodel.h"
#include "processes/processlistview.h"
#include "processes/taskspage.h"
#include "start/startcard.h"
#include "start/startpage.h"
#include "subscriptions/subscriptiondetailview.h"

#include "store/processrepository.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeView>
#include <QTreeWidget>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace wfo::console;

class TestConsoleUxDomain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void formlessStartShowsWhatRunsAndCancelStartsNothing();
    void formlessStartRunsAfterConfirmation();
    void terminateWantsTheDescriptionTyped();
    void outOfSyncBannerNamesTheProcessAndRetries();
    void blockedReasonsShowWhereTheOperatorLooks();
    void abortedProcessLeavesSetInSync();
    void processListsAreSearchable();
    void versionsAreColouredAndLinkToTheirStep();

private:
    SubscriptionDetailView *openDetail();
    QAction *action(SubscriptionDetailView *detail, const QString &workflow);
    StartConfirmation *trigger(SubscriptionDetailView *detail, const QString &workflow);
    // Runs `workflow` on the subscription (no form) and waits until it comes to rest.
    QString runOnSubscription(const QString &workflow, wfo::ProcessStatus *status);
    int processCount();
    // Enrolls `node` for `customer`; the id of the completed create process, else empty.
    QString enroll(const QString &customer, const QString &node);
    std::unique_ptr<consoletest::Fixture> m_fixture;
    QString m_subscriptionId;
    QString m_description;
};

void TestConsoleUxDomain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    m_fixture = std::make_unique<consoletest::Fixture>(true);
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
    m_fixture->window();
    wfo::StartRequest request;
    request.workflow = u"create_node_enrollment"_s;
    request.actor = u"tester"_s;
    request.userInputs = QJsonArray {QJsonObject {{u"customer_id"_s, u"acme"_s},
                                                  {u"select_node"_s, u"ams-rt1"_s},
                                                  {u"role_id"_s, u"core"_s}},
                                     QJsonObject {}};
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = testsupport::runToRest(*m_fixture->engine(), request, &status);
    QCOMPARE(status, wfo::ProcessStatus::Completed);
    const wfo::store::Database database(m_fixture->database().url());
    const auto process = wfo::store::ProcessRepository(database).find(id);
    QVERIFY(process);
    m_subscriptionId = process->state.value(u"subscription_id").toString();
    QVERIFY(!m_subscriptionId.isEmpty());
    database.closeThreadConnection();
}

void TestConsoleUxDomain::cleanupTestCase()
{
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    m_fixture.reset();
}

SubscriptionDetailView *TestConsoleUxDomain::openDetail()
{
    MainWindow *window = m_fixture->window();
    window->openSubscription(m_subscriptionId);
    auto *detail = window->findChild<SubscriptionDetailView *>(u"subscriptionDetail"_s);
    if (detail) {
        detail->reload();
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(!detail->subscription().isEmpty(), 5000);
        }();
        m_description = detail->subscription().value(u"description").toString();
    }
    return detail;
}

QAction *TestConsoleUxDomain::action(SubscriptionDetailView *detail, const QString &workflow)
{
    return detail->actionsMenu()->findChild<QAction *>(u"action_"_s + workflow);
}

StartConfirmation *TestConsoleUxDomain::trigger(SubscriptionDetailView *detail,
                                                const QString &workflow)
{
    QAction *a = nullptr;
    [&] {
        QTRY_VERIFY((a = action(detail, workflow)) && a->isEnabled());
    }();
    if (!a)
        return nullptr;
    a->trigger();
    StartConfirmation *confirmation = nullptr;
    [&] {
        QTRY_VERIFY(
            (confirmation = consoletest::findTopLevel<StartConfirmation>(u"startConfirmation"_s)));
    }();
    return confirmation;
}

QString TestConsoleUxDomain::runOnSubscription(const QString &workflow, wfo::ProcessStatus *status)
{
    wfo::StartRequest request;
    request.workflow = workflow;
    request.actor = u"tester"_s;
    request.initialState = QJsonObject {{u"subscription_id"_s, m_subscriptionId}};
    return testsupport::runToRest(*m_fixture->engine(), request, status);
}

QString TestConsoleUxDomain::enroll(const QString &customer, const QString &node)
{
    wfo::StartRequest request;
    request.workflow = u"create_node_enrollment"_s;
    request.actor = u"tester"_s;
    request.userInputs = QJsonArray {QJsonObject {{u"customer_id"_s, customer},
                                                  {u"select_node"_s, node},
                                                  {u"role_id"_s, u"core"_s}},
                                     QJsonObject {}};
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = testsupport::runToRest(*m_fixture->engine(), request, &status);
    return status == wfo::ProcessStatus::Completed ? id : QString();
}

int TestConsoleUxDomain::processCount()
{
    const wfo::store::Database database(m_fixture->database().url());
    wfo::store::ProcessFilter filter;
    const int count = int(wfo::store::ProcessRepository(database).list(filter).size());
    database.closeThreadConnection();
    return count;
}

void TestConsoleUxDomain::formlessStartShowsWhatRunsAndCancelStartsNothing()
{
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    const int before = processCount();
    StartConfirmation *confirmation = trigger(detail, u"modify_node_enrollment"_s);
    QVERIFY(confirmation);
    // What it runs on, its target and every step, numbered from 1.
    QCOMPARE(confirmation->findChild<QLabel *>(u"confirmSubscription"_s)->text(), m_description);
    QCOMPARE(confirmation->findChild<QLabel *>(u"confirmTarget"_s)->text(), u"Modify"_s);
    auto *steps = confirmation->findChild<QListWidget *>(u"confirmSteps"_s);
    const wfo::WorkflowPtr workflow =
        m_fixture->engine()->registry()->find(u"modify_node_enrollment"_s);
    QCOMPARE(steps->count(), int(workflow->steps().size()));
    QVERIFY(steps->item(0)->text().startsWith(u"1. "_s));
    QVERIFY(steps->findItems(u"Activate subscription"_s, Qt::MatchContains).size() == 1);
    QVERIFY(!confirmation->needsTypedConfirmation());
    QVERIFY(confirmation->startButton()->isDefault());
    QTest::mouseClick(confirmation->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!consoletest::findTopLevel<StartConfirmation>(u"startConfirmation"_s));
    QTest::qWait(300);
    QCOMPARE(processCount(), before);
    QCOMPARE(m_fixture->window()->currentPage(), detail);
}

void TestConsoleUxDomain::formlessStartRunsAfterConfirmation()
{
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    StartConfirmation *confirmation = trigger(detail, u"modify_node_enrollment"_s);
    QVERIFY(confirmation);
    QTest::keyClick(confirmation, Qt::Key_Return); // Start is the default button
    MainWindow *window = m_fixture->window();
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage()->objectName(), u"processDetail"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->processDetail()->process()
                                  ? window->processDetail()->process()->status
                                  : wfo::ProcessStatus::Created,
                              wfo::ProcessStatus::Completed, 15000);
    detail = openDetail();
    QTRY_COMPARE_WITH_TIMEOUT(detail->subscription().value(u"status").toString(), u"active"_s,
                              5000);
    m_description = detail->subscription().value(u"description").toString(); // "… Production"
    // The lifecycle is a word for people; the stored "active" stays in the model.
    QTRY_VERIFY(
        detail->findChild<QLabel *>(u"subscriptionStatus"_s)->text().contains(u">Active<"_s));

    // The start page counts the active subscriptions, and its process cards say which
    // subscription each process worked on.
    window->showPage(MainWindow::Page::Start);
    StartCard *active = window->startPage()->card(u"activeSubscriptionsCard"_s);
    QVERIFY(active);
    QTRY_COMPARE(active->countLabel()->text(), u"1"_s);
    StartCard *mine = window->startPage()->card(u"myRecentProcessesCard"_s);
    // The card may still show what it loaded before the modify; wait for the fresh rows.
    QTRY_VERIFY2(mine->list()->count() > 0 && mine->list()->item(0)->text().contains(m_description),
                 qPrintable(mine->list()->count() ? mine->list()->item(0)->text() : QString()));
    QVERIFY(mine->list()->item(0)->text().contains(u"acme"_s));

    // So do the process lists, with the customer.
    window->showPage(MainWindow::Page::Processes);
    window->processesPage()->tabs()->setCurrentIndex(1); // completed
    const QAbstractItemModel *model = window->processesPage()->completedList()->view()->model();
    int modify = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->index(row, ProcessListModel::Workflow).data().toString()
                    == "modify_node_enrollment"_L1)
                    modify = row;
            }
            return modify >= 0;
        }(),
        5000);
    QCOMPARE(model->index(modify, ProcessListModel::Subscription).data().toString(), m_description);
    QCOMPARE(model->index(modify, ProcessListModel::Customer).data().toString(), u"acme"_s);
    QCOMPARE(model->headerData(ProcessListModel::Subscription, Qt::Horizontal).toString(),
             u"Subscription"_s);
}

void TestConsoleUxDomain::terminateWantsTheDescriptionTyped()
{
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    StartConfirmation *confirmation = trigger(detail, u"terminate_node_enrollment"_s);
    QVERIFY(confirmation);
    QVERIFY(confirmation->needsTypedConfirmation());
    QCOMPARE(confirmation->findChild<QLabel *>(u"confirmTarget"_s)->text(), u"Terminate"_s);
    QPushButton *start = confirmation->startButton();
    QVERIFY(!start->isEnabled()); // Enter alone never terminates
    auto *typed = confirmation->findChild<QLineEdit *>(u"confirmTypedName"_s);
    QTRY_VERIFY(typed->hasFocus());
    QTest::keyClicks(typed, u"Node"_s);
    QVERIFY(!start->isEnabled());
    QTest::keyClick(typed, Qt::Key_Return); // refused while it does not match
    QVERIFY(confirmation->isVisible());
    typed->clear();
    QTest::keyClicks(typed, m_description);
    QVERIFY(start->isEnabled());
    QVERIFY(start->isDefault());
    // Not now: the subscription is needed below.
    QTest::mouseClick(confirmation->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!consoletest::findTopLevel<StartConfirmation>(u"startConfirmation"_s));
}

void TestConsoleUxDomain::outOfSyncBannerNamesTheProcessAndRetries()
{
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    QFrame *banner = detail->outOfSyncBanner();
    QVERIFY(banner->isHidden()); // in sync
    qputenv("NODE_ENROLLMENT_NSO_OFFLINE", "1");
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString failed = runOnSubscription(u"provision_node_enrollment"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    detail->reload();
    QTRY_VERIFY(!detail->subscription().value(u"insync").toBool(true));
    QTRY_VERIFY(banner->isVisible());
    const QString text = banner->findChild<QLabel *>(u"outOfSyncText"_s)->text();
    QVERIFY2(text.contains(u"provision_node_enrollment"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Deploy node to NSO"_s), qPrintable(text));
    auto *retry = banner->findChild<QPushButton *>(u"bannerRetryButton"_s);
    auto *setInSync = banner->findChild<QPushButton *>(u"bannerSetInSyncButton"_s);
    QVERIFY(retry->isEnabled());
    QVERIFY(!setInSync->isEnabled()); // the failed process still owns it
    QVERIFY(!setInSync->toolTip().isEmpty());

    // Open shows the process that left it so.
    QTest::mouseClick(banner->findChild<QPushButton *>(u"bannerOpenButton"_s), Qt::LeftButton);
    MainWindow *window = m_fixture->window();
    QCOMPARE(window->currentPage()->objectName(), u"processDetail"_s);
    QCOMPARE(window->processDetail()->processId(), failed);
    window->back();
    QCOMPARE(window->currentPage(), detail);

    // Retry, with NSO back, completes it and the subscription is in sync again.
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage()->objectName(), u"processDetail"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->processDetail()->process()
                                  ? window->processDetail()->process()->status
                                  : wfo::ProcessStatus::Created,
                              wfo::ProcessStatus::Completed, 15000);
    detail = openDetail();
    QTRY_VERIFY(detail->subscription().value(u"insync").toBool());
    QTRY_VERIFY(detail->outOfSyncBanner()->isHidden());
}

void TestConsoleUxDomain::blockedReasonsShowWhereTheOperatorLooks()
{
    qputenv("NODE_ENROLLMENT_NSO_OFFLINE", "1");
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    runOnSubscription(u"provision_node_enrollment"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    QTRY_VERIFY(!detail->subscription().value(u"insync").toBool(true));
    QMenu *menu = detail->actionsMenu();
    QVERIFY(menu->toolTipsVisible());
    QAction *validate = nullptr;
    QTRY_VERIFY((validate = action(detail, u"validate_node_enrollment"_s))
                && !validate->isEnabled());
    QCOMPARE(validate->property("reasonCode").toString(), u"subscription.not_in_sync"_s);
    const QString why = validate->toolTip();
    // It names the process; it does not send the operator to a validation that cannot run.
    QVERIFY2(why.contains(u"provision_node_enrollment"_s), qPrintable(why));
    QVERIFY2(!why.contains(u"validate"_s, Qt::CaseInsensitive), qPrintable(why));
    // The keyboard path: the status bar shows the same sentence while the item is highlighted.
    QCOMPARE(validate->statusTip(), why);
    // The target groups are words for people.
    QStringList sections;
    for (QAction *a : menu->actions()) {
        if (a->isSeparator())
            sections << a->text();
    }
    QVERIFY2(sections.contains(u"Validate"_s), qPrintable(sections.join(u',')));
    QVERIFY(!sections.contains(u"VALIDATE"_s));
}

void TestConsoleUxDomain::abortedProcessLeavesSetInSync()
{
    // The failed provision of the previous test is aborted: nothing owns the subscription, yet
    // it stays out of sync until an operator says it is fine.
    SubscriptionDetailView *detail = openDetail();
    QVERIFY(detail);
    QFrame *banner = detail->outOfSyncBanner();
    QTRY_VERIFY(banner->isVisible());
    const wfo::store::Database database(m_fixture->database().url());
    wfo::store::ProcessFilter filter;
    filter.statuses = {u"failed"_s};
    const auto failed = wfo::store::ProcessRepository(database).list(filter);
    database.closeThreadConnection();
    QCOMPARE(failed.size(), 1);
    QVERIFY(testsupport::await(m_fixture->engine()->abort(failed.first().id, u"tester"_s)).ok());
    detail->reload();
    auto *retry = banner->findChild<QPushButton *>(u"bannerRetryButton"_s);
    auto *setInSync = banner->findChild<QPushButton *>(u"bannerSetInSyncButton"_s);
    QTRY_VERIFY(setInSync->isEnabled());
    QVERIFY(!retry->isEnabled());
    QVERIFY(banner->findChild<QLabel *>(u"outOfSyncText"_s)->text().contains(u"Aborted"_s));
    QTest::mouseClick(setInSync, Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = consoletest::findTopLevel<QMessageBox>(u"confirmSetInSync"_s)));
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(detail->subscription().value(u"insync").toBool(), 5000);
    QTRY_VERIFY(banner->isHidden());
}

void TestConsoleUxDomain::processListsAreSearchable()
{
    // A second customer's node, so that a search has something to leave out.
    const QString globex = enroll(u"globex"_s, u"lon-rt1"_s);
    QVERIFY(!globex.isEmpty());

    MainWindow *window = m_fixture->window();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    window->showPage(MainWindow::Page::Processes);
    ProcessesPage *page = window->processesPage();
    page->tabs()->setCurrentWidget(page->completedList());
    const QAbstractItemModel *rows = page->completedList()->view()->model();
    QTRY_VERIFY(rows->rowCount() >= 2);
    // Ctrl+F on the Processes screen searches the processes, not the subscriptions.
    window->findChild<QAction *>(u"searchAction"_s)->trigger();
    auto *search = page->findChild<QLineEdit *>(u"processesSearch"_s);
    QVERIFY(search);
    QTRY_VERIFY(search->hasFocus());
    QCOMPARE(window->currentPage(), static_cast<QWidget *>(page));

    QTest::keyClicks(search, u"customer:globex"_s);
    QTRY_COMPARE(rows->rowCount(), 1);
    QCOMPARE(rows->index(0, 0).data(PagedModel::IdRole).toString(), globex);
    QCOMPARE(rows->index(0, ProcessListModel::Customer).data().toString(), u"globex"_s);

    // Words and fields together, and a negation: every row is acme's creation.
    search->clear();
    QTest::keyClicks(search, u"workflow:create* -customer:globex"_s);
    QTRY_VERIFY(rows->rowCount() >= 1
                && rows->index(0, 0).data(PagedModel::IdRole).toString() != globex);
    for (int row = 0; row < rows->rowCount(); ++row)
        QCOMPARE(rows->index(row, ProcessListModel::Customer).data().toString(), u"acme"_s);

    // A search that finds nothing says so.
    search->setText(u"customer:nobody"_s);
    auto *message = page->completedList()->findChild<QLabel *>(u"processListMessage"_s);
    QTRY_VERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"customer:nobody"_s), qPrintable(message->text()));
    QCOMPARE(rows->rowCount(), 0);
    // Clearing it lists them all again.
    search->clear();
    QTRY_VERIFY(rows->rowCount() >= 2);
    QVERIFY(!message->isVisible());

    // The Tasks screen has a search of its own.
    window->showPage(MainWindow::Page::Tasks);
    window->findChild<QAction *>(u"searchAction"_s)->trigger();
    auto *taskSearch = window->tasksPage()->findChild<QLineEdit *>(u"tasksSearch"_s);
    QVERIFY(taskSearch);
    QTRY_VERIFY(taskSearch->hasFocus());
}

void TestConsoleUxDomain::versionsAreColouredAndLinkToTheirStep()
{
    // A node of its own, made active by a modify: two versions by two processes.
    const QString created = enroll(u"initech"_s, u"ams-rt2"_s);
    QVERIFY(!created.isEmpty());
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const wfo::store::Database database(m_fixture->database().url());
    const QString subscription = wfo::store::ProcessRepository(database)
                                     .find(created)
                                     ->state.value(u"subscription_id")
                                     .toString();
    database.closeThreadConnection();
    wfo::StartRequest modify;
    modify.workflow = u"modify_node_enrollment"_s;
    modify.actor = u"tester"_s;
    modify.initialState = QJsonObject {{u"subscription_id"_s, subscription}};
    const QString modified = testsupport::runToRest(*m_fixture->engine(), modify, &status);
    QCOMPARE(status, wfo::ProcessStatus::Completed);

    MainWindow *window = m_fixture->window();
    window->openSubscription(subscription);
    auto *detail = window->findChild<SubscriptionDetailView *>(u"subscriptionDetail"_s);
    detail->reload();
    auto *diff = detail->findChild<QTextBrowser *>(u"versionDiff"_s);
    QVERIFY(diff);
    QTRY_COMPARE(detail->subscription().value(u"subscription_id").toString(), subscription);
    // The newest version against the one before: the modify's resync, coloured.
    QTRY_VERIFY(diff->toPlainText().contains(u"Resync subscription"_s));
    QVERIFY(diff->toHtml().contains(u"#dafbe1"_s, Qt::CaseInsensitive));
    QVERIFY(diff->toHtml().contains(u"#ffebe9"_s, Qt::CaseInsensitive));
    QVERIFY2(diff->toPlainText().contains(u"insync"_s), qPrintable(diff->toPlainText()));

    // Each version links to the process and step that made it.
    QList<QUrl> links;
    for (QTextBlock block = diff->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QString href = it.fragment().charFormat().anchorHref();
            if (!href.isEmpty() && !links.contains(QUrl(href)))
                links.append(QUrl(href));
        }
    }
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(1).scheme(), u"process"_s);
    QCOMPARE(links.at(1).path(), modified);
    const QString step = QUrlQuery(links.at(1)).queryItemValue(u"step"_s, QUrl::FullyDecoded);
    QVERIFY(!step.isEmpty());
    QVERIFY2(diff->toPlainText().contains(u"modify_node_enrollment"_s),
             qPrintable(diff->toPlainText()));

    // Following the link opens that process with its timeline on that step.
    emit diff->anchorClicked(links.at(1));
    ProcessDetailView *process = window->processDetail();
    QTRY_COMPARE(window->currentPage(), static_cast<QWidget *>(process));
    QCOMPARE(process->processId(), modified);
    auto *timeline = process->findChild<QTreeView *>(u"stepTimeline"_s);
    QTRY_VERIFY(timeline->currentIndex().isValid()
                && process->stepModel()->step(timeline->currentIndex().row())
                && process->stepModel()->step(timeline->currentIndex().row())->name == step);
    // The last step is not the one that saved: the view stays where the link put it.
    QVERIFY(timeline->currentIndex().row() < timeline->model()->rowCount() - 1);
}

QTEST_MAIN(TestConsoleUxDomain)
#include "tst_consoleuxdomain.moc"
