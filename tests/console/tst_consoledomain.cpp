// The console with the domain and the Node Enrollment pack, driven as an operator: the wizard
// creates an enrollment, search finds it, its detail opens, modify runs from the Actions menu,
// and a blocked workflow is disabled with its reason.
#include "common/jsontable.h"
#include "common/startconfirmation.h"
#include "consoletestkit.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "audit/auditlistmodel.h"
#include "audit/auditview.h"
#include "processdetail/processdetailview.h"
#include "start/startcard.h"
#include "start/startpage.h"
#include "subscriptions/newsubscriptiondialog.h"
#include "subscriptions/subscriptiondetailview.h"
#include "subscriptions/subscriptionlistmodel.h"
#include "subscriptions/subscriptionspage.h"

#include "forms/widgets/formdialog.h"
#include "subscriptions/bulkstartdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace wfo::console;

class TestConsoleDomain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void wizardCreatesNodeEnrollment();
    void searchFindsIt();
    void packViewIsAStartCard();
    void detailShowsBlocksAndModifyRunsFromActions();
    void blockedWorkflowIsDisabledWithReason();
    void exportWritesEveryRow();
    void bulkStartPreviewsThenFollows();
    void bulkStartOnASelection();
    void metadataShowsWorkflowProducts();
    void packTableOnMetadata();
    void adminWorkflowIsDisabledForAnOperator();

private:
    std::unique_ptr<consoletest::Fixture> m_fixture;
    QString m_subscriptionId;
};

void TestConsoleDomain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
    m_fixture = std::make_unique<consoletest::Fixture>(true);
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
    m_fixture->window();
}

void TestConsoleDomain::cleanupTestCase()
{
    m_fixture.reset();
}

void TestConsoleDomain::wizardCreatesNodeEnrollment()
{
    MainWindow *window = m_fixture->window();
    QTest::keyClick(window, Qt::Key_N, Qt::ControlModifier);
    NewSubscriptionDialog *wizard = nullptr;
    QTRY_VERIFY((wizard = window->findChild<NewSubscriptionDialog *>(u"newSubscriptionDialog"_s)));
    QTRY_VERIFY(wizard->productList()->count() > 0);
    QVERIFY(wizard->selectProduct(u"Node Enrollment"_s));
    QTest::mouseClick(wizard->findChild<QPushButton *>(u"nextButton"_s), Qt::LeftButton);

    wfo::forms::FormDialog *form = nullptr;
    QTRY_VERIFY((form = window->findChild<wfo::forms::FormDialog *>(u"workflowFormDialog"_s))
                && form->currentPage());
    // One customer control: a new customer is simply typed.
    auto *customer = form->findChild<QComboBox *>(u"customer_id"_s);
    QVERIFY(customer && customer->isEditable());
    customer->setFocus();
    QTest::keyClicks(customer->lineEdit(), u"acme"_s);
    QCOMPARE(form->currentPage()->values().value(u"customer_id"_s).toString(), u"acme"_s);
    auto *node = form->findChild<QComboBox *>(u"select_node"_s);
    QVERIFY(node);
    node->setFocus();
    QTest::keyClick(node, Qt::Key_Down);
    QVERIFY(!node->currentData().toString().isEmpty());
    auto *role = form->findChild<QRadioButton *>(u"role_id_core"_s);
    QVERIFY(role);
    role->setFocus();
    QTest::keyClick(role, Qt::Key_Space); // the radio may sit below the scroll area's fold
    QVERIFY(role->isChecked());
    auto *next = form->findChild<QPushButton *>(u"nextButton"_s);
    QTest::mouseClick(next, Qt::LeftButton);
    QTRY_VERIFY2(form->pageIndex() == 1, // the summary
                 qPrintable(form->findChild<QLabel *>(u"formErrorSummary"_s)->text()));
    QTest::mouseClick(next, Qt::LeftButton);

    // The new process opens and runs live.
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage()->objectName(), u"processDetail"_s, 10000);
    ProcessDetailView *detail = window->processDetail();
    QTRY_COMPARE_WITH_TIMEOUT(detail->process() ? detail->process()->status
                                                : wfo::ProcessStatus::Created,
                              wfo::ProcessStatus::Completed, 15000);
    m_subscriptionId = detail->process()->state.value(u"subscription_id").toString();
    QVERIFY(!m_subscriptionId.isEmpty());
}

void TestConsoleDomain::searchFindsIt()
{
    QVERIFY(!m_subscriptionId.isEmpty());
    MainWindow *window = m_fixture->window();
    window->activateWindow(); // the wizard's dialogs had the focus
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier);
    auto *page = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    QVERIFY(page);
    QCOMPARE(window->currentPage(), page);
    QTRY_VERIFY(page->searchBox()->hasFocus());
    // The list opens on Active; the new enrollment is still provisioning.
    QCOMPARE(page->findChild<QTabBar *>(u"subscriptionTabs"_s)->currentIndex(),
             int(SubscriptionsPage::Active));
    page->setTab(SubscriptionsPage::All);
    QTest::keyClicks(page->searchBox(), u"customer:acm* tag:NodeEnrollment"_s);
    QTest::keyClick(page->searchBox(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(page->view()->model()->rowCount(), 1, 5000);
    const QModelIndex row = page->view()->model()->index(0, SubscriptionListModel::Description);
    QCOMPARE(row.data(PagedModel::IdRole).toString(), m_subscriptionId);
    page->view()->setFocus();
    page->view()->setCurrentIndex(row);
    QTest::keyClick(page->view(), Qt::Key_Return);
    QTRY_COMPARE(window->currentPage()->objectName(), u"subscriptionDetail"_s);
}

void TestConsoleDomain::packViewIsAStartCard()
{
    // The Node Enrollment pack declares "Nodes in provisioning"; the new node is there.
    QVERIFY(!m_subscriptionId.isEmpty());
    MainWindow *window = m_fixture->window();
    auto *navigation = window->findChild<QListWidget *>(u"navigation"_s);
    QVERIFY(navigation);
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {},
                      navigation->visualItemRect(navigation->item(0)).center());
    StartCard *card = window->startPage()->card(u"nodesInProvisioningCard"_s);
    QVERIFY(card);
    QCOMPARE(card->title(), u"Nodes in provisioning"_s);
    QTRY_COMPARE_WITH_TIMEOUT(card->countLabel()->text(), u"1"_s, 5000);
    QCOMPARE(card->list()->count(), 1);
    QCOMPARE(card->list()->item(0)->data(Qt::UserRole).toString(), m_subscriptionId);
}

void TestConsoleDomain::detailShowsBlocksAndModifyRunsFromActions()
{
    MainWindow *window = m_fixture->window();
    window->openSubscription(m_subscriptionId);
    auto *detail = window->findChild<SubscriptionDetailView *>(u"subscriptionDetail"_s);
    QTRY_COMPARE(detail->subscription().value(u"status").toString(), u"provisioning"_s);
    QMenu *menu = detail->actionsMenu();
    QAction *modify = menu->findChild<QAction *>(u"action_modify_node_enrollment"_s);
    QTRY_VERIFY((modify = menu->findChild<QAction *>(u"action_modify_node_enrollment"_s)));
    QVERIFY(modify->isEnabled());
    modify->trigger();
    // modify_node_enrollment has no form: it asks before it starts.
    StartConfirmation *confirmation = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (confirmation = consoletest::findTopLevel<StartConfirmation>(u"startConfirmation"_s)),
        10000);
    QTest::mouseClick(confirmation->startButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage()->objectName(), u"processDetail"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->processDetail()->process()
                                  ? window->processDetail()->process()->status
                                  : wfo::ProcessStatus::Created,
                              wfo::ProcessStatus::Completed, 15000);
    window->openSubscription(m_subscriptionId);
    QTRY_COMPARE_WITH_TIMEOUT(detail->subscription().value(u"status").toString(), u"active"_s,
                              5000);
}

void TestConsoleDomain::blockedWorkflowIsDisabledWithReason()
{
    MainWindow *window = m_fixture->window();
    window->openSubscription(m_subscriptionId);
    auto *detail = window->findChild<SubscriptionDetailView *>(u"subscriptionDetail"_s);
    QTRY_COMPARE(detail->subscription().value(u"status").toString(), u"active"_s);
    // modify_node_enrollment is usable in provisioning only: now it is blocked.
    QAction *modify = nullptr;
    QTRY_VERIFY(
        (modify = detail->actionsMenu()->findChild<QAction *>(u"action_modify_node_enrollment"_s))
        && !modify->isEnabled());
    QVERIFY2(!modify->toolTip().isEmpty(), "a blocked workflow says why");
    QCOMPARE(modify->property("reasonCode").toString(), u"subscription.no_modify_invalid_status"_s);
    QCOMPARE(modify->statusTip(), modify->toolTip()); // the keyboard path says it too
}

void TestConsoleDomain::exportWritesEveryRow()
{
    MainWindow *window = m_fixture->window();
    auto *page = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    window->showPage(MainWindow::Page::Subscriptions);
    page->searchBox()->clear();
    page->applySearch();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"subscriptions.csv"_s);
    QSignalSpy finished(page, &SubscriptionsPage::exportFinished);
    page->exportCsvTo(path);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toLongLong(), 1);
    // The page says how many rows went where.
    auto *written = page->findChild<QLabel *>(u"exportResult"_s);
    QVERIFY(written->isVisible());
    QVERIFY2(written->text().startsWith(u"1 row(s) written to"_s)
                 || written->text().startsWith(u"1 row written to"_s),
             qPrintable(written->text()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.first().startsWith("Description"));
    QVERIFY(lines.at(1).contains("active"));
}

void TestConsoleDomain::bulkStartPreviewsThenFollows()
{
    MainWindow *window = m_fixture->window();
    auto *page = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    window->showPage(MainWindow::Page::Subscriptions);
    page->searchBox()->clear();
    page->applySearch();
    page->view()->clearSelection();
    // Nothing selected: every subscription the search matches.
    QTest::mouseClick(page->findChild<QPushButton *>(u"startOnManyButton"_s), Qt::LeftButton);
    BulkStartDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<BulkStartDialog *>(u"bulkStartDialog"_s)));
    auto *workflow = dialog->findChild<QComboBox *>(u"bulkWorkflow"_s);
    auto *summary = dialog->findChild<QLabel *>(u"bulkSummary"_s);
    auto *refused = dialog->findChild<QTreeWidget *>(u"bulkRefused"_s);
    auto *start = dialog->findChild<QPushButton *>(u"bulkStartButton"_s);
    QVERIFY(workflow->findData(u"create_node_enrollment"_s) < 0); // creates run on no subscription
    // A workflow the active subscription may not run: nothing can start, and it says why.
    workflow->setCurrentIndex(workflow->findData(u"modify_node_enrollment"_s));
    QTRY_COMPARE(refused->topLevelItemCount(), 1);
    QVERIFY2(summary->text().startsWith(u"0 "_s), qPrintable(summary->text()));
    QVERIFY(!refused->topLevelItem(0)->text(1).isEmpty());
    QVERIFY(!start->isEnabled());
    // One it may run.
    workflow->setCurrentIndex(workflow->findData(u"validate_node_enrollment"_s));
    QTRY_VERIFY(start->isEnabled());
    QCOMPARE(refused->topLevelItemCount(), 0);
    QVERIFY2(summary->text().startsWith(u"1 "_s), qPrintable(summary->text()));
    QTest::mouseClick(start, Qt::LeftButton);
    // The progress follows in the background, and opens again from the screen once closed.
    QTRY_VERIFY(page->bulkProgress() && page->bulkProgress()->isVisible());
    BulkProgressDialog *progress = page->bulkProgress();
    QTRY_COMPARE_WITH_TIMEOUT(progress->atRest(), 1, 15000);
    QCOMPARE(progress->completed() + progress->failed(), 1);
    progress->hide();
    auto *again = page->findChild<QPushButton *>(u"bulkProgressButton"_s);
    QVERIFY(again->isVisible());
    QTest::mouseClick(again, Qt::LeftButton);
    QVERIFY(progress->isVisible());
    progress->hide();
}

void TestConsoleDomain::bulkStartOnASelection()
{
    MainWindow *window = m_fixture->window();
    auto *page = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    window->showPage(MainWindow::Page::Subscriptions);
    page->searchBox()->clear();
    page->applySearch();
    QAbstractItemModel *model = page->view()->model();
    QTRY_VERIFY(model->rowCount() > 0);
    const QModelIndex first = model->index(0, 0);
    const QString id = first.data(PagedModel::IdRole).toString();
    QVERIFY(!id.isEmpty());
    page->view()->clearSelection();
    page->view()->selectionModel()->select(first,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    // The list's context menu offers the selection, counted.
    emit page->view()->customContextMenuRequested(page->view()->visualRect(first).center());
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = page->findChild<QMenu *>(u"subscriptionsMenu"_s)));
    QCOMPARE(menu->actions().size(), 1);
    QAction *start = menu->actions().first();
    QVERIFY2(start->text().contains(u"1 selected"_s), qPrintable(start->text()));
    QVERIFY(start->isEnabled());
    start->trigger();
    menu->close();
    // The dialog works on the selection alone, known at once, not on what the search matches.
    BulkStartDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<BulkStartDialog *>(u"bulkStartDialog"_s))
                && dialog->isVisible());
    QCOMPARE(dialog->subscriptionIds(), QStringList {id});
    auto *workflow = dialog->findChild<QComboBox *>(u"bulkWorkflow"_s);
    workflow->setCurrentIndex(workflow->findData(u"validate_node_enrollment"_s));
    auto *summary = dialog->findChild<QLabel *>(u"bulkSummary"_s);
    QTRY_VERIFY2(summary->text().startsWith(u"1 "_s), qPrintable(summary->text()));
    dialog->reject();
}

void TestConsoleDomain::metadataShowsWorkflowProducts()
{
    MainWindow *window = m_fixture->window();
    window->showPage(MainWindow::Page::Metadata);
    auto *table = window->findChild<JsonTable *>(u"workflowsTable"_s);
    QVERIFY(table);
    auto productsOf = [table](const QString &workflow) {
        for (const QJsonValue &row : table->rows()) {
            if (row.toObject().value(u"name").toString() == workflow)
                return row.toObject().value(u"products").toString();
        }
        return QString();
    };
    QTRY_COMPARE(productsOf(u"create_node_enrollment"_s), u"Node Enrollment"_s);
    // modify_note is a default workflow: linked to every product.
    QVERIFY(productsOf(u"modify_note"_s).contains(u"Node Enrollment"_s));
    QVERIFY(productsOf(u"modify_note"_s).contains(u"Node System Service"_s));
}

void TestConsoleDomain::packTableOnMetadata()
{
    // The Node Enrollment pack's "NSO devices" tab lists the core node the wizard enrolled.
    MainWindow *window = m_fixture->window();
    window->showPage(MainWindow::Page::Metadata);
    auto *table = window->findChild<JsonTable *>(u"nsoDevicesTable"_s);
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(table->rows().size(), 1, 5000);
    const QJsonObject device = table->rows().first().toObject();
    QCOMPARE(device.value(u"role").toString(), u"core"_s);
    QVERIFY(!device.value(u"device_name").toString().isEmpty());
    QCOMPARE(table->model()->index(0, 0).data().toString(),
             device.value(u"device_name").toString());
}

void TestConsoleDomain::adminWorkflowIsDisabledForAnOperator()
{
    // Last: it makes the tester an operator. The pack says terminating needs an admin.
    QVERIFY(!m_subscriptionId.isEmpty());
    MainWindow *window = m_fixture->window();
    window->openSubscription(m_subscriptionId);
    auto *detail = window->findChild<SubscriptionDetailView *>(u"subscriptionDetail"_s);
    QTRY_COMPARE(detail->subscription().value(u"status").toString(), u"active"_s);
    QAction *terminate = nullptr;
    QTRY_VERIFY((terminate = detail->actionsMenu()->findChild<QAction *>(
                     u"action_terminate_node_enrollment"_s))
                && terminate->isEnabled()); // nobody defined: everyone is admin

    wfo::OperatorChange change;
    change.userName = u"tester"_s;
    change.role = wfo::Role::Operator;
    change.change = u"add"_s;
    QVERIFY(testsupport::await(m_fixture->engine()->saveOperator(change)).ok());
    m_fixture->context()->refreshRole();
    QTRY_VERIFY((terminate = detail->actionsMenu()->findChild<QAction *>(
                     u"action_terminate_node_enrollment"_s))
                && !terminate->isEnabled());
    QCOMPARE(terminate->toolTip(),
             wfo::refusalMessage(u"tester"_s, wfo::Role::Operator, wfo::Permission::Start,
                                 wfo::Role::Admin));
    QCOMPARE(terminate->property("reasonCode").toString(), u"permission.denied"_s);
    QCOMPARE(terminate->statusTip(), terminate->toolTip());
    // A modify stays allowed for an operator.
    QAction *note = detail->actionsMenu()->findChild<QAction *>(u"action_modify_note"_s);
    QVERIFY(note && note->isEnabled());

    // The subscription's Audit tab shows what was done to it and its processes.
    AuditView *audit = detail->auditView();
    detail->findChild<QTabWidget *>(u"subscriptionTabs"_s)->setCurrentWidget(audit);
    QTRY_VERIFY(audit->model()->rowCount() >= 2); // create and modify started
    for (int row = 0; row < audit->model()->rowCount(); ++row)
        QCOMPARE(audit->model()->row(row).value(u"action").toString(), u"start"_s);
}

QTEST_MAIN(TestConsoleDomain)
#include "tst_consoledomain.moc"
