// Operators, roles and the audit trail in the console, driven as an operator drives them:
// actions a role may not take are disabled with the reason; reset and skip ask first and then
// show in the step timeline and on the Audit screen; an admin adds operators on Settings.
#include "consoletestkit.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "audit/auditlistmodel.h"
#include "audit/auditview.h"
#include "processdetail/processdetailview.h"
#include "processdetail/stepactiondialogs.h"
#include "processdetail/steplistmodel.h"
#include "processes/processespage.h"
#include "processes/processlistmodel.h"
#include "processes/processlistview.h"
#include "processes/taskspage.h"
#include "settings/apipanel.h"
#include "settings/operatorspanel.h"
#include "settings/settingspage.h"

#include "base/permissions.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEventLoop>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace wfo::console;
using wfo::Permission;
using wfo::Role;

class TestConsoleOperators : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void actorComesFromWfoUser();
    void viewerSeesWhyActionsAreDisabled();
    void operatorMayRetryButNotSkip();
    void resetConfirmsThenShowsRewoundStepsAndAudit();
    void skipNeedsAReasonThenShowsIt();
    void operatorsPanelAddsAnOperator();
    void settingsServeTheApi();

private:
    MainWindow *window() { return m_fixture->window(); }
    void setRole(const QString &user, Role role);
    QString failedProcess();
    ProcessDetailView *openProcess(const QString &id);
    // The rows of the Audit screen once one with `action` on `target` is there.
    QJsonObject auditRow(const QString &action, const QString &target);
    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleOperators::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
}

void TestConsoleOperators::init()
{
    consoletest::failMode() = false;
    m_fixture = std::make_unique<consoletest::Fixture>();
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
}

void TestConsoleOperators::cleanup()
{
    m_fixture.reset();
    consoletest::failMode() = false;
}

void TestConsoleOperators::setRole(const QString &user, Role role)
{
    wfo::OperatorChange change;
    change.userName = user;
    change.role = role;
    change.enabled = true;
    change.change = u"add"_s; // by the system, which is always admin
    const wfo::ActionResult result = testsupport::await(m_fixture->engine()->saveOperator(change));
    QVERIFY2(result.ok(), qPrintable(result.message));
    m_fixture->context()->refreshRole();
    QTRY_VERIFY(m_fixture->context()->isRoleKnown() && m_fixture->context()->role() == role);
}

QString TestConsoleOperators::failedProcess()
{
    consoletest::failMode() = true;
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString id = m_fixture->runToRest(u"console_fail"_s, &status);
    if (status != wfo::ProcessStatus::Failed)
        qWarning("console_fail did not fail");
    return id;
}

ProcessDetailView *TestConsoleOperators::openProcess(const QString &id)
{
    window()->openProcess(id);
    ProcessDetailView *detail = window()->processDetail();
    if (!QTest::qWaitFor([detail] { return detail->process().has_value(); }, 10000))
        qWarning("process %s did not load", qPrintable(id));
    return detail;
}

QJsonObject TestConsoleOperators::auditRow(const QString &action, const QString &target)
{
    window()->showPage(MainWindow::Page::Audit);
    AuditView *audit = window()->auditPage();
    QJsonObject found;
    const bool seen = QTest::qWaitFor(
        [&] {
            audit->refresh();
            QTest::qWait(100);
            for (int row = 0; row < audit->model()->rowCount(); ++row) {
                const QJsonObject r = audit->model()->row(row);
                if (r.value(u"action").toString() == action
                    && r.value(u"target_id").toString() == target) {
                    found = r;
                    return true;
                }
            }
            return false;
        },
        10000);
    if (!seen)
        qWarning("no audit row %s on %s", qPrintable(action), qPrintable(target));
    return found;
}

void TestConsoleOperators::actorComesFromWfoUser()
{
    qputenv("WFO_USER", "wfo-user-override");
    QCOMPARE(ConsoleContext::defaultActor(), u"wfo-user-override"_s);
    qunsetenv("WFO_USER");
    QVERIFY(ConsoleContext::defaultActor() != u"wfo-user-override"_s);
}

void TestConsoleOperators::viewerSeesWhyActionsAreDisabled()
{
    const QString id = failedProcess();
    QVERIFY(!id.isEmpty());
    setRole(u"tester"_s, Role::Viewer);
    const auto refusal = [](Permission permission, Role needed = Role::Viewer) {
        return wfo::refusalMessage(u"tester"_s, Role::Viewer, permission, needed);
    };

    // The process detail: every action disabled, the reason as tooltip and description.
    ProcessDetailView *detail = openProcess(id);
    QVERIFY(detail->process());
    const QList<std::pair<QString, QString>> buttons = {
        {u"retryButton"_s, refusal(Permission::Resume, Role::Operator)},
        {u"resetButton"_s, refusal(Permission::Reset, Role::Operator)},
        {u"skipButton"_s, refusal(Permission::Skip, Role::Operator)},
        {u"abortButton"_s, refusal(Permission::Abort)},
        {u"deleteButton"_s, refusal(Permission::DeleteTask)},
    };
    for (const auto &[name, reason] : buttons) {
        auto *button = detail->findChild<QPushButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QTRY_VERIFY2(!button->isEnabled(), qPrintable(name));
        QCOMPARE(button->toolTip(), reason);
        QCOMPARE(button->accessibleDescription(), reason);
        QVERIFY(reason.contains(wfo::displayName(Role::Viewer)));
    }
    // The timeline's menu says the same.
    std::unique_ptr<QMenu> timelineMenu(detail->createTimelineMenu(1));
    auto *resetHere = timelineMenu->findChild<QAction *>(u"resetToThisStepAction"_s);
    QVERIFY(resetHere);
    QVERIFY(!resetHere->isEnabled());
    QCOMPARE(resetHere->toolTip(), refusal(Permission::Reset, Role::Operator));

    // The processes list's context menu.
    window()->showPage(MainWindow::Page::Processes);
    ProcessListView *list = window()->processesPage()->activeList();
    QTRY_VERIFY(list->model()->rowCount() >= 1);
    std::unique_ptr<QMenu> listMenu(list->createContextMenu(list->view()->model()->index(0, 0)));
    auto *retry = listMenu->findChild<QAction *>(u"retryProcessAction"_s);
    QVERIFY(retry && !retry->isEnabled());
    QCOMPARE(retry->toolTip(), refusal(Permission::Resume, Role::Operator));
    auto *remove = listMenu->findChild<QAction *>(u"deleteProcessAction"_s);
    QVERIFY(remove && !remove->isEnabled());
    QCOMPARE(remove->toolTip(), refusal(Permission::DeleteTask));

    // The tasks page, the engine's pause and the operators.
    window()->showPage(MainWindow::Page::Tasks);
    auto *runTask = window()->tasksPage()->findChild<QPushButton *>(u"runTaskButton"_s);
    QVERIFY(!runTask->isEnabled());
    QCOMPARE(runTask->toolTip(), refusal(Permission::Start));
    window()->showPage(MainWindow::Page::Settings);
    auto *pause = window()->findChild<QPushButton *>(u"pauseEngineButton"_s);
    QVERIFY(!pause->isEnabled());
    QCOMPARE(pause->toolTip(), refusal(Permission::PauseEngine));
    auto *pauseAction = window()->findChild<QAction *>(u"pauseEngineAction"_s);
    QVERIFY(!pauseAction->isEnabled());
    QCOMPARE(pauseAction->toolTip(), refusal(Permission::PauseEngine));
    OperatorsPanel *operators = window()->settingsPage()->operatorsPanel();
    QTRY_COMPARE(operators->table()->topLevelItemCount(), 1);
    auto *add = operators->findChild<QPushButton *>(u"addOperatorButton"_s);
    QVERIFY(!add->isEnabled());
    QCOMPARE(add->toolTip(), refusal(Permission::ManageOperators));
    QVERIFY(operators->findChild<QLabel *>(u"operatorsNotice"_s)
                ->text()
                .contains(refusal(Permission::ManageOperators)));

    // An admin elsewhere makes the tester an operator: the console follows without a restart.
    wfo::OperatorChange promote;
    promote.userName = u"tester"_s;
    promote.role = Role::Operator;
    promote.change = u"set"_s;
    QVERIFY(testsupport::await(m_fixture->engine()->saveOperator(promote)).ok());
    window()->openProcess(id);
    QTRY_VERIFY_WITH_TIMEOUT(detail->findChild<QPushButton *>(u"retryButton"_s)->isEnabled(), 8000);
    QCOMPARE(detail->findChild<QPushButton *>(u"retryButton"_s)->toolTip(),
             u"Run the failed step again (Ctrl+R)"_s); // its own tooltip is back
}

void TestConsoleOperators::operatorMayRetryButNotSkip()
{
    const QString id = failedProcess();
    setRole(u"tester"_s, Role::Operator);
    ProcessDetailView *detail = openProcess(id);
    auto *retry = detail->findChild<QPushButton *>(u"retryButton"_s);
    auto *reset = detail->findChild<QPushButton *>(u"resetButton"_s);
    auto *skip = detail->findChild<QPushButton *>(u"skipButton"_s);
    QTRY_VERIFY(retry->isEnabled());
    QVERIFY(reset->isEnabled());
    QVERIFY(!skip->isEnabled());
    QCOMPARE(skip->toolTip(),
             wfo::refusalMessage(u"tester"_s, Role::Operator, Permission::Skip, Role::Operator));
    // Abort needs no admin; deleting does.
    QVERIFY(detail->findChild<QPushButton *>(u"abortButton"_s)->isEnabled());
    QVERIFY(!detail->findChild<QPushButton *>(u"deleteButton"_s)->isEnabled());
}

void TestConsoleOperators::resetConfirmsThenShowsRewoundStepsAndAudit()
{
    const QString id = failedProcess();
    ProcessDetailView *detail = openProcess(id);
    auto *reset = detail->findChild<QPushButton *>(u"resetButton"_s);
    QTRY_VERIFY(reset->isEnabled());
    // init, Prepare, Call the network (failed)
    QCOMPARE(detail->stepModel()->rowCount(), 3);

    // Cancelling changes nothing.
    QTest::mouseClick(reset, Qt::LeftButton);
    ResetDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = detail->findChild<ResetDialog *>(u"resetDialog"_s)));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!detail->findChild<ResetDialog *>(u"resetDialog"_s));
    QCOMPARE(detail->process()->status, wfo::ProcessStatus::Failed);

    // From the timeline: reset to "Prepare"; the warning names the steps it rewinds.
    auto *timeline = detail->findChild<QTreeView *>(u"stepTimeline"_s);
    QCOMPARE(timeline->model()->index(1, StepListModel::Name).data().toString(), u"Prepare"_s);
    std::unique_ptr<QMenu> menu(detail->createTimelineMenu(1));
    auto *resetHere = menu->findChild<QAction *>(u"resetToThisStepAction"_s);
    QVERIFY(resetHere && resetHere->isEnabled());
    resetHere->trigger();
    QTRY_VERIFY((dialog = detail->findChild<ResetDialog *>(u"resetDialog"_s)));
    QCOMPARE(dialog->chosenStep(), 1);
    const QString warning = dialog->warning()->text();
    QVERIFY2(warning.contains(u"not undone"), qPrintable(warning));
    QVERIFY2(warning.contains(u"Prepare (success)"), qPrintable(warning));
    QVERIFY2(warning.contains(u"Call the network (failed)"), qPrintable(warning));
    QVERIFY2(!warning.contains(u"init ("), qPrintable(warning));
    consoletest::failMode() = false;
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);

    // It runs again from Prepare and completes; the rewound rows stay, marked.
    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Completed, 10000);
    QTRY_COMPARE(detail->stepModel()->rowCount(), 6); // 3 + Prepare, Call the network, done
    QStringList rewound;
    for (int row = 0; row < detail->stepModel()->rowCount(); ++row) {
        const QModelIndex name = detail->stepModel()->index(row, StepListModel::Name);
        if (!name.data(StepListModel::RewoundRole).toBool())
            continue;
        rewound << name.data().toString();
        QVERIFY(name.data(Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"Rewound"));
        QCOMPARE(detail->stepModel()->index(row, StepListModel::Note).data().toString(),
                 u"⟲ rewound"_s);
    }
    QCOMPARE(rewound, (QStringList {u"Prepare"_s, u"Call the network"_s}));
    QVERIFY(!detail->stepModel()->index(0, 0).data(StepListModel::RewoundRole).toBool());
    auto *outcome = detail->findChild<QLabel *>(u"processOutcome"_s);
    QVERIFY(outcome->isVisible());
    QVERIFY2(outcome->text().contains(u"Prepare"), qPrintable(outcome->text()));

    // The process's Audit tab and the Audit screen show the reset.
    AuditView *tab = detail->auditView();
    detail->findChild<QTabWidget *>(u"processTabs"_s)->setCurrentWidget(tab);
    QTRY_VERIFY([tab] {
        for (int row = 0; row < tab->model()->rowCount(); ++row)
            if (tab->model()->row(row).value(u"action").toString() == u"reset")
                return true;
        return false;
    }());
    const QJsonObject row = auditRow(u"reset"_s, id);
    QVERIFY2(!row.isEmpty(), "the reset is on the Audit screen");
    QCOMPARE(row.value(u"actor").toString(), u"tester"_s);
    QCOMPARE(row.value(u"origin").toString(), u"console"_s);
    QVERIFY(row.value(u"allowed").toBool());
    QCOMPARE(row.value(u"detail").toObject().value(u"to_step_name").toString(), u"Prepare"_s);
    // Filtered on the action, only resets remain.
    AuditView *audit = window()->auditPage();
    auto *action = audit->findChild<QComboBox *>(u"auditAction"_s);
    action->setCurrentIndex(action->findData(u"reset"_s));
    QTRY_COMPARE(audit->model()->rowCount(), 1);
    QCOMPARE(audit->model()->row(0).value(u"action").toString(), u"reset"_s);
}

void TestConsoleOperators::skipNeedsAReasonThenShowsIt()
{
    const QString id = failedProcess();
    ProcessDetailView *detail = openProcess(id);
    auto *skip = detail->findChild<QPushButton *>(u"skipButton"_s);
    QTRY_VERIFY(skip->isEnabled());
    QTest::mouseClick(skip, Qt::LeftButton);
    SkipDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = detail->findChild<SkipDialog *>(u"skipDialog"_s)));
    auto *confirm = dialog->findChild<QPushButton *>(u"confirmButton"_s);
    QVERIFY(!confirm->isEnabled()); // no reason yet
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"skipReason"_s), u"   "_s);
    QVERIFY(!confirm->isEnabled()); // blanks are no reason
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"skipReason"_s),
                     u"Network checked by hand"_s);
    QVERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(detail->process()->status, wfo::ProcessStatus::Completed, 10000);
    QTRY_COMPARE(detail->stepModel()->rowCount(), 5); // init, Prepare, failed, skipped, done
    int skipped = -1;
    for (int row = 0; row < detail->stepModel()->rowCount(); ++row) {
        if (detail->stepModel()
                ->index(row, StepListModel::Status)
                .data(StepListModel::RawValueRole)
                .toString()
            == u"skipped")
            skipped = row;
    }
    QVERIFY(skipped >= 0);
    QCOMPARE(detail->stepModel()->index(skipped, StepListModel::Name).data().toString(),
             u"Call the network"_s);
    QCOMPARE(detail->stepModel()->index(skipped, StepListModel::Note).data().toString(),
             u"Skipped: Network checked by hand"_s);
    QVERIFY(detail->stepModel()
                ->index(skipped, StepListModel::Name)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Skipped by tester: Network checked by hand"));
    const QJsonObject row = auditRow(u"skip"_s, id);
    QVERIFY2(!row.isEmpty(), "the skip is on the Audit screen");
    QCOMPARE(row.value(u"detail").toObject().value(u"reason").toString(),
             u"Network checked by hand"_s);
}

void TestConsoleOperators::operatorsPanelAddsAnOperator()
{
    window()->showPage(MainWindow::Page::Settings);
    OperatorsPanel *panel = window()->settingsPage()->operatorsPanel();
    auto *add = panel->findChild<QPushButton *>(u"addOperatorButton"_s);
    QTRY_VERIFY(add->isEnabled()); // nobody defined: everyone is admin
    QVERIFY(panel->findChild<QLabel *>(u"operatorsNotice"_s)->isVisible());

    // The first operator: the dialog offers the operator themselves as admin.
    QTest::mouseClick(add, Qt::LeftButton);
    OperatorDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = panel->findChild<OperatorDialog *>(u"operatorDialog"_s)));
    QCOMPARE(dialog->userName(), u"tester"_s);
    QCOMPARE(dialog->role(), u"admin"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_COMPARE(panel->table()->topLevelItemCount(), 1);

    // Then a viewer.
    QTRY_VERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_VERIFY((dialog = panel->findChild<OperatorDialog *>(u"operatorDialog"_s)));
    auto *user = dialog->findChild<QLineEdit *>(u"operatorUserName"_s);
    auto *confirm = dialog->findChild<QPushButton *>(u"confirmButton"_s);
    QVERIFY(user->text().isEmpty());
    QVERIFY(!confirm->isEnabled());
    QTest::keyClicks(user, u"alice"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"operatorDisplayName"_s), u"Alice A."_s);
    auto *role = dialog->findChild<QComboBox *>(u"operatorRole"_s);
    role->setCurrentIndex(role->findData(u"viewer"_s));
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE(panel->table()->topLevelItemCount(), 2);
    QStringList users;
    for (int i = 0; i < panel->table()->topLevelItemCount(); ++i)
        users << panel->table()->topLevelItem(i)->text(0);
    QVERIFY2(users.contains(u"alice"_s), qPrintable(users.join(u',')));
    QCOMPARE(m_fixture->context()->role(), std::optional<Role>(Role::Admin));
    const QJsonObject row = auditRow(u"manage_operators"_s, u"alice"_s);
    QVERIFY2(!row.isEmpty(), "adding an operator is audited");
    QCOMPARE(row.value(u"detail").toObject().value(u"role").toString(), u"viewer"_s);

    // Disabling oneself asks first; cancelled, nothing changes.
    window()->showPage(MainWindow::Page::Settings);
    for (int i = 0; i < panel->table()->topLevelItemCount(); ++i) {
        if (panel->table()->topLevelItem(i)->text(0) == u"tester")
            panel->table()->setCurrentItem(panel->table()->topLevelItem(i));
    }
    auto *toggle = panel->findChild<QPushButton *>(u"toggleOperatorButton"_s);
    QTRY_VERIFY(toggle->isEnabled());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = panel->findChild<QMessageBox *>(u"confirmOwnRole"_s)));
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTest::qWait(300);
    QCOMPARE(m_fixture->context()->role(), std::optional<Role>(Role::Admin));
}

namespace {

// The HTTP status of GET `url` (0: no answer).
int httpGet(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

void TestConsoleOperators::settingsServeTheApi()
{
    QSettings().remove(ApiPanel::serveKey());
    window()->showPage(MainWindow::Page::Settings);
    ApiPanel *panel = window()->settingsPage()->apiPanel();
    auto *serve = panel->findChild<QCheckBox *>(u"serveApi"_s);
    auto *port = panel->findChild<QSpinBox *>(u"apiPort"_s);
    auto *state = panel->findChild<QLabel *>(u"apiState"_s);
    QVERIFY(serve && port && state);
    QVERIFY(!serve->isChecked()); // off by default
    QVERIFY(!panel->server());

    const quint16 free = freePort();
    QVERIFY(free > 0);
    port->setValue(free);
    emit port->editingFinished();
    serve->setChecked(true);
    QTRY_VERIFY(panel->server());
    QVERIFY2(state->text().contains(u"http://127.0.0.1:%1/api/"_s.arg(free)),
             qPrintable(state->text()));
    QCOMPARE(QSettings().value(ApiPanel::serveKey()).toBool(), true);
    QCOMPARE(QSettings().value(ApiPanel::portKey()).toInt(), int(free));
    // A real request: no token exists, so it acts as the console's operator.
    QCOMPARE(httpGet(QUrl(u"http://127.0.0.1:%1/api/health"_s.arg(free))), 200);
    QCOMPARE(httpGet(QUrl(u"http://127.0.0.1:%1/api/processes/"_s.arg(free))), 200);

    // Off: nothing answers any more.
    serve->setChecked(false);
    QVERIFY(!panel->server());
    QCOMPARE(state->text(), ApiPanel::tr("Off"));
    QCOMPARE(httpGet(QUrl(u"http://127.0.0.1:%1/api/health"_s.arg(free))), 0);

    // A port taken by another program: the reason shows where the operator looks.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, free));
    serve->setChecked(true);
    QVERIFY(!panel->server());
    QVERIFY2(state->text().contains(QString::number(free)), qPrintable(state->text()));
    QVERIFY(state->text().startsWith(ApiPanel::tr("Not serving: %1").arg(QString()).trimmed()));
    serve->setChecked(false);
    QSettings().remove(ApiPanel::serveKey());
}

QTEST_MAIN(TestConsoleOperators)
#include "tst_consoleoperators.moc"
