// The process search (store/processsearch.h) on SQLite and on PostgreSQL: six processes on
// three subscriptions of two customers and a task on none, and the queries an operator types
// in the Processes list, each with the processes it must give; the count agrees with the list,
// the search combines with the list's own filters, and a search beyond the limits is refused
// with a sentence.
#include "testdatabase.h"

#include "store/database.h"
#include "store/processrepository.h"
#include "store/processsearch.h"
#include "store/subscriptionrepository.h"

#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace wfo;

class TestProcessSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void search_data();
    void search();
    void combinesWithTheListFilters();
    void refusesBeyondTheLimits();

private:
    QString newId() const { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    QString product(const QString &name, const QString &tag);
    QString subscription(const QString &product, const QString &customer,
                         const QString &description);
    void process(const QString &name, const QString &workflow, ProcessStatus status,
                 const QString &subscription, const QString &createdBy,
                 const QString &lastStep = {}, const QString &nextStep = {},
                 const QString &reason = {});
    QStringList names(const store::ProcessFilter &filter);
    void fill();

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<store::Database> m_database;
    QHash<QString, QString> m_ids; // test name -> id, for processes and subscriptions
};

QString TestProcessSearch::product(const QString &name, const QString &tag)
{
    const QString id = newId();
    m_database->exec(u"INSERT INTO products (product_id, name, description, product_type, tag, "
                     "created_at) VALUES (:id, :name, '', 'Node', :tag, "
                     "'2024-01-01T00:00:00.000Z')"_s,
                     {{u"id"_s, id}, {u"name"_s, name}, {u"tag"_s, tag}});
    return id;
}

QString TestProcessSearch::subscription(const QString &product, const QString &customer,
                                        const QString &description)
{
    const QString id = newId();
    m_database->exec(u"INSERT INTO subscriptions (subscription_id, product_id, customer_id, "
                     "description, status, insync, version, created_at, last_modified_at) "
                     "VALUES (:id, :product, :customer, :description, 'active', 1, 1, "
                     "'2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')"_s,
                     {{u"id"_s, id},
                      {u"product"_s, product},
                      {u"customer"_s, customer},
                      {u"description"_s, description}});
    return id;
}

void TestProcessSearch::process(const QString &name, const QString &workflow, ProcessStatus status,
                                const QString &subscription, const QString &createdBy,
                                const QString &lastStep, const QString &nextStep,
                                const QString &reason)
{
    store::ProcessRecord p;
    p.id = newId();
    p.workflowName = workflow;
    p.isTask = workflow.startsWith(u"task_"_s);
    p.status = status;
    p.lastStep = lastStep;
    p.nextStepName = nextStep;
    p.failedReason = reason;
    p.createdBy = createdBy;
    // One process a minute: the list's order is the order they are made in.
    p.startedAt = u"2024-06-01T12:%1:00.000Z"_s.arg(m_ids.size(), 2, 10, QLatin1Char('0'));
    p.lastModifiedAt = p.startedAt;
    store::ProcessRepository(*m_database).insertProcess(p);
    if (!subscription.isEmpty())
        store::SubscriptionRepository(*m_database).linkProcess(p.id, subscription, {});
    m_ids.insert(name, p.id);
}

void TestProcessSearch::initTestCase()
{
    try {
        fill();
    } catch (const store::StoreError &e) {
        QFAIL(qPrintable(e.message()));
    }
}

void TestProcessSearch::fill()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_database = std::make_unique<store::Database>(m_db->url());
    m_database->ensureSchema(true);
    store::ProcessRepository processes(*m_database);
    processes.registerWorkflow(u"validate_node"_s, u"VALIDATE"_s, u"Validate"_s, false);
    processes.registerWorkflow(u"modify_note"_s, u"MODIFY"_s, u"Modify note"_s, false);
    processes.registerWorkflow(u"create_node"_s, u"CREATE"_s, u"Create"_s, false);
    processes.registerWorkflow(u"task_clean_up_tasks"_s, u"SYSTEM"_s, u"Clean up"_s, true);

    const QString node = product(u"Node Enrollment"_s, u"NE"_s);
    const QString peering = product(u"IP Peering"_s, u"IP"_s);
    const QString s1 = subscription(node, u"acme"_s, u"Node 12 Amsterdam"_s);
    const QString s2 = subscription(node, u"globex"_s, u"Node 7 Rotterdam"_s);
    const QString s3 = subscription(peering, u"acme-2"_s, u"Core router 50%_x"_s);
    m_ids.insert(u"s1"_s, s1);
    m_ids.insert(u"s2"_s, s2);
    m_ids.insert(u"s3"_s, s3);

    process(u"p1"_s, u"validate_node"_s, ProcessStatus::Failed, s1, u"erin"_s, u"Check NSO"_s,
            u"Check NSO"_s, u"NSO timeout after 30 s"_s);
    process(u"p2"_s, u"validate_node"_s, ProcessStatus::Completed, s2, u"SYSTEM"_s, u"Done"_s);
    process(u"p3"_s, u"modify_note"_s, ProcessStatus::Waiting, s1, u"bob"_s, {}, u"Confirm"_s);
    process(u"p4"_s, u"task_clean_up_tasks"_s, ProcessStatus::Completed, {}, u"SYSTEM"_s,
            u"Done"_s);
    process(u"p5"_s, u"create_node"_s, ProcessStatus::Running, s3, u"erin"_s, {}, u"Provision"_s);
    process(u"p6"_s, u"validate_node"_s, ProcessStatus::Aborted, s3, u"O'Hara"_s,
            u"User Aborted"_s);
}

void TestProcessSearch::cleanupTestCase()
{
    if (m_database)
        m_database->closeThreadConnection();
    m_database.reset();
    m_db.reset();
}

QStringList TestProcessSearch::names(const store::ProcessFilter &filter)
{
    QStringList found;
    for (const store::ProcessRecord &p : store::ProcessRepository(*m_database).list(filter))
        found.append(m_ids.key(p.id, p.id));
    std::sort(found.begin(), found.end());
    return found;
}

void TestProcessSearch::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    const QStringList all {u"p1"_s, u"p2"_s, u"p3"_s, u"p4"_s, u"p5"_s, u"p6"_s};
    auto row = [](const char *name, const QString &query, const QStringList &expected) {
        QTest::newRow(name) << query << expected;
    };
    row("nothing", u""_s, all);
    row("blank", u"   "_s, all);
    row("status", u"status:failed"_s, {u"p1"_s});
    row("status is exact", u"status:fail"_s, {});
    row("status any", u"status:(failed|waiting)"_s, {u"p1"_s, u"p3"_s});
    row("not status", u"-status:completed"_s, {u"p1"_s, u"p3"_s, u"p5"_s, u"p6"_s});
    row("workflow prefix", u"workflow:validate*"_s, {u"p1"_s, u"p2"_s, u"p6"_s});
    row("workflow is exact", u"workflow:validate"_s, {});
    row("workflow any case", u"WORKFLOW:Modify_Note"_s, {u"p3"_s});
    row("customer", u"customer:acme"_s, {u"p1"_s, u"p3"_s});
    row("customer prefix", u"customer:acme*"_s, {u"p1"_s, u"p3"_s, u"p5"_s, u"p6"_s});
    // A process on no subscription has no customer acme either.
    row("not customer", u"-customer:acme"_s, {u"p2"_s, u"p4"_s, u"p5"_s, u"p6"_s});
    row("subscription description", u"subscription:amsterdam"_s, {u"p1"_s, u"p3"_s});
    row("subscription id", u"subscription:"_s + m_ids.value(u"s2"_s), {u"p2"_s});
    row("subscription_id", u"subscription_id:"_s + m_ids.value(u"s3"_s), {u"p5"_s, u"p6"_s});
    row("product phrase", u"product:\"IP Peering\""_s, {u"p5"_s, u"p6"_s});
    row("tag", u"tag:ne"_s, {u"p1"_s, u"p2"_s, u"p3"_s});
    row("description field", u"description:\"node 7 rotterdam\""_s, {u"p2"_s});
    row("step last or next", u"step:confirm"_s, {u"p3"_s});
    row("step next", u"step:provision"_s, {u"p5"_s});
    row("step prefix", u"step:check*"_s, {u"p1"_s});
    // Processes with no step yet are not lost to a negation.
    row("not step", u"-step:confirm"_s, {u"p1"_s, u"p2"_s, u"p4"_s, u"p5"_s, u"p6"_s});
    row("creator", u"creator:erin"_s, {u"p1"_s, u"p5"_s});
    row("not creator", u"-creator:system"_s, {u"p1"_s, u"p3"_s, u"p5"_s, u"p6"_s});
    row("task", u"task:true"_s, {u"p4"_s});
    row("not a task", u"task:false"_s, {u"p1"_s, u"p2"_s, u"p3"_s, u"p5"_s, u"p6"_s});
    row("target", u"target:validate"_s, {u"p1"_s, u"p2"_s, u"p6"_s});
    row("targets", u"target:(create|modify)"_s, {u"p3"_s, u"p5"_s});
    row("reason", u"reason:timeout"_s, {u"p1"_s});
    row("not reason", u"-reason:timeout"_s, {u"p2"_s, u"p3"_s, u"p4"_s, u"p5"_s, u"p6"_s});
    row("id", u"id:"_s + m_ids.value(u"p2"_s), {u"p2"_s});
    row("free text in subscription", u"rotterdam"_s, {u"p2"_s});
    row("free text in step and reason", u"nso"_s, {u"p1"_s});
    row("free text both words", u"amsterdam failed"_s, {u"p1"_s});
    row("free text customer", u"globex"_s, {u"p2"_s});
    row("free text prefix", u"erin validate*"_s, {u"p1"_s});
    row("percent is literal", u"50%"_s, {u"p5"_s, u"p6"_s});
    row("underscore is literal", u"0%_x"_s, {u"p5"_s, u"p6"_s});
    row("quote", u"o'hara"_s, {u"p6"_s});
    row("not free text", u"-acme"_s, {u"p2"_s, u"p4"_s});
    row("unknown field is text", u"city:rotterdam"_s, {u"p2"_s});
    row("fields together", u"workflow:validate* customer:acme*"_s, {u"p1"_s, u"p6"_s});
}

void TestProcessSearch::search()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    store::ProcessFilter filter;
    filter.search = query;
    QCOMPARE(names(filter), expected);
    QCOMPARE(store::ProcessRepository(*m_database).count(filter), qint64(expected.size()));
}

void TestProcessSearch::combinesWithTheListFilters()
{
    store::ProcessFilter filter;
    filter.search = u"validate*"_s;
    filter.statuses = {u"completed"_s, u"aborted"_s};
    QCOMPARE(names(filter), (QStringList {u"p2"_s, u"p6"_s}));
    filter.isTask = false;
    filter.createdBy = u"SYSTEM"_s;
    QCOMPARE(names(filter), QStringList {u"p2"_s});
    // Paged: newest change first, the search applied before the page is cut.
    store::ProcessFilter paged;
    paged.search = u"customer:acme*"_s;
    paged.limit = 2;
    QStringList pages;
    for (const store::ProcessRecord &p : store::ProcessRepository(*m_database).list(paged))
        pages.append(m_ids.key(p.id));
    paged.offset = 2;
    for (const store::ProcessRecord &p : store::ProcessRepository(*m_database).list(paged))
        pages.append(m_ids.key(p.id));
    QCOMPARE(pages, (QStringList {u"p6"_s, u"p5"_s, u"p3"_s, u"p1"_s}));
}

void TestProcessSearch::refusesBeyondTheLimits()
{
    store::ProcessFilter filter;
    QStringList values;
    for (int i = 0; i <= store::SearchSyntax::MaxValues; ++i)
        values.append(QString::number(i));
    filter.search = u"status:(%1)"_s.arg(values.join(u'|'));
    try {
        store::ProcessRepository(*m_database).list(filter);
        QFAIL("a search of more values than allowed was run");
    } catch (const store::StoreError &e) {
        QVERIFY2(e.message().contains(QString::number(store::SearchSyntax::MaxValues)),
                 qPrintable(e.message()));
    }
    filter.search = u"x"_s.repeated(store::SearchSyntax::MaxValueLength + 1);
    QVERIFY_THROWS_EXCEPTION(store::StoreError,
                             store::ProcessRepository(*m_database).count(filter));
}

QTEST_GUILESS_MAIN(TestProcessSearch)
#include "tst_processsearch.moc"
