// The console's scale-out parts: the database dialog (URL from its fields, Test connection on
// its thread, the keychain fallback), the URL precedence at start, the engine instances on the
// Settings page, the status bar through a database outage, live refresh on Engine::changed,
// and the subscription delta of a modify in the process detail.
#include "consoletestkit.h"

#include "enginewaiter.h"

#include "consolesession.h"
#include "database/connectiontester.h"
#include "database/databasedialog.h"
#include "database/databasesettings.h"
#include "database/passwordstore.h"
#include "processdetail/processdetailview.h"
#include "processdetail/subscriptiondelta.h"
#include "settings/instancelistmodel.h"
#include "settings/instancespanel.h"
#include "settings/settingspage.h"

#include "store/database.h"
#include "store/enginerepository.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace wfo::console;

class TestConsoleDatabase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void precedence_data();
    void precedence();
    void dialogBuildsUrlFromFields_data();
    void dialogBuildsUrlFromFields();
    void testConnectionSucceedsOnSqliteFile();
    void testConnectionFailsOnUnreachablePostgres();
    void keychainFallbackKeepsPasswordForSessionOnly();
    void sessionSwitchesDatabaseInPlace();
    void instancesListShowsBothEngines();
    void statusBarShowsOutageAndRecovery();
    void changesOfOtherEnginesReachTheViews();
    void subscriptionDelta_data();
    void subscriptionDelta();
    void processDetailShowsModifyDelta();

private:
    static int freePort();
};

void TestConsoleDatabase::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleDatabaseTests"_s);
    // No Secret Service in CI: the fallback is what runs here, forced so that it does not
    // depend on the session bus of the machine.
    qputenv("WFO_NO_KEYCHAIN", "1");
    qRegisterMetaType<MainWindow *>();
    QSettings().clear();
}

void TestConsoleDatabase::cleanup()
{
    QSettings().clear();
}

int TestConsoleDatabase::freePort()
{
    return 1; // tcpmux: privileged and unused, a connection is refused at once
}

void TestConsoleDatabase::precedence_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("url"); // without password; "" = the default file
    QTest::addColumn<bool>("warned");

    using S = DatabaseChoice::Source;
    const QString pg = u"postgresql://alice@db.example.org:5433/orch"_s;
    QTest::newRow("command line wins") << u"sqlite:///tmp/a.db"_s << pg << pg << int(S::CommandLine)
                                       << u"sqlite:///tmp/a.db"_s << false;
    QTest::newRow("then the environment")
        << QString() << u"sqlite:///tmp/b.db"_s << pg << int(S::Environment)
        << u"sqlite:///tmp/b.db"_s << false;
    QTest::newRow("then the stored choice")
        << QString() << QString() << pg << int(S::Settings) << pg << false;
    QTest::newRow("a stored password is ignored")
        << QString() << QString() << u"postgresql://alice:pw@db.example.org:5433/orch"_s
        << int(S::Settings) << pg << false;
    QTest::newRow("then the default")
        << QString() << QString() << QString() << int(S::Default) << QString() << false;
    QTest::newRow("an unusable stored choice falls back")
        << QString() << QString() << u"mysql://x"_s << int(S::Default) << QString() << true;
}

void TestConsoleDatabase::precedence()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, environment);
    QFETCH(QString, stored);
    QFETCH(int, source);
    QFETCH(QString, url);
    QFETCH(bool, warned);
    QString error;
    const auto choice = DatabaseSettings::resolve(commandLine, environment, stored, &error);
    QVERIFY2(choice.has_value(), qPrintable(error));
    QCOMPARE(int(choice->source), source);
    QVERIFY(choice->url.password.isEmpty());
    if (url.isEmpty()) {
        QVERIFY(choice->url.isSqlite());
        QVERIFY(choice->url.path.endsWith(u"/orchestrator-console/orchestrator.db"));
    } else {
        QCOMPARE(DatabaseSettings::withoutPassword(choice->url), url);
    }
    QCOMPARE(!choice->warning.isEmpty(), warned);

    QVERIFY(!DatabaseSettings::resolve(u"nonsense"_s, {}, {}, &error).has_value());
    QVERIFY(error.contains(u"--db"));
}

void TestConsoleDatabase::dialogBuildsUrlFromFields_data()
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sqlite") << false << u"sqlite:///tmp/orchestrator/test.db"_s;
    QTest::newRow("postgresql") << true << u"postgresql://alice@db.example.org:6543/orch"_s;
}

void TestConsoleDatabase::dialogBuildsUrlFromFields()
{
    QFETCH(bool, postgres);
    QFETCH(QString, expected);
    wfo::store::DatabaseUrl current;
    current.path = u"/tmp/current.db"_s;
    DatabaseDialog dialog(current);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    if (postgres) {
        auto *choice = dialog.findChild<QRadioButton *>(u"postgresChoice"_s);
        // On the indicator: the button is as wide as the dialog, its text is not.
        QTest::mouseClick(choice, Qt::LeftButton, {}, QPoint(8, choice->height() / 2));
        QVERIFY(choice->isChecked());
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"pgHost"_s), u"db.example.org"_s);
        auto *port = dialog.findChild<QSpinBox *>(u"pgPort"_s);
        port->selectAll();
        QTest::keyClicks(port, u"6543"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"pgDatabase"_s), u"orch"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"pgUser"_s), u"alice"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"pgPassword"_s), u"s3cret"_s);
    } else {
        auto *path = dialog.findChild<QLineEdit *>(u"sqlitePath"_s);
        path->clear();
        QTest::keyClicks(path, u"/tmp/orchestrator//test.db"_s);
    }
    QString error;
    const auto url = dialog.url(&error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(DatabaseSettings::withoutPassword(*url), expected);
    QCOMPARE(url->password, postgres ? u"s3cret"_s : QString());
    const QString preview = dialog.findChild<QLabel *>(u"databaseUrlPreview"_s)->text();
    QVERIFY2(preview.contains(expected.toHtmlEscaped()), qPrintable(preview));
    QVERIFY(!preview.contains(u"s3cret"));

    if (postgres) {
        // An incomplete form says what is missing and builds nothing.
        dialog.findChild<QLineEdit *>(u"pgUser"_s)->clear();
        QVERIFY(!dialog.url(&error).has_value());
        QVERIFY(error.contains(u"user"));
    }
}

void TestConsoleDatabase::testConnectionSucceedsOnSqliteFile()
{
    QTemporaryDir dir;
    wfo::store::DatabaseUrl url;
    url.path = dir.filePath(u"existing.db"_s);
    {
        const wfo::store::Database database(url);
        database.ensureSchema(true);
        database.closeThreadConnection();
    }
    DatabaseDialog dialog(url);
    dialog.show();
    QSignalSpy tested(&dialog, &DatabaseDialog::connectionTested);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    QVERIFY(dialog.tester()->isTesting() || !tested.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 10000);
    QCOMPARE(tested.at(0).at(0).toBool(), true);
    const QString result = dialog.findChild<QLabel *>(u"connectionResult"_s)->text();
    QVERIFY2(result.contains(u"up to date"), qPrintable(result));

    // A file that does not exist yet: fine, and the test does not create it.
    auto *path = dialog.findChild<QLineEdit *>(u"sqlitePath"_s);
    path->setText(dir.filePath(u"new.db"_s));
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 10000);
    QCOMPARE(tested.at(1).at(0).toBool(), true);
    QVERIFY(!QFile::exists(dir.filePath(u"new.db"_s)));

    // A file that is not a database is refused with the store's message.
    QFile junk(dir.filePath(u"junk.db"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    path->setText(junk.fileName());
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 3, 10000);
    QCOMPARE(tested.at(2).at(0).toBool(), false);
}

void TestConsoleDatabase::testConnectionFailsOnUnreachablePostgres()
{
    wfo::store::DatabaseUrl url;
    url.kind = wfo::store::DatabaseUrl::Kind::PostgreSQL;
    url.host = u"127.0.0.1"_s;
    url.port = freePort();
    url.database = u"orch"_s;
    url.user = u"alice"_s;
    DatabaseDialog dialog(url);
    dialog.show();
    QSignalSpy tested(&dialog, &DatabaseDialog::connectionTested);
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    // The GUI thread is free while the tester waits for the server.
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(dialog.findChild<QWidget *>(u"testingConnection"_s)->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 15000);
    QCOMPARE(tested.at(0).at(0).toBool(), false);
    const QString result = dialog.findChild<QLabel *>(u"connectionResult"_s)->text();
    QVERIFY2(result.contains(u"Cannot connect"), qPrintable(result));
    QVERIFY(result.contains(u"127.0.0.1"));
    QVERIFY(dialog.findChild<QPushButton *>(u"testConnectionButton"_s)->isEnabled());
}

void TestConsoleDatabase::keychainFallbackKeepsPasswordForSessionOnly()
{
    QVERIFY(!PasswordStore::keychainEnabled());
    wfo::store::DatabaseUrl url;
    url.kind = wfo::store::DatabaseUrl::Kind::PostgreSQL;
    url.host = u"db.example.org"_s;
    url.database = u"orch"_s;
    url.user = u"alice"_s;
    const QString key = DatabaseSettings::keychainKey(url);
    PasswordStore::forgetSession(key);

    auto dialog = std::make_unique<DatabaseDialog>(url);
    QSignalSpy checked(dialog.get(), &DatabaseDialog::keychainChecked);
    QSignalSpy chosen(dialog.get(), &DatabaseDialog::urlChosen);
    dialog->show();
    QTRY_COMPARE(checked.size(), 1);
    QVERIFY(!dialog->keychainAvailable());
    const QString state = dialog->findChild<QLabel *>(u"keychainState"_s)->text();
    QVERIFY2(state.contains(u"No system keychain"), qPrintable(state));
    QVERIFY(state.contains(u"session"));
    auto *remember = dialog->findChild<QCheckBox *>(u"rememberPassword"_s);
    QVERIFY(remember->text().contains(u"session only"));
    QVERIFY(remember->isChecked());

    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"pgPassword"_s), u"s3cret"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QTRY_COMPARE(chosen.size(), 1);
    const auto chosenUrl = chosen.at(0).at(0).value<wfo::store::DatabaseUrl>();
    QCOMPARE(chosenUrl.password, u"s3cret"_s);
    QCOMPARE(PasswordStore::sessionPassword(key).value_or(QString()), u"s3cret"_s);

    // The settings keep the URL, never the password.
    QSettings settings;
    QCOMPARE(settings.value(DatabaseSettings::urlKey()).toString(),
             u"postgresql://alice@db.example.org:5432/orch"_s);
    settings.sync();
    QFile file(settings.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("s3cret"));

    // The next dialog of this session finds the password again.
    dialog = std::make_unique<DatabaseDialog>(url);
    dialog->show();
    QTRY_COMPARE(dialog->findChild<QLineEdit *>(u"pgPassword"_s)->text(), u"s3cret"_s);

    // Unchecked: the password is used for this connection only.
    QSignalSpy chosenAgain(dialog.get(), &DatabaseDialog::urlChosen);
    dialog->findChild<QCheckBox *>(u"rememberPassword"_s)->setChecked(false);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"connectButton"_s), Qt::LeftButton);
    QTRY_COMPARE(chosenAgain.size(), 1);
    QVERIFY(!PasswordStore::sessionPassword(key).has_value());
}

void TestConsoleDatabase::sessionSwitchesDatabaseInPlace()
{
    QTemporaryDir dir;
    wfo::store::DatabaseUrl first;
    first.path = dir.filePath(u"first.db"_s);
    wfo::store::DatabaseUrl second;
    second.path = dir.filePath(u"second.db"_s);
    wfo::WorkflowRegistry registry;
    consoletest::registerWorkflows(registry);
    wfo::EngineOptions options;
    options.threads = 1;
    ConsoleSession session(&registry, options, {}, {});
    QSignalSpy ready(&session, &ConsoleSession::ready);
    QSignalSpy failed(&session, &ConsoleSession::openFailed);
    session.start(first);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 15000);
    QCOMPARE(session.engine()->database().url().path, first.path);
    const QString firstInstance = session.engine()->instanceId();

    // A step under way finishes before the engine goes; the window goes with it.
    consoletest::sleepMs() = 700;
    wfo::StartRequest request;
    request.workflow = u"console_sleep"_s;
    request.actor = u"tester"_s;
    const QString process = testsupport::await(session.engine()->start(request)).processId;
    QTRY_COMPARE(session.engine()->runningCount(), 1);
    QPointer<MainWindow> old = session.window();
    emit old->databaseSwitchRequested(second);
    QVERIFY(session.isSwitching());
    QVERIFY(!old->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, 15000);
    QVERIFY(old.isNull());
    QVERIFY(!session.isSwitching());
    QCOMPARE(session.engine()->database().url().path, second.path);
    QVERIFY(QFile::exists(second.path));
    QCOMPARE(session.window()->currentPage(), session.window()->settingsPage());
    {
        const wfo::store::Database database(first);
        for (const auto &instance : wfo::store::EngineRepository(database).instances())
            QVERIFY(instance.id != firstInstance); // it left the first database
        database.closeThreadConnection();
    }

    // A database that cannot be opened: the operator goes back to the previous one.
    wfo::store::DatabaseUrl unreachable;
    unreachable.kind = wfo::store::DatabaseUrl::Kind::PostgreSQL;
    unreachable.host = u"127.0.0.1"_s;
    unreachable.port = freePort();
    unreachable.database = u"orch"_s;
    unreachable.user = u"alice"_s;
    unreachable.password = u"pw"_s;
    emit session.window()->databaseSwitchRequested(unreachable);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = consoletest::findTopLevel<QMessageBox>(u"openFailedBox"_s)) != nullptr);
    QVERIFY(box->informativeText().contains(u"127.0.0.1"));
    auto *previous = box->findChild<QPushButton *>(u"previousDatabaseButton"_s);
    QVERIFY(previous);
    QTest::mouseClick(previous, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 3, 15000);
    QCOMPARE(session.engine()->database().url().path, second.path);
    QCOMPARE(QSettings().value(DatabaseSettings::urlKey()).toString(),
             u"sqlite://"_s + second.path);
    consoletest::sleepMs() = 3000;
    Q_UNUSED(process)
}

void TestConsoleDatabase::instancesListShowsBothEngines()
{
    consoletest::Fixture fixture;
    QString error;
    QVERIFY2(fixture.open(&error), qPrintable(error));
    MainWindow *window = fixture.window();
    window->showPage(MainWindow::Page::Settings);
    auto *panel = window->settingsPage()->instancesPanel();
    panel->setRefreshInterval(200);
    InstanceListModel *model = panel->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString own = fixture.engine()->instanceId();
    QTRY_VERIFY(model->rowOf(own) >= 0);
    QVERIFY(model->index(model->rowOf(own), InstanceListModel::Id)
                .data()
                .toString()
                .contains(u"this console"));

    // A second engine on the same database, as a worker on another machine would be.
    wfo::WorkflowRegistry registry;
    consoletest::registerWorkflows(registry);
    wfo::EngineOptions options;
    options.url = fixture.database().url();
    options.threads = 1;
    options.kind = u"worker"_s;
    options.claimQueued = false;
    auto second = std::make_unique<wfo::Engine>(&registry, options);
    QVERIFY2(testsupport::openEngine(*second, &error), qPrintable(error));
    const QString other = second->instanceId();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(other) >= 0, 5000);
    const int row = model->rowOf(other);
    QCOMPARE(model->index(row, InstanceListModel::Kind).data().toString(), u"worker"_s);
    QCOMPARE(model->index(row, InstanceListModel::Pid)
                 .data(InstanceListModel::RawValueRole)
                 .toLongLong(),
             QCoreApplication::applicationPid());
    QCOMPARE(model->index(row, InstanceListModel::Threads).data().toString(), u"1"_s);
    QCOMPARE(model->index(row, InstanceListModel::Running).data().toString(), u"idle"_s);

    // What it runs shows while it runs.
    consoletest::sleepMs() = 2000;
    wfo::StartRequest request;
    request.workflow = u"console_sleep"_s;
    request.actor = u"tester"_s;
    const QString process = testsupport::await(second->start(request)).processId;
    QVERIFY(!process.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(model->index(model->rowOf(other), InstanceListModel::Running)
                                 .data()
                                 .toString()
                                 .contains(u"console_sleep"),
                             3000);
    QVERIFY(testsupport::waitStopped(*second, process).has_value());

    // It leaves: the list follows.
    second.reset();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(other) < 0, 5000);
    QVERIFY(model->rowOf(own) >= 0);
    consoletest::sleepMs() = 3000;
}

void TestConsoleDatabase::statusBarShowsOutageAndRecovery()
{
    consoletest::Fixture fixture;
    QString error;
    QVERIFY2(fixture.open(&error), qPrintable(error));
    const QString process = fixture.runToRest(u"console_quick"_s);
    MainWindow *window = fixture.window();
    window->openProcess(process);
    auto *detail = window->processDetail();
    QTRY_VERIFY(detail->process().has_value());
    auto *status = window->findChild<QLabel *>(u"databaseStatus"_s);
    QVERIFY(status->text().startsWith(u"Database: "));

    emit fixture.engine()->databaseProblem(u"could not connect to server: Connection refused"_s);
    QVERIFY2(status->text().contains(u"unreachable"), qPrintable(status->text()));
    QVERIFY(status->text().contains(u"Connection refused"));
    const QString since = status->property("since").toString();
    QVERIFY(!since.isEmpty());
    // Repeated reports keep the time the outage began; the views keep what they show.
    QTest::qWait(1100);
    emit fixture.engine()->databaseProblem(u"still refused"_s);
    QCOMPARE(status->property("since").toString(), since);
    QVERIFY(detail->process().has_value());
    QCOMPARE(detail->process()->id, process);

    QSignalSpy refreshed(fixture.context(), &ConsoleContext::changed);
    emit fixture.engine()->databaseOk();
    QVERIFY2(status->text().contains(u"reachable again"), qPrintable(status->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 1000); // views look again at once
    emit fixture.engine()->databaseOk(); // a repeated "ok" keeps the message for a while
    QVERIFY(status->text().contains(u"reachable again"));
}

void TestConsoleDatabase::changesOfOtherEnginesReachTheViews()
{
    consoletest::Fixture fixture;
    QString error;
    QVERIFY2(fixture.open(&error), qPrintable(error));
    fixture.context()->setPollInterval(0); // only the engine's signals
    QSignalSpy processChanged(fixture.context(), &ConsoleContext::processChanged);
    QSignalSpy changed(fixture.context(), &ConsoleContext::changed);
    QSignalSpy engines(fixture.context(), &ConsoleContext::enginesChanged);
    QElapsedTimer timer;
    timer.start();
    emit fixture.engine()->changed(u"process"_s, u"p-42"_s);
    QCOMPARE(processChanged.size(), 1);
    QCOMPARE(processChanged.at(0).at(0).toString(), u"p-42"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 1000);
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(engines.isEmpty());
    emit fixture.engine()->changed(u"engine"_s, u"instances"_s);
    QCOMPARE(engines.size(), 1);
    changed.clear();
    emit fixture.engine()->changed(u"subscription"_s, u"s-1"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 1000);
}

void TestConsoleDatabase::subscriptionDelta_data()
{
    QTest::addColumn<QString>("block");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::newRow("own field") << QString() << u"description"_s << u"Node ams-rt1"_s
                               << u"Node ams-rt1 (core)"_s;
    QTest::newRow("changed resource")
        << u"node (NodeBlock)"_s << u"ipv4_loopback"_s << u"10.0.0.1"_s << u"10.0.0.9"_s;
    QTest::newRow("added resource") << u"node (NodeBlock)"_s << u"role"_s << QString() << u"core"_s;
    QTest::newRow("other block referenced")
        << u"node (NodeBlock) › site (SiteBlock)"_s << u"depends on"_s << u"sub-site / blk-site-a"_s
        << u"sub-site / blk-site-b"_s;
    QTest::newRow("added block") << u"bgp (BgpBlock)"_s << QString() << QString() << u"blk-bgp"_s;
    QTest::newRow("removed block")
        << u"monitoring (MonitoringBlock)"_s << QString() << u"blk-mon"_s << QString();
}

void TestConsoleDatabase::subscriptionDelta()
{
    QFETCH(QString, block);
    QFETCH(QString, field);
    QFETCH(QString, before);
    QFETCH(QString, after);
    const QList<SubscriptionChange> changes =
        wfo::console::subscriptionDelta(consoletest::modifyBefore(), consoletest::modifyAfter());
    QCOMPARE(changes.size(), 6); // nothing unchanged is listed
    bool found = false;
    for (const SubscriptionChange &change : changes) {
        if (change.block == block && change.field == field) {
            QCOMPARE(change.before, before);
            QCOMPARE(change.after, after);
            QCOMPARE(change.subscriptionId, u"sub-1"_s);
            found = true;
        }
    }
    QVERIFY(found);
    QVERIFY(
        wfo::console::subscriptionDelta(consoletest::modifyBefore(), consoletest::modifyBefore())
            .isEmpty());
}

void TestConsoleDatabase::processDetailShowsModifyDelta()
{
    consoletest::Fixture fixture;
    QString error;
    QVERIFY2(fixture.open(&error), qPrintable(error));
    const QString quick = fixture.runToRest(u"console_quick"_s);
    const QString modify = fixture.runToRest(u"console_modify"_s);
    MainWindow *window = fixture.window();
    auto *detail = window->processDetail();
    auto *tabs = detail->findChild<QTabWidget *>(u"processTabs"_s);
    auto *delta = detail->subscriptionDelta();
    const int tab = tabs->indexOf(delta);
    QVERIFY(tab >= 0);

    window->openProcess(quick);
    QTRY_VERIFY(detail->process().has_value() && detail->process()->id == quick);
    QVERIFY(!tabs->isTabEnabled(tab));

    window->openProcess(modify);
    QTRY_VERIFY(detail->process().has_value() && detail->process()->id == modify);
    QVERIFY(tabs->isTabEnabled(tab));
    tabs->setCurrentIndex(tab);
    QCOMPARE(delta->changes().size(), 6);
    const QList<QTreeWidgetItem *> rows =
        delta->findItems(u"ipv4_loopback"_s, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first()->parent()->text(0), u"node (NodeBlock)"_s);
    QCOMPARE(rows.first()->text(1), u"10.0.0.1"_s);
    QCOMPARE(rows.first()->text(2), u"10.0.0.9"_s);
    const QList<QTreeWidgetItem *> added = delta->findItems(u"bgp (BgpBlock)"_s, Qt::MatchExactly);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first()->text(2), u"added"_s);
}

QTEST_MAIN(TestConsoleDatabase)
#include "tst_consoledatabase.moc"
