// The console's screens driven the way an operator drives them: clicks and keys on real
// widgets found by object name, an engine on a throwaway database running test workflows.
#include "consoletestkit.h"

#include "store/operatorrepository.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "consolescreens.h"
#include "metadata/metadatapage.h"
#include "processdetail/processdetailview.h"
#include "processdetail/steplistmodel.h"
#include "processes/processespage.h"
#include "processes/processlistmodel.h"
#include "processes/processlistview.h"
#include "processes/taskspage.h"
#include "settings/settingspage.h"
#include "start/startpage.h"

#include "store/processrepository.h"

#include "forms/widgets/formpagewidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace wfo::console;

class TestConsoleScreens : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void navigationShowsEveryScreen();
    void processesListShowsStartedProcess();
    void failedProcessShowsTracebackAndRetryCompletes();
    void awaitingCallbackShowsRouteAndProgress();
    void abortAsksForConfirmation();
    void inputStepResumesThroughInlineForm();
    void pauseAndResumeFromSettings();
    void startPageCountsFailedTasks();
    void retryAndAbortASelection();
    void retryAllFailedTasksAsksFirst();
    void nothingFreezesWhileAStepRuns();
    void contributedScreensAreInstalled();

private:
    MainWindow *window() { return m_fixture->window(); }
    void clickNavigation(int row);
    template<typename T>
    T *child(const QString &name)
    {
        T *found = window()->findChild<T *>(name);
        if (!found)
            qWarning("No child %s", qPrintable(name));
        return found;
    }
    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleScreens::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
}

void TestConsoleScreens::init()
{
    consoletest::failMode() = false;
    consoletest::sleepMs() = 3000;
    m_fixture = std::make_unique<consoletest::Fixture>();
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
}

void TestConsoleScreens::cleanup()
{
    m_fixture.reset();
}

void TestConsoleScreens::clickNavigation(int row)
{
    auto *navigation = child<QListWidget>(u"navigation"_s);
    QVERIFY(navigation);
    const QRect rect = navigation->visualItemRect(navigation->item(row));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
}

void TestConsoleScreens::navigationShowsEveryScreen()
{
    const QStringList pages = {u"startPage"_s, u"subscriptionsPage"_s, u"processesPage"_s,
                               u"tasksPage"_s, u"metadataPage"_s,      u"settingsPage"_s,
                               u"auditPage"_s, u"schedulesPage"_s};
    for (int row = 0; row < pages.size(); ++row) {
        clickNavigation(row);
        QCOMPARE(window()->currentPage()->objectName(), pages.at(row));
    }
    // Alt+3 goes to Processes from anywhere.
    QTest::keyClick(window(), Qt::Key_3, Qt::AltModifier);
    QCOMPARE(window()->currentPage()->objectName(), u"processesPage"_s);
    QVERIFY(window()->findChild<QLabel *>(u"engineStatus"_s)->text().contains(u"RUNNING"));
    QVERIFY(window()->findChild<QLabel *>(u"databaseStatus"_s)->text().contains(u"Database"));
}

void TestConsoleScreens::processesListShowsStartedProcess()
{
    clickNavigation(2);
    auto *tabs = child<QTabWidget>(u"processesTabs"_s);
    QVERIFY(tabs);
    tabs->setCurrentIndex(1); // Completed
    auto *view = child<QTableView>(u"processesCompletedView"_s);
    QVERIFY(view);
    QTRY_VERIFY(!view->model()->rowCount() || view->isVisible());
    const QString id = m_fixture->runToRest(u"console_quick"_s);
    QVERIFY(!id.isEmpty());
    // Live: no refresh by hand.
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 5000);
    const QModelIndex row = view->model()->index(0, ProcessListModel::Workflow);
    QCOMPARE(row.data().toString(), u"console_quick"_s);
    QCOMPARE(view->model()->index(0, ProcessListModel::CreatedBy).data().toString(), u"tester"_s);
    QCOMPARE(view->model()->index(0, ProcessListModel::Status).data(PagedModel::RawValueRole),
             QVariant(u"completed"_s));
    // Enter on the row opens the process.
    view->setFocus();
    view->setCurrentIndex(row);
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_COMPARE(window()->currentPage()->objectName(), u"processDetail"_s);
    QCOMPARE(window()->processDetail()->processId(), id);
    QTRY_COMPARE(window()->processDetail()->stepModel()->rowCount(), 5); // init, 3, done
}

void TestConsoleScreens::failedProcessShowsTracebackAndRetryCompletes()
{
    consoletest::failMode() = true;
    wfo::ProcessStatus status;
    const QString id = m_fixture->runToRest(u"console_fail"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process().has_value());
    auto *timeline = child<QTreeView>(u"stepTimeline"_s);
    // The failed step is shown and selected, with its error and the traceback.
    QTRY_COMPARE(timeline->currentIndex().data().toString(), u"Call the network"_s);
    QCOMPARE(timeline->model()
                 ->index(timeline->currentIndex().row(), StepListModel::Status)
                 .data(StepListModel::RawValueRole)
                 .toString(),
             u"failed"_s);
    QCOMPARE(timeline->model()
                 ->index(timeline->currentIndex().row(), StepListModel::Status)
                 .data()
                 .toString(),
             u"Failed"_s); // the word for people
    QVERIFY(child<QLabel>(u"stepError"_s)->text().contains(u"Simulated failure"));
    QVERIFY(child<QLabel>(u"processFailure"_s)->isVisible());
    QVERIFY(!child<QPlainTextEdit>(u"traceback"_s)->toPlainText().isEmpty());
    auto *retry = child<QPushButton>(u"retryButton"_s);
    QVERIFY(retry->isEnabled());
    // A workflow's process is history: only tasks are deleted.
    auto *remove = child<QPushButton>(u"deleteButton"_s);
    QVERIFY(!remove->isEnabled());
    QVERIFY2(remove->toolTip().contains(u"Only task processes"_s), qPrintable(remove->toolTip()));

    consoletest::failMode() = false;
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Completed, 10000);
    QTRY_VERIFY(!retry->isEnabled());
    QVERIFY(!child<QPushButton>(u"abortButton"_s)->isEnabled());
    // The failed attempt stays in the timeline, followed by the successful retry.
    QStringList statuses;
    for (int row = 0; row < timeline->model()->rowCount(); ++row)
        statuses << timeline->model()
                        ->index(row, StepListModel::Status)
                        .data(StepListModel::RawValueRole)
                        .toString();
    QVERIFY2(statuses.contains(u"failed"_s), qPrintable(statuses.join(u',')));
    QCOMPARE(statuses.last(), u"complete"_s);
    // The old failed attempt is no longer the one shown: a completed process shows no error.
    QTRY_COMPARE(timeline->currentIndex().row(), timeline->model()->rowCount() - 1);
    QVERIFY(child<QLabel>(u"stepError"_s)->isHidden());
}

void TestConsoleScreens::awaitingCallbackShowsRouteAndProgress()
{
    wfo::ProcessStatus status;
    const QString id = m_fixture->runToRest(u"console_callback"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::AwaitingCallback);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->process().has_value());
    const QString route = detail->process()->state.value(u"callback_route").toString();
    QVERIFY(route.startsWith(u"/api/processes/%1/callback/"_s.arg(id)));
    auto *callback = child<QLabel>(u"processCallback"_s);
    QTRY_VERIFY(callback->isVisible());
    QVERIFY2(callback->text().contains(route), qPrintable(callback->text()));
    QVERIFY(callback->text().contains(u"none reported yet"_s));
    QVERIFY(!callback->text().contains(u"none: it waits"_s)); // it has a deadline
    // Retry is not what goes on with it; abort is.
    auto *retry = child<QPushButton>(u"retryButton"_s);
    QVERIFY(!retry->isEnabled());
    QVERIFY2(retry->toolTip().contains(u"callback"_s), qPrintable(retry->toolTip()));
    QVERIFY(child<QPushButton>(u"abortButton"_s)->isEnabled());

    // Progress shows up live; the callback lets it complete and the panel goes.
    wfo::CallbackRequest request;
    request.token = route.section(u'/', -1);
    request.body = u"copying image"_s;
    request.actor.origin = u"rest"_s;
    QVERIFY(testsupport::await(m_fixture->engine()->callbackProgress(id, request)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(callback->text().contains(u"copying image"_s), 10000);
    request.body = QJsonObject {{u"done"_s, true}};
    QVERIFY(testsupport::await(m_fixture->engine()->callback(id, request)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Completed, 10000);
    QTRY_VERIFY(!callback->isVisible());
}

void TestConsoleScreens::abortAsksForConfirmation()
{
    wfo::ProcessStatus status;
    const QString id = m_fixture->runToRest(u"console_input"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Suspended);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    auto *abort = child<QPushButton>(u"abortButton"_s);
    QTRY_VERIFY(abort->isEnabled());

    QTest::mouseClick(abort, Qt::LeftButton);
    auto *box = detail->findChild<QMessageBox *>(u"confirmAbort"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTest::qWait(300);
    QCOMPARE(detail->process()->status, wfo::ProcessStatus::Suspended); // nothing happened

    // The keyboard shortcut asks too; this time the operator confirms.
    QTRY_VERIFY(!detail->findChild<QMessageBox *>(u"confirmAbort"_s)); // closed and gone
    window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window()));
    QTest::keyClick(window(), Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY((box = detail->findChild<QMessageBox *>(u"confirmAbort"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Aborted, 10000);
    QTRY_VERIFY(!abort->isEnabled());
}

void TestConsoleScreens::inputStepResumesThroughInlineForm()
{
    wfo::ProcessStatus status;
    const QString id = m_fixture->runToRest(u"console_input"_s, &status);
    QCOMPARE(status, wfo::ProcessStatus::Suspended);
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    QTRY_VERIFY(detail->findChild<wfo::forms::FormPageWidget *>(u"inputStepForm"_s));
    auto *form = detail->findChild<wfo::forms::FormPageWidget *>(u"inputStepForm"_s);
    QTRY_VERIFY(form->isVisible());
    auto *name = form->findChild<QLineEdit *>(u"name"_s);
    QVERIFY(name);
    auto *resume = child<QPushButton>(u"resumeWithInputButton"_s);

    // Too short: the error shows under the field, the process still waits.
    QTest::keyClicks(name, u"A"_s);
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_VERIFY(!form->errorText(u"name"_s).isEmpty());
    QCOMPARE(detail->process()->status, wfo::ProcessStatus::Suspended);

    QTest::keyClicks(name, u"da"_s);
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Completed, 10000);
    QCOMPARE(detail->process()->state.value(u"greeting").toString(), u"Hello Ada"_s);
}

void TestConsoleScreens::pauseAndResumeFromSettings()
{
    clickNavigation(5);
    auto *pause = child<QPushButton>(u"pauseEngineButton"_s);
    auto *label = child<QLabel>(u"engineStateLabel"_s);
    QVERIFY(label->text().contains(u"RUNNING"));
    QTest::mouseClick(pause, Qt::LeftButton);
    // Pausing asks first.
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = consoletest::findTopLevel<QMessageBox>(u"confirmPause"_s)));
    QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_fixture->engine()->state(), wfo::EngineState::Paused);
    QTRY_VERIFY(label->text().contains(u"PAUSED"));
    QTRY_VERIFY(window()->findChild<QLabel *>(u"engineStatus"_s)->text().contains(u"PAUSED"));

    // While paused a new process waits.
    const QString id = m_fixture->start(u"console_quick"_s);
    QVERIFY(!id.isEmpty());
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(m_fixture->engine()->state(), wfo::EngineState::Running);
    QTRY_VERIFY(label->text().contains(u"RUNNING"));
    const wfo::store::Database database(m_fixture->database().url());
    QTRY_COMPARE_WITH_TIMEOUT(wfo::store::ProcessRepository(database).find(id)->status,
                              wfo::ProcessStatus::Completed, 10000);
    database.closeThreadConnection();
}

void TestConsoleScreens::startPageCountsFailedTasks()
{
    consoletest::failMode() = true;
    m_fixture->runToRest(u"console_task"_s);
    m_fixture->runToRest(u"console_task"_s);
    clickNavigation(0);
    StartCard *card = window()->startPage()->card(u"failedTasksCard"_s);
    QVERIFY(card);
    QTRY_COMPARE(card->countLabel()->text(), u"2"_s);
    QCOMPARE(card->list()->count(), 2);
    // A row opens its process.
    card->list()->setCurrentRow(0);
    emit card->list()->itemActivated(card->list()->item(0));
    QCOMPARE(window()->currentPage()->objectName(), u"processDetail"_s);
    window()->back();
    QCOMPARE(window()->currentPage()->objectName(), u"startPage"_s);
    // Its link shows the full list.
    QTest::mouseClick(card->findChild<QLabel *>(u"cardLink"_s), Qt::LeftButton, {}, QPoint(5, 5));
    QTRY_COMPARE(window()->currentPage()->objectName(), u"tasksPage"_s);
}

void TestConsoleScreens::retryAllFailedTasksAsksFirst()
{
    consoletest::failMode() = true;
    const QString a = m_fixture->runToRest(u"console_task"_s);
    const QString b = m_fixture->runToRest(u"console_task"_s);
    consoletest::failMode() = false;
    clickNavigation(3);
    QTest::mouseClick(child<QPushButton>(u"retryAllFailedButton"_s), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox *>(u"confirmRetryAll"_s)));
    QVERIFY(box->text().contains(u"2"));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    const wfo::store::Database database(m_fixture->database().url());
    auto status = [&database](const QString &id) {
        return wfo::store::ProcessRepository(database).find(id)->status;
    };
    QTRY_COMPARE_WITH_TIMEOUT(status(a), wfo::ProcessStatus::Completed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(status(b), wfo::ProcessStatus::Completed, 10000);
    // One audited bulk action lists both, instead of one row per process.
    wfo::store::AuditFilter filter;
    filter.actor = window()->context()->actor();
    int bulkRows = 0;
    for (const wfo::store::AuditRecord &row :
         wfo::store::OperatorRepository(database).auditTrail(filter)) {
        if (row.targetKind == u"bulk"_s) {
            ++bulkRows;
            const QByteArray detail = QJsonDocument(row.detail).toJson();
            QVERIFY(detail.contains(a.toUtf8()) && detail.contains(b.toUtf8()));
        } else if (row.action == u"resume"_s)
            QVERIFY(row.targetId != a && row.targetId != b);
    }
    QCOMPARE(bulkRows, 1);
    database.closeThreadConnection();
}

void TestConsoleScreens::retryAndAbortASelection()
{
    consoletest::failMode() = true;
    const QString a = m_fixture->runToRest(u"console_task"_s);
    const QString b = m_fixture->runToRest(u"console_task"_s);
    const QString c = m_fixture->runToRest(u"console_task"_s);
    consoletest::failMode() = false;
    window()->showPage(MainWindow::Page::Tasks);
    ProcessListView *list = window()->tasksPage()->activeList();
    QVERIFY(list);
    QTRY_VERIFY(list->model()->rowCount() >= 3);
    QAbstractItemModel *model = list->view()->model();
    auto rowOf = [model](const QString &id) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, 0).data(PagedModel::IdRole).toString() == id)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY(rowOf(a) >= 0 && rowOf(b) >= 0 && rowOf(c) >= 0);
    auto select = [&](const QStringList &ids) {
        list->view()->clearSelection();
        for (const QString &id : ids)
            list->view()->selectionModel()->select(model->index(rowOf(id), 0),
                                                   QItemSelectionModel::Select
                                                       | QItemSelectionModel::Rows);
    };
    // The selection bar's button says how many are selected and offers the bulk actions.
    auto *button = list->findChild<QPushButton *>(u"selectionButton"_s);
    QVERIFY(button);
    select({a});
    QVERIFY(!button->isEnabled());
    QVERIFY(!button->toolTip().isEmpty());
    // Two selected: the menu acts on both, as one action.
    select({a, b});
    QVERIFY(button->isEnabled());
    QVERIFY2(button->text().contains(u"2"_s), qPrintable(button->text()));
    QVERIFY(button->menu() && button->menu()->findChild<QAction *>(u"retrySelectionAction"_s));
    std::unique_ptr<QMenu> menu(list->createContextMenu(model->index(rowOf(a), 0)));
    QCOMPARE(menu->objectName(), u"selectionMenu"_s);
    QAction *retry = menu->findChild<QAction *>(u"retrySelectionAction"_s);
    QVERIFY(retry && retry->isEnabled());
    QVERIFY(retry->text().contains(u"2"_s));
    // Hidden (as behind another tab), the list keeps the rows the operator saw: `a` stays on it
    // after it completes, which the abort below needs. Shown, the list would drop it at the
    // first change it hears of, sooner or later depending on the machine's load.
    list->hide();
    retry->trigger();
    const wfo::store::Database database(m_fixture->database().url());
    auto status = [&database](const QString &id) {
        return wfo::store::ProcessRepository(database).find(id)->status;
    };
    QTRY_COMPARE_WITH_TIMEOUT(status(a), wfo::ProcessStatus::Completed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(status(b), wfo::ProcessStatus::Completed, 10000);
    QCOMPARE(status(c), wfo::ProcessStatus::Failed);

    // Abort a selection asks first; a completed one in it is refused with why.
    QVERIFY(rowOf(a) >= 0 && rowOf(c) >= 0);
    select({a, c});
    QAction *abort = button->menu()->findChild<QAction *>(u"abortSelectionAction"_s);
    QVERIFY(abort && abort->isEnabled());
    abort->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window()->findChild<QMessageBox *>(u"confirmAbortSelection"_s)));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status(c), wfo::ProcessStatus::Aborted, 10000);
    QCOMPARE(status(a), wfo::ProcessStatus::Completed);
    QMessageBox *refused = nullptr;
    QTRY_VERIFY((refused = window()->findChild<QMessageBox *>(u"errorMessage"_s)));
    QVERIFY2(refused->text().contains(a.left(8)), qPrintable(refused->text()));
    refused->close();
    database.closeThreadConnection();
}

void TestConsoleScreens::nothingFreezesWhileAStepRuns()
{
    consoletest::sleepMs() = 3000;
    clickNavigation(2);
    const QString id = m_fixture->start(u"console_sleep"_s);
    window()->openProcess(id);
    // The first snapshot may still say "created": the engine claims it a moment later.
    QTRY_VERIFY(window()->processDetail()->process().has_value()
                && window()->processDetail()->process()->status == wfo::ProcessStatus::Running);
    // A timer on the GUI thread must keep firing on time while the step sleeps and every view
    // refreshes.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worstGap = 0;
    int ticks = 0;
    QTimer timer;
    timer.setInterval(20);
    connect(&timer, &QTimer::timeout, &timer, [&] {
        const qint64 now = clock.elapsed();
        worstGap = qMax(worstGap, now - last);
        last = now;
        ++ticks;
    });
    timer.start();
    while (clock.elapsed() < 2500) {
        window()->refresh();
        QTest::qWait(50);
    }
    timer.stop();
    QVERIFY2(worstGap < 250, qPrintable(u"GUI blocked for %1 ms"_s.arg(worstGap)));
    QVERIFY(ticks > 50);
    QVERIFY(child<QWidget>(u"processActivity"_s)->isVisible()); // the running step shows activity
    QCOMPARE(testsupport::waitStopped(*m_fixture->engine(), id), wfo::ProcessStatus::Completed);
}

void TestConsoleScreens::contributedScreensAreInstalled()
{
    // What a part of the console contributes reaches the window through ConsoleScreens only.
    ConsoleScreens screens;
    auto *page = new QLabel(u"contributed list"_s);
    page->setObjectName(u"subscriptionsPage"_s);
    auto *detail = new QLabel;
    detail->setObjectName(u"contributedDetail"_s);
    QStringList opened;
    int searches = 0;
    int wizards = 0;
    screens.setSubscriptions({page, detail,
                              [detail, &opened](const QString &id) {
                                  opened.append(id);
                                  detail->setText(id);
                              },
                              [&searches] { ++searches; },
                              [&wizards](QWidget *) {
                                  ++wizards;
                              }});
    screens.addStartCard({u"contributedCard"_s, u"Contributed"_s, u"All of them"_s,
                          [](const wfo::store::Database &) {
                              wfo::queries::StartCardSnapshot snapshot;
                              snapshot.count = 7;
                              snapshot.items.append(
                                  {wfo::queries::StartCardItem::Kind::Subscription, u"sub-1"_s,
                                   u"A subscription"_s, u"active"_s, false, QString(), QString(),
                                   QString(), QString()});
                              return snapshot;
                          },
                          u"subscriptions"_s});
    screens.addMetadataTable({u"contributedTable"_s,
                              u"Contributed table"_s,
                              {{u"name"_s, u"Name"_s}},
                              [](const wfo::store::Database &) {
                                  return QJsonArray {QJsonObject {{u"name"_s, u"row one"_s}}};
                              }});
    window()->install(screens);

    clickNavigation(0);
    StartCard *card = window()->startPage()->card(u"contributedCard"_s);
    QVERIFY(card);
    QTRY_COMPARE(card->countLabel()->text(), u"7"_s);
    QCOMPARE(card->list()->count(), 1);
    // The card's row opens the subscription in the contributed detail.
    emit card->list()->itemActivated(card->list()->item(0));
    QCOMPARE(opened, QStringList {u"sub-1"_s});
    QCOMPARE(window()->currentPage(), detail);
    window()->back();
    QCOMPARE(window()->currentPage()->objectName(), u"startPage"_s);

    clickNavigation(1);
    QCOMPARE(window()->currentPage(), page);
    window()->focusSearch();
    QCOMPARE(searches, 1);
    window()->newSubscription();
    QCOMPARE(wizards, 1);

    clickNavigation(4);
    auto *table = window()->findChild<JsonTable *>(u"contributedTable"_s);
    QVERIFY(table);
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), u"row one"_s);
}

QTEST_MAIN(TestConsoleScreens)
#include "tst_consolescreens.moc"
