// The Schedules screen, driven as an operator drives it: the default schedules are listed with
// their next runs; the trigger is checked as it is typed (the parser's error under the field,
// OK disabled) and a valid one shows its next five runs; adding, editing, disabling and
// deleting change the database; a viewer sees the actions disabled with the reason; the
// engine's refusal shows in the dialog; run now starts a process.
#include "consoletestkit.h"

#include "enginewaiter.h"
#include "qtestprinters.h"

#include "schedules/scheduledialog.h"
#include "schedules/schedulesview.h"

#include "base/permissions.h"
#include "queries/processpages.h"
#include "queries/schedules.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace wfo::console;
using wfo::Permission;
using wfo::Role;

class TestConsoleSchedules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listShowsTheDefaultSchedules();
    void listFollowsChangesMadeElsewhere();
    void invalidCronShowsTheParsersErrorAndDisablesOk();
    void validCronShowsTheNextFiveRuns();
    void addEditDisableDeleteChangeTheDatabase();
    void viewerSeesWhyActionsAreDisabled();
    void refusalShowsInTheDialog();
    void runNowStartsAProcess();

private:
    SchedulesView *page();
    ScheduleDialog *openAddDialog();
    std::optional<QJsonObject> stored(const QString &id) const;
    QJsonObject storedByName(const QString &name) const;
    void setRole(const QString &user, Role role);
    void addSchedule(const QString &id, const QString &workflow, const QString &cron);
    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleSchedules::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
}

void TestConsoleSchedules::init()
{
    m_fixture = std::make_unique<consoletest::Fixture>();
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
}

void TestConsoleSchedules::cleanup()
{
    m_fixture.reset();
}

SchedulesView *TestConsoleSchedules::page()
{
    MainWindow *window = m_fixture->window();
    window->showPage(MainWindow::Page::Schedules);
    SchedulesView *view = window->schedulesPage();
    if (!QTest::qWaitFor([view] { return view->table()->topLevelItemCount() > 0; }, 10000))
        qWarning("the schedules did not load");
    return view;
}

ScheduleDialog *TestConsoleSchedules::openAddDialog()
{
    SchedulesView *view = page();
    auto *add = view->findChild<QPushButton *>(u"addScheduleButton"_s);
    if (!QTest::qWaitFor([add] { return add->isEnabled(); }, 5000))
        qWarning("Add stayed disabled");
    QTest::mouseClick(add, Qt::LeftButton);
    ScheduleDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = view->dialog()) != nullptr; }, 5000))
        qWarning("the schedule dialog did not open");
    return dialog;
}

std::optional<QJsonObject> TestConsoleSchedules::stored(const QString &id) const
{
    const wfo::store::Database database(m_fixture->database().url());
    return wfo::queries::ScheduleQueries::schedule(database, id);
}

QJsonObject TestConsoleSchedules::storedByName(const QString &name) const
{
    const wfo::store::Database database(m_fixture->database().url());
    for (const QJsonValue &value : wfo::queries::ScheduleQueries::schedules(database)) {
        if (value.toObject().value(u"name").toString() == name)
            return value.toObject();
    }
    return {};
}

void TestConsoleSchedules::setRole(const QString &user, Role role)
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

void TestConsoleSchedules::addSchedule(const QString &id, const QString &workflow,
                                       const QString &cron)
{
    wfo::ScheduleChange change;
    change.id = id;
    change.name = id;
    change.workflow = workflow;
    change.triggerKind = u"cron"_s;
    change.trigger = cron;
    change.change = u"add"_s;
    const wfo::ActionResult result = testsupport::await(m_fixture->engine()->saveSchedule(change));
    QVERIFY2(result.ok(), qPrintable(result.message));
}

void TestConsoleSchedules::listShowsTheDefaultSchedules()
{
    // Alt+8 reaches the screen from anywhere.
    MainWindow *window = m_fixture->window();
    QTest::keyClick(window, Qt::Key_8, Qt::AltModifier);
    QCOMPARE(window->currentPage()->objectName(), u"schedulesPage"_s);
    SchedulesView *view = window->schedulesPage();
    QTreeWidget *table = view->table();
    QTRY_COMPARE(table->topLevelItemCount(), 4);
    QStringList names;
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        names << table->topLevelItem(i)->text(SchedulesView::NameColumn);
    names.sort();
    QCOMPARE(names,
             (QStringList {u"Clean up tasks"_s, u"Resume workflows"_s, u"Validate products"_s,
                           u"Validate subscriptions"_s}));
    for (int i = 0; i < table->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = table->topLevelItem(i);
        if (item->text(SchedulesView::NameColumn) == u"Clean up tasks") {
            QCOMPARE(item->text(SchedulesView::WorkflowColumn), u"task_clean_up_tasks"_s);
            QCOMPARE(item->text(SchedulesView::TriggerColumn), u"every 6h"_s);
        }
        if (item->text(SchedulesView::NameColumn) == u"Validate subscriptions")
            QVERIFY2(item->text(SchedulesView::TriggerColumn).startsWith(u"cron 10 0 * * *"),
                     qPrintable(item->text(SchedulesView::TriggerColumn)));
        QCOMPARE(item->text(SchedulesView::EnabledColumn), u"yes"_s);
        // A local date and time, the same the query computes.
        QVERIFY2(item->text(SchedulesView::NextRunColumn).contains(u':'),
                 qPrintable(item->text(SchedulesView::NextRunColumn)));
        QCOMPARE(item->text(SchedulesView::LastRunColumn), u"—"_s);
    }
}

void TestConsoleSchedules::listFollowsChangesMadeElsewhere()
{
    SchedulesView *view = page();
    QTRY_COMPARE(view->table()->topLevelItemCount(), 4);
    addSchedule(u"elsewhere"_s, u"console_task"_s, u"*/5 * * * *"_s);
    QTRY_COMPARE_WITH_TIMEOUT(view->table()->topLevelItemCount(), 5, 8000);
    QVERIFY(view->select(u"elsewhere"_s));
}

void TestConsoleSchedules::invalidCronShowsTheParsersErrorAndDisablesOk()
{
    ScheduleDialog *dialog = openAddDialog();
    QVERIFY(dialog);
    auto *confirm = dialog->findChild<QPushButton *>(u"confirmButton"_s);
    auto *trigger = dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s);
    auto *error = dialog->findChild<QLabel *>(u"scheduleTriggerError"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleName"_s), u"Every minute"_s);
    QCOMPARE(dialog->findChild<QComboBox *>(u"scheduleTriggerKind"_s)->currentData().toString(),
             u"cron"_s);
    QVERIFY(!confirm->isEnabled()); // nothing typed yet

    QTest::keyClicks(trigger, u"61 * * * *"_s);
    QCOMPARE(error->text(), u"minute 61 is out of range 0–59"_s);
    QCOMPARE(dialog->triggerError(), u"minute 61 is out of range 0–59"_s);
    QVERIFY(error->isVisible());
    QVERIFY(!confirm->isEnabled());
    QVERIFY(dialog->nextRuns().isEmpty());
    QVERIFY(dialog->findChild<QLabel *>(u"scheduleNextRuns"_s)->text().isEmpty());

    // Fixed as it is typed: the error goes and OK comes back.
    trigger->selectAll();
    QTest::keyClicks(trigger, u"59 * * * *"_s);
    QVERIFY(dialog->triggerError().isEmpty());
    QVERIFY(confirm->isEnabled());
    // Too few fields: the parser's own words again.
    trigger->selectAll();
    QTest::keyClicks(trigger, u"5 * *"_s);
    QVERIFY2(dialog->triggerError().contains(u"5 fields"), qPrintable(dialog->triggerError()));
    QVERIFY(!confirm->isEnabled());
    // An interval below a minute is refused with the engine's sentence.
    auto *kind = dialog->findChild<QComboBox *>(u"scheduleTriggerKind"_s);
    kind->setCurrentIndex(kind->findData(u"interval"_s));
    trigger->selectAll();
    QTest::keyClicks(trigger, u"30s"_s);
    QVERIFY2(dialog->triggerError().contains(u"1 minute"), qPrintable(dialog->triggerError()));
    QVERIFY(!confirm->isEnabled());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!page()->dialog());
    QCOMPARE(page()->table()->topLevelItemCount(), 4);
}

void TestConsoleSchedules::validCronShowsTheNextFiveRuns()
{
    ScheduleDialog *dialog = openAddDialog();
    QVERIFY(dialog);
    dialog->setNow(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    auto *zone = dialog->findChild<QComboBox *>(u"scheduleTimeZone"_s);
    QCOMPARE(zone->currentData().toString(), QString()); // the engine's zone by default
    QVERIFY(zone->itemText(0).contains(QString::fromUtf8(QTimeZone::systemTimeZone().id())));
    zone->setCurrentIndex(zone->findData(u"Europe/Amsterdam"_s));
    QVERIFY(zone->currentIndex() > 0);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s), u"10 0 * * *"_s);
    QVERIFY(dialog->triggerError().isEmpty());
    // 00:10 in Amsterdam (UTC+1 in March until the 29th) is 23:10 UTC the evening before.
    const QList<QDateTime> runs = dialog->nextRuns();
    QCOMPARE(runs.size(), 5);
    for (int day = 0; day < 5; ++day)
        QCOMPARE(runs.at(day), QDateTime(QDate(2026, 3, 1 + day), QTime(23, 10), Qt::UTC));
    const QStringList lines =
        dialog->findChild<QLabel *>(u"scheduleNextRuns"_s)->text().split(u'\n');
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines.at(0).contains(runs.at(0).toLocalTime().toString(u"HH:mm"_s)),
             qPrintable(lines.at(0)));
    QVERIFY2(lines.at(0).contains(u"2026-03-0"), qPrintable(lines.at(0)));
    // OK still waits for a name.
    auto *confirm = dialog->findChild<QPushButton *>(u"confirmButton"_s);
    QVERIFY(!confirm->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleName"_s), u"Nightly"_s);
    QVERIFY(confirm->isEnabled());
}

void TestConsoleSchedules::addEditDisableDeleteChangeTheDatabase()
{
    // Add: tasks come first in the workflow list.
    ScheduleDialog *dialog = openAddDialog();
    QVERIFY(dialog);
    auto *workflow = dialog->findChild<QComboBox *>(u"scheduleWorkflow"_s);
    QCOMPARE(workflow->currentData().toString(), u"console_task"_s);
    QVERIFY(workflow->findData(u"console_quick"_s) > workflow->findData(u"console_task"_s));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleName"_s), u"Nightly task"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s), u"15 3 * * 1-5"_s);
    auto *zone = dialog->findChild<QComboBox *>(u"scheduleTimeZone"_s);
    zone->setCurrentIndex(zone->findData(u"UTC"_s));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    SchedulesView *view = page();
    QTRY_VERIFY(!view->dialog());
    QJsonObject row = storedByName(u"Nightly task"_s);
    QVERIFY2(!row.isEmpty(), "the schedule is in the database");
    const QString id = row.value(u"schedule_id").toString();
    QCOMPARE(id, u"nightly-task"_s);
    QCOMPARE(row.value(u"workflow").toString(), u"console_task"_s);
    QCOMPARE(row.value(u"trigger_kind").toString(), u"cron"_s);
    QCOMPARE(row.value(u"trigger").toString(), u"15 3 * * 1-5"_s);
    QCOMPARE(row.value(u"time_zone").toString(), u"UTC"_s);
    QVERIFY(row.value(u"enabled").toBool());
    QTRY_COMPARE(view->table()->topLevelItemCount(), 5);
    QVERIFY(view->findChild<QLabel *>(u"schedulesOutcome"_s)->text().contains(u"Nightly task"));

    // Edit: an interval, by keyboard (Enter on the row opens it).
    QVERIFY(view->select(id));
    view->table()->setFocus();
    QTest::keyClick(view->table(), Qt::Key_Return);
    QTRY_VERIFY((dialog = view->dialog()));
    QCOMPARE(dialog->findChild<QLineEdit *>(u"scheduleName"_s)->text(), u"Nightly task"_s);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s)->text(), u"15 3 * * 1-5"_s);
    QCOMPARE(dialog->findChild<QComboBox *>(u"scheduleTimeZone"_s)->currentData().toString(),
             u"UTC"_s);
    auto *kind = dialog->findChild<QComboBox *>(u"scheduleTriggerKind"_s);
    kind->setCurrentIndex(kind->findData(u"interval"_s));
    QVERIFY(!dialog->triggerError().isEmpty()); // a cron expression is no duration
    auto *trigger = dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s);
    trigger->selectAll();
    QTest::keyClicks(trigger, u"2h"_s);
    QCOMPARE(dialog->nextRuns().size(), 5);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!view->dialog());
    row = stored(id).value_or(QJsonObject());
    QCOMPARE(row.value(u"trigger_kind").toString(), u"interval"_s);
    QCOMPARE(row.value(u"trigger").toString(), u"2h"_s);
    QTRY_VERIFY(view->select(id)
                && view->table()->currentItem()->text(SchedulesView::TriggerColumn)
                    == u"every 2h"_s);

    // Disable, then enable again.
    auto *toggle = view->findChild<QPushButton *>(u"toggleScheduleButton"_s);
    QVERIFY(view->select(id));
    QTRY_VERIFY(toggle->isEnabled());
    QCOMPARE(toggle->accessibleName(), u"Disable schedule"_s);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY(!stored(id).value_or(QJsonObject()).value(u"enabled").toBool(true));
    QTRY_VERIFY(view->select(id)
                && view->table()->currentItem()->text(SchedulesView::EnabledColumn) == u"no"_s);
    QCOMPARE(view->table()->currentItem()->text(SchedulesView::NextRunColumn), u"— (disabled)"_s);
    QTRY_COMPARE(toggle->accessibleName(), u"Enable schedule"_s);
    QTRY_VERIFY(toggle->isEnabled());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY(stored(id).value_or(QJsonObject()).value(u"enabled").toBool());
    // Enabling kept the interval.
    QCOMPARE(stored(id)->value(u"trigger").toString(), u"2h"_s);

    // Delete asks first; cancelled, the schedule stays.
    auto *remove = view->findChild<QPushButton *>(u"deleteScheduleButton"_s);
    QTRY_VERIFY(view->select(id) && remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = view->findChild<QMessageBox *>(u"confirmDeleteSchedule"_s)));
    QVERIFY(box->text().contains(u"Nightly task"));
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);
    QTest::qWait(300);
    QVERIFY(stored(id).has_value());
    // Confirmed, it goes (the Delete key asks too).
    QVERIFY(view->select(id));
    view->table()->setFocus();
    QTest::keyClick(view->table(), Qt::Key_Delete);
    QTRY_VERIFY((box = view->findChild<QMessageBox *>(u"confirmDeleteSchedule"_s)));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!stored(id).has_value());
    QTRY_COMPARE(view->table()->topLevelItemCount(), 4);
    QVERIFY(!view->select(id));
}

void TestConsoleSchedules::viewerSeesWhyActionsAreDisabled()
{
    addSchedule(u"task-hourly"_s, u"console_task"_s, u"0 * * * *"_s);
    setRole(u"tester"_s, Role::Viewer);
    SchedulesView *view = page();
    QTRY_VERIFY(view->select(u"task-hourly"_s));
    const QString edit =
        wfo::refusalMessage(u"tester"_s, Role::Viewer, Permission::EditSchedules, Role::Viewer);
    QVERIFY(edit.contains(wfo::displayName(Role::Viewer)));
    for (const QString &name : {u"addScheduleButton"_s, u"editScheduleButton"_s,
                                u"toggleScheduleButton"_s, u"deleteScheduleButton"_s}) {
        auto *button = view->findChild<QPushButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QTRY_VERIFY2(!button->isEnabled(), qPrintable(name));
        QCOMPARE(button->toolTip(), edit);
        QCOMPARE(button->accessibleDescription(), edit);
    }
    auto *run = view->findChild<QPushButton *>(u"runScheduleButton"_s);
    QVERIFY(!run->isEnabled());
    QCOMPARE(run->toolTip(),
             wfo::refusalMessage(u"tester"_s, Role::Viewer, Permission::Start, Role::Viewer));
    QVERIFY(view->findChild<QLabel *>(u"schedulesNotice"_s)->text().contains(edit));
    // Enter on a row opens nothing for a viewer.
    view->table()->setFocus();
    QTest::keyClick(view->table(), Qt::Key_Return);
    QTest::qWait(200);
    QVERIFY(!view->dialog());

    // An operator may run a schedule now, not edit it.
    setRole(u"tester"_s, Role::Operator);
    QTRY_VERIFY(run->isEnabled());
    QVERIFY(!view->findChild<QPushButton *>(u"editScheduleButton"_s)->isEnabled());
}

void TestConsoleSchedules::refusalShowsInTheDialog()
{
    // Everyone is admin while no operator is defined: the dialog opens...
    ScheduleDialog *dialog = openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleName"_s), u"Refused"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s), u"@daily"_s);
    // ...then an admin elsewhere makes the tester a viewer before OK: the engine refuses.
    wfo::OperatorChange change;
    change.userName = u"tester"_s;
    change.role = Role::Viewer;
    change.change = u"add"_s;
    QVERIFY(testsupport::await(m_fixture->engine()->saveOperator(change)).ok());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    auto *refusal = dialog->findChild<QLabel *>(u"scheduleRefusal"_s);
    QTRY_VERIFY(refusal->isVisible());
    QVERIFY2(refusal->text().contains(wfo::displayName(Role::Admin)), qPrintable(refusal->text()));
    QCOMPARE(page()->dialog(), dialog); // still open, with what was typed
    QCOMPARE(dialog->findChild<QLineEdit *>(u"scheduleTrigger"_s)->text(), u"@daily"_s);
    QVERIFY(storedByName(u"Refused"_s).isEmpty());
}

void TestConsoleSchedules::runNowStartsAProcess()
{
    addSchedule(u"task-now"_s, u"console_task"_s, u"0 0 1 1 *"_s);
    SchedulesView *view = page();
    auto *run = view->findChild<QPushButton *>(u"runScheduleButton"_s);

    // A default schedule's task is not registered in this installation: disabled, and why.
    QTRY_VERIFY(view->select(u"clean-up-tasks"_s));
    QTRY_VERIFY(!run->isEnabled());
    QVERIFY2(run->toolTip().contains(u"task_clean_up_tasks"), qPrintable(run->toolTip()));

    QVERIFY(view->select(u"task-now"_s));
    QTRY_VERIFY(run->isEnabled());
    QSignalSpy finished(view, &SchedulesView::actionFinished);
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY2(view->findChild<QLabel *>(u"schedulesOutcome"_s)->text().contains(u"Started"),
             qPrintable(view->findChild<QLabel *>(u"schedulesOutcome"_s)->text()));
    const wfo::store::Database database(m_fixture->database().url());
    wfo::queries::ProcessFilter filter;
    filter.workflow = u"console_task"_s;
    QTRY_COMPARE(wfo::queries::ProcessPageQuery::count(database, filter), qint64(1));
    // The operator stays on the screen.
    QCOMPARE(m_fixture->window()->currentPage(), static_cast<QWidget *>(view));
}

QTEST_MAIN(TestConsoleSchedules)
#include "tst_consoleschedules.moc"
