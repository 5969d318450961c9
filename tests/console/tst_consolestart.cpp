// The start page's totals and chart, and the desktop notifications: the products card counts
// the active subscriptions of each product and opens the list searched for one, the active
// subscriptions card counts them and opens the list filtered to them, the chart stacks the
// processes of the last days by status, both counts walk an index, and the notifier picks the
// operator's failures and long completions and nothing else.
#include "consoletestkit.h"

#include "enginewaiter.h"

#include "notifications/processnotifier.h"
#include "start/processchart.h"
#include "start/startcard.h"
#include "start/startpage.h"
#include "subscriptions/subscriptionspage.h"

#include "queries/startcards.h"
#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/timestamps.h"

#include <QApplication>
#include <QBarSet>
#include <QCheckBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace wfo::console;

namespace {

constexpr int EnrollmentsActive = 4;
constexpr int ServicesActive = 2;

QString timeOn(const QDate &day, int hour = 12)
{
    return wfo::store::Timestamps::toText(QDateTime(day, QTime(hour, 0), Qt::UTC));
}

} // namespace

class TestConsoleStart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void productsCardCountsActiveSubscriptions();
    void productRowOpensTheListSearchedForIt();
    void activeSubscriptionsCardCountsAndFilters();
    void chartStacksProcessesPerDayAndStatus();
    void countsWalkAnIndex_data();
    void countsWalkAnIndex();
    void notifierDecides_data();
    void notifierDecides();
    void notifierNoticesTheOperatorsProcesses();
    void notificationsCanBeTurnedOff();

private:
    StartPage *startPage();
    QListWidgetItem *productRow(const QString &name);
    // Enrolls `node` as the operator, with NSO unreachable when `fail`; waits until at rest.
    QString enroll(const QString &node, bool fail, wfo::ProcessStatus *status);
    void saveSubscriptions(const QString &product, const QString &status, int count);
    QString insertProcess(const QString &status, const QString &startedAt,
                          const QString &lastModifiedAt, const QString &createdBy,
                          bool task = false);
    std::unique_ptr<consoletest::Fixture> m_fixture;
};

void TestConsoleStart::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"OrchestratorConsoleTests"_s);
    qRegisterMetaType<ProcessNotification>();
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    m_fixture = std::make_unique<consoletest::Fixture>(true);
    QString error;
    QVERIFY2(m_fixture->open(&error), qPrintable(error));
    ProcessNotifier::setEnabled(true);
    saveSubscriptions(u"Node Enrollment"_s, u"active"_s, EnrollmentsActive);
    saveSubscriptions(u"Node Enrollment"_s, u"terminated"_s, 3);
    saveSubscriptions(u"Node Enrollment"_s, u"provisioning"_s, 1);
    saveSubscriptions(u"Node System Service"_s, u"active"_s, ServicesActive);
    m_fixture->window();
}

void TestConsoleStart::cleanupTestCase()
{
    m_fixture.reset();
}

StartPage *TestConsoleStart::startPage()
{
    MainWindow *window = m_fixture->window();
    window->showPage(MainWindow::Page::Start);
    return window->startPage();
}

void TestConsoleStart::saveSubscriptions(const QString &product, const QString &status, int count)
{
    wfo::store::SubscriptionRepository repository(m_fixture->engine()->database());
    const std::optional<QJsonObject> found = repository.findProduct(product);
    QVERIFY2(found, qPrintable(product));
    for (int i = 0; i < count; ++i) {
        repository.save(QJsonObject {{u"product_id"_s, found->value(u"product_id").toString()},
                                     {u"customer_id"_s, u"acme"_s},
                                     {u"description"_s, u"%1 %2 %3"_s.arg(product, status).arg(i)},
                                     {u"status"_s, status},
                                     {u"insync"_s, true}},
                        QString(), u"seed"_s, u"tester"_s);
    }
}

QString TestConsoleStart::insertProcess(const QString &status, const QString &startedAt,
                                        const QString &lastModifiedAt, const QString &createdBy,
                                        bool task)
{
    // Straight into the store: rows of chosen days and durations without running them.
    wfo::store::ProcessRecord p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.workflowName = task ? u"task_validate_products"_s : u"modify_note"_s;
    p.isTask = task;
    p.status = *wfo::processStatusFromString(status);
    p.createdBy = createdBy;
    p.startedAt = startedAt;
    p.lastModifiedAt = lastModifiedAt;
    wfo::store::ProcessRepository(m_fixture->engine()->database()).insertProcess(p);
    return p.id;
}

QString TestConsoleStart::enroll(const QString &node, bool fail, wfo::ProcessStatus *status)
{
    if (fail)
        qputenv("NODE_ENROLLMENT_NSO_OFFLINE", "1");
    wfo::StartRequest request;
    request.workflow = u"create_node_enrollment"_s;
    request.actor = u"tester"_s;
    request.userInputs = QJsonArray {QJsonObject {{u"customer_id"_s, u"acme"_s},
                                                  {u"select_node"_s, node},
                                                  {u"role_id"_s, u"core"_s}},
                                     QJsonObject {}};
    const QString id = testsupport::runToRest(*m_fixture->engine(), request, status);
    qunsetenv("NODE_ENROLLMENT_NSO_OFFLINE");
    return id;
}

QListWidgetItem *TestConsoleStart::productRow(const QString &name)
{
    StartCard *card = startPage()->card(u"productsCard"_s);
    if (!card)
        return nullptr;
    auto *list = card->findChild<QListWidget *>(u"cardList"_s);
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(name + u"  ·"_s))
            return list->item(row);
    }
    return nullptr;
}

void TestConsoleStart::productsCardCountsActiveSubscriptions()
{
    StartPage *page = startPage();
    StartCard *card = page->card(u"productsCard"_s);
    QVERIFY(card);
    // Every product of the catalogue is counted, the most subscribed first.
    const qsizetype products =
        wfo::store::SubscriptionRepository(m_fixture->engine()->database()).products().size();
    QTRY_COMPARE(card->countLabel()->text(), QString::number(products));
    QTRY_VERIFY(productRow(u"Node Enrollment"_s));
    QListWidget *list = card->list();
    QCOMPARE(list->item(0)->text(), u"Node Enrollment  ·  %1 active"_s.arg(EnrollmentsActive));
    QCOMPARE(list->item(1)->text(), u"Node System Service  ·  %1 active"_s.arg(ServicesActive));

    // A new active subscription is counted at the next refresh.
    saveSubscriptions(u"Node System Service"_s, u"active"_s, 1);
    m_fixture->context()->notifyChanged();
    QTRY_COMPARE(productRow(u"Node System Service"_s)->text(),
                 u"Node System Service  ·  %1 active"_s.arg(ServicesActive + 1));
}

void TestConsoleStart::productRowOpensTheListSearchedForIt()
{
    QTRY_VERIFY(productRow(u"Node Enrollment"_s));
    QListWidgetItem *item = productRow(u"Node Enrollment"_s);
    QListWidget *list = item->listWidget();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
    MainWindow *window = m_fixture->window();
    auto *subscriptions = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    QVERIFY(subscriptions);
    QTRY_COMPARE(window->currentPage(), subscriptions);
    QCOMPARE(subscriptions->searchBox()->text(), u"product:\"Node Enrollment\""_s);
    QCOMPARE(subscriptions->findChild<QTabBar *>(u"subscriptionTabs"_s)->currentIndex(),
             int(SubscriptionsPage::Active));
    QTRY_COMPARE_WITH_TIMEOUT(subscriptions->view()->model()->rowCount(), EnrollmentsActive, 5000);
}

void TestConsoleStart::activeSubscriptionsCardCountsAndFilters()
{
    StartCard *card = startPage()->card(u"activeSubscriptionsCard"_s);
    QVERIFY(card);
    const int active = EnrollmentsActive + ServicesActive + 1; // one added above
    QTRY_COMPARE(card->countLabel()->text(), QString::number(active));
    auto *link = card->findChild<QLabel *>(u"cardLink"_s);
    QVERIFY(link);
    emit link->linkActivated(u"all"_s);
    MainWindow *window = m_fixture->window();
    auto *subscriptions = window->findChild<SubscriptionsPage *>(u"subscriptionsPage"_s);
    QTRY_COMPARE(window->currentPage(), subscriptions);
    QCOMPARE(subscriptions->searchBox()->text(), u"status:active"_s);
    QTRY_COMPARE_WITH_TIMEOUT(subscriptions->view()->model()->rowCount(), active, 5000);
}

void TestConsoleStart::chartStacksProcessesPerDayAndStatus()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate yesterday = today.addDays(-1);
    const QDate threeAgo = today.addDays(-3);
    for (int i = 0; i < 3; ++i)
        insertProcess(u"completed"_s, timeOn(yesterday, 8 + i), timeOn(yesterday, 9 + i),
                      u"someone"_s);
    insertProcess(u"failed"_s, timeOn(yesterday), timeOn(yesterday), u"someone"_s);
    insertProcess(u"aborted"_s, timeOn(threeAgo), timeOn(threeAgo), u"someone"_s);
    insertProcess(u"api_unavailable"_s, timeOn(threeAgo, 0), timeOn(threeAgo, 1), u"someone"_s);
    insertProcess(u"suspended"_s, timeOn(threeAgo, 23), timeOn(threeAgo, 23), u"someone"_s);
    // Not counted: a task, and a process older than the window.
    insertProcess(u"failed"_s, timeOn(yesterday), timeOn(yesterday), u"someone"_s, true);
    insertProcess(u"completed"_s, timeOn(today.addDays(-7)), timeOn(today), u"someone"_s);

    StartPage *page = startPage();
    ProcessChart *chart = page->findChild<ProcessChart *>(u"processChart"_s);
    QVERIFY(chart);
    QVERIFY(chart->isVisible());
    m_fixture->context()->notifyChanged();
    QTRY_COMPARE(chart->barSet(u"completed"_s)->count(), 7);
    QCOMPARE(chart->categories().size(), 7);
    QCOMPARE(chart->series()->count(), 5);
    QTRY_COMPARE(chart->barSet(u"completed"_s)->at(5), 3.0);
    QCOMPARE(chart->barSet(u"failed"_s)->at(5), 1.0);
    QCOMPARE(chart->barSet(u"aborted"_s)->at(5), 0.0);
    QCOMPARE(chart->barSet(u"aborted"_s)->at(3), 1.0);
    QCOMPARE(chart->barSet(u"failed"_s)->at(3), 1.0);
    QCOMPARE(chart->barSet(u"waiting"_s)->at(3), 1.0);
    QCOMPARE(chart->barSet(u"completed"_s)->at(3), 0.0);
    QCOMPARE(chart->barSet(u"completed"_s)->at(0), 0.0); // a week ago is outside
    // The console's status colours.
    QCOMPARE(chart->barSet(u"failed"_s)->color(), QColor(0xc6, 0x28, 0x28));
    QCOMPARE(chart->barSet(u"completed"_s)->color(), QColor(0x2e, 0x7d, 0x32));

    // The query alone, for the whole window.
    const wfo::queries::ProcessesPerDay data =
        wfo::queries::StartCardQuery::processesPerDay(m_fixture->engine()->database(), today, 7);
    QCOMPARE(data.days.first(), today.addDays(-6));
    QCOMPARE(data.days.last(), today);
    QCOMPARE(data.counts.value(u"running"_s).at(3), qint64(0));
}

void TestConsoleStart::countsWalkAnIndex_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QVariantMap>("values");
    QTest::addColumn<QString>("index");
    QTest::newRow("active subscriptions per product")
        << wfo::store::SubscriptionRepository::productCountsStatement()
        << QVariantMap {{u"status"_s, u"active"_s}} << u"subscriptions_status_product_idx"_s;
    QTest::newRow("processes per day and status")
        << wfo::store::ProcessRepository::countPerDayStatement()
        << QVariantMap {{u"from"_s, u"2026-01-01"_s}, {u"is_task"_s, 0}}
        << u"processes_started_idx"_s;
}

void TestConsoleStart::countsWalkAnIndex()
{
    // At a million rows a count is only cheap on an index that holds every column it reads.
    QFETCH(QString, statement);
    QFETCH(QVariantMap, values);
    QFETCH(QString, index);
    const wfo::store::Database &database = m_fixture->engine()->database();
    QString plan;
    if (m_fixture->database().isPostgres()) {
        // A few rows fit a page, where a sequential scan always wins: forbid it.
        // PostgreSQL cannot prepare an EXPLAIN: the values go into its text.
        QString text = statement;
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            const QString literal = it.value().typeId() == QMetaType::QString
                ? u"'"_s + it.value().toString() + u"'"_s
                : it.value().toString();
            text.replace(u":"_s + it.key(), literal);
        }
        database.exec(u"BEGIN"_s);
        database.exec(u"SET LOCAL enable_seqscan = off"_s);
        QSqlQuery explain = database.exec(u"EXPLAIN "_s + text);
        while (explain.next())
            plan += explain.value(0).toString() + u'\n';
        explain.finish();
        database.exec(u"ROLLBACK"_s);
        QVERIFY2(plan.contains(index), qPrintable(plan));
        QVERIFY2(plan.contains(u"Index Only Scan"_s), qPrintable(plan));
    } else {
        QSqlQuery explain = database.exec(u"EXPLAIN QUERY PLAN "_s + statement, values);
        while (explain.next())
            plan += explain.value(3).toString() + u'\n';
        QVERIFY2(plan.contains(u"COVERING INDEX "_s + index), qPrintable(plan));
    }
    database.closeThreadConnection();
}

void TestConsoleStart::notifierDecides_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("createdBy");
    QTest::addColumn<bool>("notified");
    QTest::newRow("mine failed at once") << u"failed"_s << 2 << u"tester"_s << true;
    QTest::newRow("mine api unavailable") << u"api_unavailable"_s << 5 << u"tester"_s << true;
    QTest::newRow("mine completed after 61 s") << u"completed"_s << 61 << u"tester"_s << true;
    QTest::newRow("mine completed after 2 h") << u"completed"_s << 7200 << u"tester"_s << true;
    QTest::newRow("mine completed fast") << u"completed"_s << 3 << u"tester"_s << false;
    QTest::newRow("mine completed after 60 s") << u"completed"_s << 60 << u"tester"_s << false;
    QTest::newRow("mine running long") << u"running"_s << 600 << u"tester"_s << false;
    QTest::newRow("mine suspended") << u"suspended"_s << 600 << u"tester"_s << false;
    QTest::newRow("mine aborted") << u"aborted"_s << 600 << u"tester"_s << false;
    QTest::newRow("theirs failed") << u"failed"_s << 2 << u"someone"_s << false;
    QTest::newRow("theirs completed slowly") << u"completed"_s << 600 << u"someone"_s << false;
}

void TestConsoleStart::notifierDecides()
{
    QFETCH(QString, status);
    QFETCH(int, seconds);
    QFETCH(QString, createdBy);
    QFETCH(bool, notified);
    const QDateTime started(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC);
    wfo::queries::ProcessNotice notice;
    notice.id = u"p-1"_s;
    notice.workflow = u"create_node_enrollment"_s;
    notice.status = status;
    notice.createdBy = createdBy;
    notice.startedAt = wfo::store::Timestamps::toText(started);
    notice.lastModifiedAt = wfo::store::Timestamps::toText(started.addSecs(seconds));
    notice.runMs = qint64(seconds) * 1000;
    notice.subscription = u"Node ams-rt1 Production"_s;
    const std::optional<ProcessNotification> decided = ProcessNotifier::decide(notice, u"tester"_s);
    QCOMPARE(decided.has_value(), notified);
    if (decided) {
        QCOMPARE(decided->processId, u"p-1"_s);
        QVERIFY2(decided->title.contains(u"create_node_enrollment"_s), qPrintable(decided->title));
        QVERIFY2(decided->text.contains(u"Node ams-rt1 Production"_s), qPrintable(decided->text));
        QCOMPARE(decided->failed, status != u"completed");
    }
}

void TestConsoleStart::notifierNoticesTheOperatorsProcesses()
{
    MainWindow *window = m_fixture->window();
    ProcessNotifier *notifier = window->findChild<ProcessNotifier *>(u"processNotifier"_s);
    QVERIFY(notifier);
    QSignalSpy notified(notifier, &ProcessNotifier::notified);
    QSignalSpy opened(m_fixture->context(), &ConsoleContext::openProcessRequested);

    // A failure of a process this console's engine ran for the operator.
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    const QString failed = enroll(u"lon-rt1"_s, true, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, 10000);
    auto notification = notified.at(0).at(0).value<ProcessNotification>();
    QCOMPARE(notification.processId, failed);
    QVERIFY(notification.failed);
    QVERIFY2(notification.title.contains(u"create_node_enrollment"_s),
             qPrintable(notification.title));
    if (!notifier->hasTray()) {
        // Offscreen there is no tray: the status bar says it.
        QVERIFY2(window->statusBar()->currentMessage().contains(u"create_node_enrollment"_s),
                 qPrintable(window->statusBar()->currentMessage()));
    }

    // A quick completion says nothing.
    enroll(u"chi-cr5"_s, false, &status);
    QCOMPARE(status, wfo::ProcessStatus::Completed);

    // Rows as another engine leaves them: a long completion of the operator's, and a failure
    // and a long completion of someone else's.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString nowText = wfo::store::Timestamps::toText(now);
    const QString before = wfo::store::Timestamps::toText(now.addSecs(-150));
    insertProcess(u"failed"_s, before, nowText, u"someone"_s);
    insertProcess(u"completed"_s, before, nowText, u"someone"_s);
    const QString slow = insertProcess(u"completed"_s, before, nowText, u"tester"_s);
    m_fixture->context()->notifyChanged();
    QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 2, 10000);
    notification = notified.at(1).at(0).value<ProcessNotification>();
    QCOMPARE(notification.processId, slow);
    QVERIFY(!notification.failed);
    QVERIFY2(notification.text.contains(u"after 2 min"_s), qPrintable(notification.text));
    // Looking again notices nothing twice.
    m_fixture->context()->notifyChanged();
    QTest::qWait(1000);
    QCOMPARE(notified.size(), 2);
}

void TestConsoleStart::notificationsCanBeTurnedOff()
{
    MainWindow *window = m_fixture->window();
    window->showPage(MainWindow::Page::Settings);
    auto *toggle = window->findChild<QCheckBox *>(u"notificationsToggle"_s);
    QVERIFY(toggle);
    QVERIFY(toggle->isChecked());
    toggle->click();
    QVERIFY(!ProcessNotifier::isEnabled());
    ProcessNotifier *notifier = window->findChild<ProcessNotifier *>(u"processNotifier"_s);
    QSignalSpy notified(notifier, &ProcessNotifier::notified);
    wfo::ProcessStatus status = wfo::ProcessStatus::Created;
    enroll(u"ams-rt2"_s, true, &status);
    QCOMPARE(status, wfo::ProcessStatus::Failed);
    m_fixture->context()->notifyChanged();
    QTest::qWait(1500);
    QCOMPARE(notified.size(), 0);
    toggle->click();
    QVERIFY(ProcessNotifier::isEnabled());
}

QTEST_MAIN(TestConsoleStart)
#include "tst_consolestart.moc"
