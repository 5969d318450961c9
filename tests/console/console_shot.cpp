// console_shot: fills a throwaway database with Node Enrollment subscriptions and processes
// (one failed on a simulated NSO outage, then reset; one skipped), operators with their roles
// and an audit trail, then saves a screenshot of each main screen:
//   console_shot OUTPUT_DIR [WIDTHxHEIGHT [LANGUAGE]]   ->  OUTPUT_DIR/console-<screen>.png
// (LANGUAGE: "nl" for the Dutch screens, as Settings ▸ Language sets it)
#include "consoletestkit.h"

#include "app/i18n/i18n.h"

#include "enginewaiter.h"

#include "store/processrepository.h"
#include "store/timestamps.h"

#include "common/startconfirmation.h"
#include "database/databasedialog.h"
#include "palette/commandpalette.h"
#include "processdetail/processdetailview.h"
#include "processdetail/stepactiondialogs.h"
#include "processdetail/steplistmodel.h"
#include "processes/processespage.h"
#include "schedules/scheduledialog.h"
#include "schedules/schedulesview.h"
#include "settings/instancespanel.h"
#include "settings/settingspage.h"
#include "start/startpage.h"
#include "subscriptions/subscriptiondetailview.h"
#include "subscriptions/subscriptionspage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace wfo::console;

namespace {

QString runToRest(wfo::Engine &engine, const QString &workflow, const QJsonObject &initial,
                  const QJsonObject &input, const QString &actor)
{
    wfo::StartRequest request;
    request.workflow = workflow;
    request.initialState = initial;
    request.inputObject = input;
    request.actor = actor;
    wfo::ProcessStatus status;
    return testsupport::runToRest(engine, request, &status);
}

void save(QWidget *window, const QString &dir, const QString &name)
{
    QTest::qWait(900);
    window->grab().save(dir + u"/console-"_s + name + u".png"_s);
}

void addOperator(wfo::Engine &engine, const QString &name, const QString &displayName,
                 wfo::Role role)
{
    wfo::OperatorChange change;
    change.userName = name;
    change.displayName = displayName;
    change.role = role;
    change.change = u"add"_s;
    change.actor = u"alice"_s;
    testsupport::await(engine.saveOperator(change));
}

// The screen's window and its window-modal dialog, as the operator sees them.
void saveWithDialog(QWidget *window, QWidget *dialog, const QString &dir, const QString &name)
{
    QTest::qWait(900);
    QPixmap shot = window->grab();
    QPainter painter(&shot);
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60));
    const QPixmap front = dialog->grab();
    painter.drawPixmap((shot.width() - front.width()) / 2, (shot.height() - front.height()) / 3,
                       front);
    painter.end();
    shot.save(dir + u"/console-"_s + name + u".png"_s);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleShots"_s);
    const QString out = app.arguments().value(1, u"."_s);
    const QStringList size = app.arguments().value(2, u"1360x820"_s).split(u'x');
    const int width = size.value(0).toInt() > 0 ? size.value(0).toInt() : 1360;
    const int height = size.value(1).toInt() > 0 ? size.value(1).toInt() : 820;
    QDir().mkpath(out);
    const QString language = app.arguments().value(3);
    if (!language.isEmpty())
        wfo::i18n::installTranslations(app, language);

    consoletest::Fixture fixture(true);
    QString error;
    if (!fixture.open(&error))
        qFatal("%s", qPrintable(error));
    fixture.context()->setActor(u"alice"_s);
    wfo::Engine &engine = *fixture.engine();

    const QStringList nodes = {u"ams-rt1"_s, u"ams-rt2"_s, u"lon-rt1"_s, u"chi-cr5"_s,
                               u"ams-cr1"_s};
    const QStringList customers = {u"acme"_s, u"globex"_s, u"initech"_s, u"acme"_s, u"umbrella"_s};
    const QStringList roles = {u"core"_s, u"edge"_s, u"access"_s, u"edge"_s, u"core"_s};
    QStringList subscriptions;
    for (int i = 0; i < nodes.size(); ++i) {
        const QString process =
            runToRest(engine, u"create_node_enrollment"_s, {{u"product"_s, u"Node Enrollment"_s}},
                      {{u"customer_id"_s, customers.at(i)},
                       {u"select_node"_s, nodes.at(i)},
                       {u"role_id"_s, roles.at(i)}},
                      i % 2 ? u"bob"_s : u"alice"_s);
        const auto record = wfo::store::ProcessRepository(engine.database()).find(process);
        subscriptions << record->state.value(u"subscription_id").toString();
    }
    for (int i = 0; i < 3; ++i)
        runToRest(engine, u"modify_node_enrollment"_s,
                  {{u"subscription_id"_s, subscriptions.at(i)}}, {}, u"alice"_s);
    runToRest(engine, u"create_node_system_service"_s, {{u"product"_s, u"Node System Service"_s}},
              {{u"customer_id"_s, u"acme"_s}, {u"node_subscription_id"_s, subscriptions.at(0)}},
              u"alice"_s);
    runToRest(engine, u"task_validate_products"_s, {}, {}, u"alice"_s);
    qputenv("NODE_ENROLLMENT_NSO_OFFLINE", "1");
    const QString failed = runToRest(engine, u"validate_node_enrollment"_s,
                                     {{u"subscription_id"_s, subscriptions.at(1)}}, {}, u"alice"_s);
    const QString skipped = runToRest(engine, u"validate_node_enrollment"_s,
                                      {{u"subscription_id"_s, subscriptions.at(2)}}, {}, u"bob"_s);
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");

    // Operators with their roles; a viewer's retry is refused (and audited).
    addOperator(engine, u"alice"_s, u"Alice Admin"_s, wfo::Role::Admin);
    addOperator(engine, u"bob"_s, u"Bob Operator"_s, wfo::Role::Operator);
    addOperator(engine, u"carol"_s, u"Carol Viewer"_s, wfo::Role::Viewer);
    wfo::ResumeRequest refused;
    refused.actor = u"carol"_s;
    testsupport::await(engine.resume(failed, refused));
    wfo::SkipRequest skip;
    skip.reason = u"NSO maintenance window; the device was checked by hand"_s;
    skip.actor = u"alice"_s;
    {
        testsupport::StopRecorder stops(engine);
        testsupport::await(engine.skip(skipped, skip));
        stops.wait(skipped);
    }
    fixture.context()->refreshRole();

    // The week behind: processes of the last days (rows as they are left) for the chart.
    {
        wfo::store::ProcessRepository processes(engine.database());
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const QStringList statuses = {u"completed"_s, u"completed"_s, u"failed"_s,
                                      u"completed"_s, u"aborted"_s,   u"completed"_s,
                                      u"suspended"_s, u"completed"_s};
        for (int day = 1; day <= 6; ++day) {
            for (int i = 0; i < 2 + (day * 5) % 7; ++i) {
                wfo::store::ProcessRecord p;
                p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                p.workflowName = u"modify_node_enrollment"_s;
                p.status = *wfo::processStatusFromString(statuses.at((day + i) % statuses.size()));
                p.createdBy = i % 3 ? u"bob"_s : u"alice"_s;
                p.startedAt = wfo::store::Timestamps::toText(
                    QDateTime(today.addDays(-day), QTime(8 + i, 0), Qt::UTC));
                p.lastModifiedAt = p.startedAt;
                processes.insertProcess(p);
            }
        }
    }

    MainWindow *window = fixture.window();
    window->resize(width, height);
    window->showPage(MainWindow::Page::Start);
    save(window, out, u"start"_s);
    if (auto *scroll = window->startPage()->findChild<QScrollArea *>()) {
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        save(window, out, u"start-lower"_s);
        scroll->verticalScrollBar()->setValue(0);
    }
    window->showPage(MainWindow::Page::Subscriptions);
    save(window, out, u"subscriptions"_s);
    window->openSubscription(subscriptions.at(0));
    save(window, out, u"subscription"_s);
    if (auto *detail = window->findChild<SubscriptionDetailView *>())
        detail->findChild<QTabWidget *>(u"subscriptionTabs"_s)->setCurrentIndex(1);
    save(window, out, u"subscription-blocks"_s);
    // The versions: the last two compared, each linked to the process and step that made it.
    if (auto *detail = window->findChild<SubscriptionDetailView *>()) {
        auto *tabs = detail->findChild<QTabWidget *>(u"subscriptionTabs"_s);
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->findChild<QWidget *>(u"versionDiff"_s))
                tabs->setCurrentIndex(i);
        }
        save(window, out, u"subscription-versions"_s);
        tabs->setCurrentIndex(0);
    }
    // The failed validation left subscription 1 out of sync: the banner says by whom.
    window->openSubscription(subscriptions.at(1));
    save(window, out, u"subscription-out-of-sync"_s);
    // Terminating asks for the description (subscription 3 is used by nothing).
    window->openSubscription(subscriptions.at(3));
    QTest::qWait(900);
    if (auto *view = window->findChild<SubscriptionDetailView *>()) {
        if (QAction *terminate =
                view->actionsMenu()->findChild<QAction *>(u"action_terminate_node_enrollment"_s)) {
            terminate->trigger();
            QTest::qWait(600);
            if (auto *confirmation = window->findChild<StartConfirmation *>()) {
                saveWithDialog(window, confirmation, out, u"confirm-terminate"_s);
                confirmation->reject();
            }
        }
    }
    // Ctrl+K, looking for the Amsterdam nodes.
    window->showCommandPalette();
    if (auto *palette = window->findChild<CommandPalette *>()) {
        QTest::keyClicks(palette->searchBox(), u"ams"_s);
        QTest::qWait(900);
        saveWithDialog(window, palette, out, u"palette"_s);
        palette->reject();
    }
    window->showPage(MainWindow::Page::Processes);
    save(window, out, u"processes"_s);
    // Searched: the failed processes of one node.
    if (auto *search = window->processesPage()->searchField()) {
        search->setText(u"status:failed subscription:ams-rt2"_s);
        QTest::qWait(900);
        save(window, out, u"processes-search"_s);
        search->clear();
        QTest::qWait(400);
    }
    window->openProcess(failed);
    save(window, out, u"process-failed"_s);

    // Reset the failed validation to an earlier step, with NSO back: the rewound rows stay.
    ProcessDetailView *detail = window->processDetail();
    detail->resetToStep(1);
    QTest::qWait(300);
    testsupport::StopRecorder stops(engine);
    if (auto *reset = detail->findChild<ResetDialog *>(u"resetDialog"_s)) {
        saveWithDialog(window, reset, out, u"process-reset-confirm"_s);
        reset->accept();
        stops.wait(failed);
    }
    QTest::qWait(600);
    detail->reload();
    save(window, out, u"process-reset"_s);
    window->openProcess(skipped);
    QTest::qWait(600);
    for (int row = 0; row < detail->stepModel()->rowCount(); ++row) {
        const QModelIndex index = detail->stepModel()->index(row, StepListModel::Status);
        if (index.data().toString() == u"skipped")
            detail->findChild<QTreeView *>(u"stepTimeline"_s)->setCurrentIndex(index);
    }
    save(window, out, u"process-skipped"_s);
    window->showPage(MainWindow::Page::Audit);
    save(window, out, u"audit"_s);
    // Schedules, with a run of one, and the dialog checking a cron expression as it is typed.
    {
        wfo::ScheduleChange change;
        change.id = u"nightly-validation"_s;
        change.name = u"Nightly validation"_s;
        change.workflow = u"task_validate_subscriptions"_s;
        change.triggerKind = u"cron"_s;
        change.trigger = u"30 1 * * 1-5"_s;
        change.timeZone = u"Europe/Amsterdam"_s;
        change.change = u"add"_s;
        change.actor = u"alice"_s;
        testsupport::await(engine.saveSchedule(change));
    }
    window->showPage(MainWindow::Page::Schedules);
    SchedulesView *schedules = window->schedulesPage();
    QTest::qWait(600);
    schedules->select(u"clean-up-tasks"_s);
    schedules->runNow();
    QTest::qWait(1500);
    schedules->refresh();
    save(window, out, u"schedules"_s);
    schedules->addSchedule();
    QTest::qWait(300);
    if (ScheduleDialog *scheduleDialog = schedules->dialog()) {
        scheduleDialog->findChild<QLineEdit *>(u"scheduleName"_s)->setText(u"Every two hours"_s);
        scheduleDialog->findChild<QLineEdit *>(u"scheduleTrigger"_s)->setText(u"61 * * * *"_s);
        saveWithDialog(window, scheduleDialog, out, u"schedule-invalid"_s);
        scheduleDialog->findChild<QLineEdit *>(u"scheduleTrigger"_s)->setText(u"0 */2 * * *"_s);
        saveWithDialog(window, scheduleDialog, out, u"schedule-dialog"_s);
        scheduleDialog->reject();
    }
    window->showPage(MainWindow::Page::Tasks);
    save(window, out, u"tasks"_s);
    window->showPage(MainWindow::Page::Metadata);
    save(window, out, u"metadata"_s);

    // Settings with a worker engine on the same database, busy with a process.
    wfo::WorkflowRegistry workerRegistry;
    consoletest::registerWorkflows(workerRegistry);
    wfo::EngineOptions workerOptions;
    workerOptions.url = fixture.database().url();
    workerOptions.threads = 4;
    workerOptions.kind = u"worker"_s;
    workerOptions.claimQueued = false;
    wfo::Engine worker(&workerRegistry, workerOptions);
    if (!testsupport::openEngine(worker, &error))
        qFatal("%s", qPrintable(error));
    consoletest::sleepMs() = 6000;
    wfo::StartRequest sleeper;
    sleeper.workflow = u"console_sleep"_s;
    sleeper.actor = u"bob"_s;
    testsupport::await(worker.start(sleeper));
    window->showPage(MainWindow::Page::Settings);
    window->settingsPage()->instancesPanel()->refresh();
    QTest::qWait(1500);
    save(window, out, u"settings"_s);

    // The database dialog on a PostgreSQL server, after a failed connection test.
    qputenv("WFO_NO_KEYCHAIN", "1");
    auto *dialog = new DatabaseDialog(engine.database().url(), window);
    dialog->show();
    dialog->findChild<QRadioButton *>(u"postgresChoice"_s)->setChecked(true);
    dialog->findChild<QLineEdit *>(u"pgHost"_s)->setText(u"127.0.0.1"_s);
    dialog->findChild<QLineEdit *>(u"pgDatabase"_s)->setText(u"orchestrator"_s);
    dialog->findChild<QLineEdit *>(u"pgUser"_s)->setText(u"alice"_s);
    dialog->findChild<QLineEdit *>(u"pgPassword"_s)->setText(u"secret"_s);
    dialog->testConnection();
    QTest::qWait(2500);
    QTest::qWait(900);
    dialog->grab().save(out + u"/console-database.png"_s);
    delete dialog;
    consoletest::sleepMs() = 0;
    return 0;
}
