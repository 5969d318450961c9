// The domain: catalogue registration, subscriptions saved in the step's transaction with
// versions, lifecycle rules, relations, workflow constraints with their reasons, the
// settings, the search syntax, modify_note and the built-in tasks.
#include "enginewaiter.h"
#include "qtestprinters.h"
#include "routerpack.h"
#include "testdatabase.h"

#include "domain/subscriptionmodel.h"
#include "domain/workflowconstraints.h"
#include "services/installation.h"
#include "services/subscriptionsteps.h"
#include "store/operatorrepository.h"
#include "store/processrepository.h"
#include "store/subscriptionrepository.h"
#include "store/subscriptionsearch.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryFile>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace wfo;
using testsupport::await;

namespace {

std::atomic<bool> &validationFails = testsupport::RouterPack::validationFails;
using TestPack = testsupport::RouterPack;

} // namespace

class TestDomain : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void settingsParsing();
    void searchSyntax_data();
    void searchSyntax();
    void catalogueIsRegisteredIdempotently();
    void productIsFoundByIdBeforeName();
    void createSavesSubscriptionWithVersions();
    void saveRewritesBlocksOnlyWhenTheyChanged();
    void saveWritesTheColumnsThatChanged();
    void missingRequiredResourceFailsTheStep();
    void modifyOnlyWhenUsableAndInSync();
    void failedValidateBlocksModifyButNotModifyNote();
    void inUseByBlocksTerminate();
    void createNeedsOneProductOrAChoice();
    void tasks();
    void resetRestoresTheSubscriptionsOfRewoundSteps();
    void resetRemovesASubscriptionARewoundStepCreated();

private:
    QString create(const QString &workflow, const QJsonObject &input,
                   ProcessStatus expected = ProcessStatus::Completed,
                   const QJsonObject &initial = {});
    QString subscriptionOf(const QString &processId);
    ActionResult start(const QString &workflow, const QJsonObject &initial,
                       const QJsonObject &input = {});

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Installation> m_installation;
    std::unique_ptr<Engine> m_engine;
    TestPack m_pack;
};

void TestDomain::init()
{
    validationFails = false;
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    QString error;
    std::optional<testsupport::InstalledEngine> opened =
        testsupport::openInstalledEngine(m_db->url(), m_pack, &error);
    QVERIFY2(opened, qPrintable(error));
    m_installation = std::move(opened->installation);
    m_engine = std::move(opened->engine);
}

void TestDomain::cleanup()
{
    m_engine.reset();
    m_installation.reset();
    store::Database(m_db->url()).closeThreadConnection();
    m_db.reset();
}

ActionResult TestDomain::start(const QString &workflow, const QJsonObject &initial,
                               const QJsonObject &input)
{
    StartRequest request;
    request.workflow = workflow;
    request.initialState = initial;
    request.inputObject = input;
    request.actor = u"tester"_s;
    return await(m_engine->start(request));
}

QString TestDomain::create(const QString &workflow, const QJsonObject &input,
                           ProcessStatus expected, const QJsonObject &initial)
{
    StartRequest request;
    request.workflow = workflow;
    request.initialState = initial;
    request.inputObject = input;
    request.actor = u"tester"_s;
    ProcessStatus status = ProcessStatus::Running;
    const QString id = testsupport::runToRest(*m_engine, request, &status);
    if (status != expected)
        qWarning() << workflow << "ended" << toText(status) << "expected" << toText(expected);
    return status == expected ? id : QString();
}

QString TestDomain::subscriptionOf(const QString &processId)
{
    return store::ProcessRepository(store::Database(m_db->url()))
        .find(processId)
        ->state.value(u"subscription_id")
        .toString();
}

void TestDomain::settingsParsing()
{
    ConstraintSettings settings;
    QStringList errors;
    settings.merge(QJsonObject {{u"WF_USABLE_MAP"_s, u"{\"wf_a\": [\"active\", \"disabled\"]}"_s},
                                {u"WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS"_s,
                                 QJsonObject {{u"modify_x"_s, true}, {u"terminate_y"_s, false}}},
                                {u"WF_USABLE_WHILE_OUT_OF_SYNC"_s, u"wf_b, wf_c"_s},
                                {u"DEFAULT_PRODUCT_WORKFLOWS"_s, u"[\"modify_note\", \"x\"]"_s}},
                   &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(settings.usableStatuses(u"wf_a"_s, Target::Modify),
             (QStringList {u"active"_s, u"disabled"_s}));
    QCOMPARE(settings.usableStatuses(u"other"_s, Target::Terminate),
             (QStringList {u"active"_s, u"provisioning"_s}));
    QCOMPARE(settings.usableStatuses(u"other"_s, Target::Validate), QStringList {u"active"_s});
    QVERIFY(settings.blockedWhileInUse(u"modify_x"_s, Target::Modify));
    QVERIFY(!settings.blockedWhileInUse(u"terminate_y"_s, Target::Terminate));
    QVERIFY(settings.blockedWhileInUse(u"terminate_z"_s, Target::Terminate));
    QVERIFY(settings.usableOutOfSync(u"modify_note"_s, false));
    QVERIFY(settings.usableOutOfSync(u"wf_c"_s, false));
    QVERIFY(settings.usableOutOfSync(u"any_task"_s, true));
    QVERIFY(!settings.usableOutOfSync(u"wf_d"_s, false));
    QCOMPARE(settings.defaultProductWorkflows, (QStringList {u"modify_note"_s, u"x"_s}));

    settings.merge(QJsonObject {{u"WF_USABLE_MAP"_s, u"not json"_s}}, &errors);
    QCOMPARE(errors.size(), 1);

    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("{ broken");
    file.flush();
    errors.clear();
    QVERIFY(!settings.loadFile(file.fileName(), &errors));
    QVERIFY(errors.first().contains(file.fileName()));
}

void TestDomain::searchSyntax_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected");
    QTest::newRow("all") << QString() << 4;
    QTest::newRow("free text") << u"alpha"_s << 2;
    QTest::newRow("free text case") << u"ALPHA"_s << 2;
    QTest::newRow("field") << u"status:active"_s << 1;
    QTest::newRow("alternatives") << u"status:(active|provisioning)"_s << 3;
    QTest::newRow("negation") << u"-status:active"_s << 3;
    QTest::newRow("prefix") << u"customer:acm*"_s << 2;
    QTest::newRow("product") << u"product:\"test router\""_s << 4;
    QTest::newRow("combined") << u"alpha -customer:acme"_s << 1;
    QTest::newRow("insync") << u"insync:false"_s << 1;
    QTest::newRow("nothing") << u"zebra"_s << 0;
}

void TestDomain::searchSyntax()
{
    QFETCH(QString, query);
    QFETCH(int, expected);
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    const QString product =
        repository.findProduct(u"Test Router"_s)->value(u"product_id").toString();
    const struct
    {
        const char *description;
        const char *customer;
        const char *status;
        bool insync;
    } rows[] = {{"Alpha one", "acme", "active", true},
                {"alpha two", "acme-labs", "provisioning", true},
                {"Beta", "globex", "provisioning", true},
                {"Gamma", "initech", "terminated", false}};
    for (const auto &row : rows) {
        repository.save(QJsonObject {{u"product_id"_s, product},
                                     {u"customer_id"_s, QString::fromLatin1(row.customer)},
                                     {u"description"_s, QString::fromLatin1(row.description)},
                                     {u"status"_s, QString::fromLatin1(row.status)},
                                     {u"insync"_s, row.insync}},
                        QString(), u"seed"_s, u"tester"_s);
    }
    store::SubscriptionQuery q;
    q.search = query;
    QCOMPARE(repository.list(q).size(), expected);
    QCOMPARE(repository.count(q), expected);
    db.closeThreadConnection();
}

void TestDomain::productIsFoundByIdBeforeName()
{
    // One statement reads a product with its fixed inputs. Where one product has the id asked
    // for and another that name (in any case), the one with the id is the answer, with its own
    // fixed inputs only.
    const store::Database db(m_db->url());
    const auto addProduct = [&db](const QString &id, const QString &name) {
        db.exec(u"INSERT INTO products (product_id, name, product_type, tag, created_at) VALUES "
                "(:id, :name, 'Test', 'TEST', '2026-01-01T00:00:00+00:00')"_s,
                {{u"id"_s, id}, {u"name"_s, name}});
    };
    const auto addFixed = [&db](const QString &product, const QString &name, const QString &value) {
        db.exec(u"INSERT INTO fixed_inputs (fixed_input_id, product_id, name, value) VALUES "
                "(:fid, :pid, :name, :value)"_s,
                {{u"fid"_s, QString(product + u'/' + name)},
                 {u"pid"_s, product},
                 {u"name"_s, name},
                 {u"value"_s, value}});
    };
    addProduct(u"P-1"_s, u"Alpha"_s);
    addProduct(u"P-2"_s, u"p-1"_s);
    addProduct(u"P-3"_s, u"Bare"_s);
    addFixed(u"P-1"_s, u"vendor"_s, u"acme"_s);
    addFixed(u"P-1"_s, u"speed"_s, u"10G"_s);
    addFixed(u"P-2"_s, u"colour"_s, u"red"_s);
    store::SubscriptionRepository repository(db);

    const std::optional<QJsonObject> byId = repository.findProduct(u"P-1"_s);
    QVERIFY(byId);
    QCOMPARE(byId->value(u"name").toString(), u"Alpha"_s);
    QCOMPARE(byId->value(u"fixed_inputs").toObject(),
             (QJsonObject {{u"speed"_s, u"10G"_s}, {u"vendor"_s, u"acme"_s}}));
    const std::optional<QJsonObject> byName = repository.findProduct(u"ALPHA"_s);
    QVERIFY(byName);
    QCOMPARE(*byName, *byId);
    const std::optional<QJsonObject> other = repository.findProduct(u"P-2"_s);
    QVERIFY(other);
    QCOMPARE(other->value(u"name").toString(), u"p-1"_s);
    QCOMPARE(other->value(u"fixed_inputs").toObject(), (QJsonObject {{u"colour"_s, u"red"_s}}));
    const std::optional<QJsonObject> bare = repository.findProduct(u"bare"_s);
    QVERIFY(bare);
    QCOMPARE(bare->value(u"product_id").toString(), u"P-3"_s);
    QVERIFY(bare->value(u"fixed_inputs").isObject());
    QVERIFY(bare->value(u"fixed_inputs").toObject().isEmpty());
    QVERIFY(!repository.findProduct(u"P-4"_s));
    db.closeThreadConnection();
}

void TestDomain::catalogueIsRegisteredIdempotently()
{
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    const QJsonArray before = repository.products();
    // Registering again (as every start does) changes nothing.
    DomainExtension(m_installation->catalogue(), &m_installation->registry()).databaseOpened(db);
    QCOMPARE(repository.products(), before);
    QStringList names;
    for (const QJsonValue &w : repository.productWorkflows(
             repository.findProduct(u"Test Router"_s)->value(u"product_id").toString()))
        names.append(w.toObject().value(u"name").toString());
    QCOMPARE(
        names,
        (QStringList {u"create_test_router"_s, u"create_test_router_checked"_s, u"modify_note"_s,
                      u"modify_test_router"_s, u"modify_test_router_checked"_s,
                      u"terminate_test_router"_s, u"validate_test_router"_s}));
    // The default workflow reaches every product, even one without workflows of its own.
    const QJsonArray lonely = repository.productWorkflows(
        repository.findProduct(u"Lonely Product"_s)->value(u"product_id").toString());
    QCOMPARE(lonely.size(), 1);
    QCOMPARE(repository.findProduct(u"test router"_s)
                 ->value(u"fixed_inputs")
                 .toObject()
                 .value(u"vendor")
                 .toString(),
             u"acme"_s);
    db.closeThreadConnection();
}

void TestDomain::createSavesSubscriptionWithVersions()
{
    const QString process = create(u"create_test_router"_s,
                                   {{u"customer_id"_s, u"cust-1"_s}, {u"hostname"_s, u"r1"_s}});
    QVERIFY(!process.isEmpty());
    const QString id = subscriptionOf(process);
    QVERIFY(!id.isEmpty());
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    const QJsonObject sub = repository.load(id).value();
    QCOMPARE(sub.value(u"status").toString(), u"provisioning"_s);
    QCOMPARE(sub.value(u"insync").toBool(), true);
    QCOMPARE(sub.value(u"customer_id").toString(), u"cust-1"_s);
    QCOMPARE(sub.value(u"router").toObject().value(u"hostname").toString(), u"r1"_s);
    QCOMPARE(sub.value(u"product").toObject().value(u"name").toString(), u"Test Router"_s);
    const QJsonArray versions = repository.versions(id);
    QStringList trail;
    for (const QJsonValue &v : versions) {
        QCOMPARE(v.toObject().value(u"process_id").toString(), process);
        QCOMPARE(v.toObject().value(u"created_by").toString(), u"tester"_s);
        trail.append(v.toObject().value(u"step_name").toString());
    }
    QCOMPARE(trail,
             (QStringList {u"Construct router"_s, u"Set subscription status to provisioning"_s,
                           u"Resync subscription"_s}));
    QCOMPARE(sub.value(u"version").toInt(), 3);
    QCOMPARE(repository.version(id, 1)->value(u"status").toString(), u"initial"_s);
    QCOMPARE(repository.processes(id).size(), 1);

    // modify: a further version, and the block keeps its identity.
    const QString modify =
        create(u"modify_test_router"_s, {}, ProcessStatus::Completed, {{u"subscription_id"_s, id}});
    QVERIFY(!modify.isEmpty());
    const QJsonObject after = repository.load(id).value();
    QCOMPARE(after.value(u"status").toString(), u"active"_s);
    QCOMPARE(after.value(u"router").toObject().value(u"asn").toInt(), 64512);
    QCOMPARE(after.value(u"router").toObject().value(u"subscription_instance_id"),
             sub.value(u"router").toObject().value(u"subscription_instance_id"));
    QCOMPARE(repository.processes(id).size(), 2);
    db.closeThreadConnection();
}

namespace {

// The ids of a subscription's stored resource values: new ids mean its blocks were written anew.
QList<qint64> valueIds(const store::Database &db, const QString &subscriptionId)
{
    QSqlQuery q = db.exec(u"SELECT v.value_id FROM subscription_instance_values v JOIN "
                          "subscription_instances si ON si.subscription_instance_id = "
                          "v.subscription_instance_id WHERE si.subscription_id = :id ORDER BY "
                          "v.value_id"_s,
                          {{u"id"_s, subscriptionId}});
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

QJsonObject withoutVersion(QJsonObject model)
{
    model.remove(u"version"_s);
    model.remove(u"insync"_s);
    return model;
}

} // namespace

void TestDomain::saveRewritesBlocksOnlyWhenTheyChanged()
{
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r7"_s}}));
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    const QJsonObject loaded = repository.load(id).value();
    const QList<qint64> before = valueIds(db, id);
    QVERIFY(!before.isEmpty());

    // Only the subscription's own fields change (as unsync and resync do): its rows stay.
    QJsonObject unsynced = loaded;
    unsynced.insert(u"insync"_s, false);
    const QJsonObject saved = repository.save(unsynced, {}, u"Unsync"_s, u"tester"_s);
    QCOMPARE(saved.value(u"version").toInt(), loaded.value(u"version").toInt() + 1);
    QCOMPARE(valueIds(db, id), before);
    const QJsonObject reloaded = repository.load(id).value();
    QCOMPARE(reloaded.value(u"insync").toBool(), false);
    QCOMPARE(withoutVersion(reloaded), withoutVersion(loaded));
    QCOMPARE(repository.version(id, saved.value(u"version").toInt()).value(), saved);

    // A block changed: written anew, with the new value.
    QJsonObject renamed = reloaded;
    QJsonObject router = renamed.value(u"router").toObject();
    router.insert(u"hostname"_s, u"r8"_s);
    renamed.insert(u"router"_s, router);
    repository.save(renamed, {}, u"Rename"_s, u"tester"_s);
    const QList<qint64> afterRename = valueIds(db, id);
    QVERIFY(afterRename != before);
    const QJsonObject current = repository.load(id).value();
    QCOMPARE(current.value(u"router").toObject().value(u"hostname").toString(), u"r8"_s);
    QCOMPARE(current.value(u"router").toObject().value(u"subscription_instance_id"),
             loaded.value(u"router").toObject().value(u"subscription_instance_id"));

    // A copy of an older version, even with the same blocks, is written out in full: the
    // rows may have moved on since it was read.
    QJsonObject stale = reloaded;
    stale.insert(u"insync"_s, true);
    repository.save(stale, {}, u"Resync"_s, u"tester"_s);
    QVERIFY(valueIds(db, id) != afterRename);
    QCOMPARE(repository.load(id)->value(u"router").toObject().value(u"hostname").toString(),
             u"r7"_s);

    // A subscription saved from a model whose block has no label and a resource that is null
    // (as a pack or an import may build one): loaded back, the block has a label (null) and no
    // such resource. Those are the same rows, so an unsync of it keeps them.
    QJsonObject imported = repository.load(id).value();
    imported.remove(u"subscription_id"_s);
    imported.remove(u"version"_s);
    QJsonObject block = imported.value(u"router").toObject();
    block.remove(u"label"_s);
    block.remove(u"subscription_instance_id"_s);
    block.remove(u"owner_subscription_id"_s);
    block.insert(u"hostname"_s, u"r10"_s);
    block.insert(u"serial_number"_s, QJsonValue::Null);
    imported.insert(u"router"_s, block);
    imported.insert(u"description"_s, u"Imported router"_s);
    const QString importedId = repository.save(imported, {}, u"Import"_s, u"tester"_s)
                                   .value(u"subscription_id")
                                   .toString();
    const QList<qint64> importedValues = valueIds(db, importedId);
    QVERIFY(!importedValues.isEmpty());
    QJsonObject loadedImport = repository.load(importedId).value();
    QVERIFY(loadedImport.value(u"router").toObject().contains(u"label"));
    QVERIFY(!loadedImport.value(u"router").toObject().contains(u"serial_number"));
    loadedImport.insert(u"insync"_s, false);
    repository.save(loadedImport, {}, u"Unsync"_s, u"tester"_s);
    QCOMPARE(valueIds(db, importedId), importedValues);
    QCOMPARE(repository.load(importedId)->value(u"insync").toBool(), false);
    db.closeThreadConnection();
}

void TestDomain::saveWritesTheColumnsThatChanged()
{
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r9"_s}}));
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    QJsonObject model = repository.load(id).value();
    const QStringList fields {u"customer_id"_s, u"description"_s, u"status"_s, u"insync"_s,
                              u"start_date"_s,  u"end_date"_s,    u"note"_s};
    auto text = [](const QJsonValue &value) {
        const bool none = value.isNull() || value.isUndefined()
            || (value.isString() && value.toString().isEmpty());
        return none ? u"<none>"_s : value.toVariant().toString();
    };
    QMap<QString, QString> expected;
    for (const QString &field : fields)
        expected.insert(field, text(model.value(field)));

    // Each column changed alone is written, and every other one keeps its value.
    const QList<std::pair<QString, QJsonValue>> changes {
        {u"customer_id"_s, u"other customer"_s},
        {u"description"_s, u"Renamed router"_s},
        {u"status"_s, u"active"_s},
        {u"insync"_s, false},
        {u"start_date"_s, u"2026-01-02T03:04:05.000Z"_s},
        {u"end_date"_s, u"2027-06-30T00:00:00.000Z"_s},
        {u"note"_s, u"Checked by phone"_s},
        {u"insync"_s, true},
        {u"note"_s, QJsonValue::Null},
        {u"end_date"_s, QJsonValue::Null},
    };
    for (const auto &[field, value] : changes) {
        model.insert(field, value);
        expected.insert(field, text(value));
        model = repository.save(model, {}, u"Edit"_s, u"tester"_s);
        const QJsonObject loaded = repository.load(id).value();
        for (const QString &other : fields)
            QCOMPARE(text(loaded.value(other)), expected.value(other));
    }

    // SQLite: a trigger on the description column counts the saves that write it.
    if (m_db->url().isSqlite()) {
        db.exec(u"CREATE TEMP TABLE description_writes (n INTEGER)"_s);
        db.exec(u"INSERT INTO description_writes VALUES (0)"_s);
        db.exec(u"CREATE TEMP TRIGGER count_description_writes AFTER UPDATE OF description ON "
                "main.subscriptions BEGIN UPDATE description_writes SET n = n + 1; END"_s);
        auto writes = [&db] {
            QSqlQuery q = db.exec(u"SELECT n FROM description_writes"_s);
            return q.next() ? q.value(0).toInt() : -1;
        };
        model.insert(u"insync"_s, false); // as unsync does
        model = repository.save(model, {}, u"Unsync"_s, u"tester"_s);
        QCOMPARE(writes(), 0);
        model.insert(u"description"_s, u"Renamed again"_s);
        model = repository.save(model, {}, u"Edit"_s, u"tester"_s);
        QCOMPARE(writes(), 1);
    }
    db.closeThreadConnection();
}

void TestDomain::missingRequiredResourceFailsTheStep()
{
    // No hostname: the subscription cannot become provisioning.
    const QString process =
        create(u"create_test_router"_s, {{u"customer_id"_s, u"cust-2"_s}}, ProcessStatus::Failed);
    QVERIFY(!process.isEmpty());
    const auto record = store::ProcessRepository(store::Database(m_db->url())).find(process);
    QVERIFY2(record->failedReason.contains(u"hostname"_s), qPrintable(record->failedReason));
    QCOMPARE(record->lastStep, u"Set subscription status to provisioning"_s);
    const QString id = record->state.value(u"subscription_id").toString();
    const store::Database db(m_db->url());
    // The construct step's save is kept; the failed status change is not.
    QCOMPARE(store::SubscriptionRepository(db).load(id)->value(u"status").toString(), u"initial"_s);
    db.closeThreadConnection();
}

static QJsonObject reasonOf(const QList<WorkflowAvailability> &list, const QString &name)
{
    for (const WorkflowAvailability &w : list) {
        if (w.name == name)
            return w.toJson().value(u"reason").toObject();
    }
    return QJsonObject {{u"code"_s, u"<missing>"_s}};
}

void TestDomain::modifyOnlyWhenUsableAndInSync()
{
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r2"_s}}));
    const store::Database db(m_db->url());
    const WorkflowConstraints constraints(m_installation->constraintSettings(),
                                          &m_installation->registry());
    auto list = constraints.forSubscription(db, id);
    QVERIFY(reasonOf(list, u"modify_test_router"_s).isEmpty());
    const QJsonObject validate = reasonOf(list, u"validate_test_router"_s);
    QCOMPARE(validate.value(u"code").toString(), u"subscription.no_modify_invalid_status"_s);
    QCOMPARE(validate.value(u"usable_when").toArray(), QJsonArray {u"active"_s});
    QVERIFY(!validate.value(u"message").toString().isEmpty());
    const ActionResult refused = start(u"validate_test_router"_s, {{u"subscription_id"_s, id}});
    QCOMPARE(refused.outcome, ActionResult::Outcome::Blocked);
    QCOMPARE(refused.refusal.code, u"subscription.no_modify_invalid_status"_s);
    const QJsonObject json = WorkflowConstraints::toJson(list);
    QCOMPARE(json.keys(),
             (QStringList {u"create"_s, u"modify"_s, u"reconcile"_s, u"system"_s, u"terminate"_s,
                           u"validate"_s}));
    QCOMPARE(json.value(u"create").toArray().size(), 0);
    db.closeThreadConnection();
}

void TestDomain::failedValidateBlocksModifyButNotModifyNote()
{
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r3"_s}}));
    QVERIFY(
        !create(u"modify_test_router"_s, {}, ProcessStatus::Completed, {{u"subscription_id"_s, id}})
             .isEmpty());
    validationFails = true;
    const QString validation =
        create(u"validate_test_router"_s, {}, ProcessStatus::Failed, {{u"subscription_id"_s, id}});
    QVERIFY(!validation.isEmpty());
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    QCOMPARE(repository.load(id)->value(u"insync").toBool(), false);
    const WorkflowConstraints constraints(m_installation->constraintSettings(),
                                          &m_installation->registry());
    const auto list = constraints.forSubscription(db, id);
    QCOMPARE(reasonOf(list, u"modify_test_router"_s).value(u"code").toString(),
             u"subscription.not_in_sync"_s);
    QVERIFY(reasonOf(list, u"modify_note"_s).isEmpty());

    // modify_note runs on the out-of-sync subscription and leaves it out of sync.
    QVERIFY(!create(u"modify_note"_s, {{u"note"_s, u"Checked by phone"_s}},
                    ProcessStatus::Completed, {{u"subscription_id"_s, id}})
                 .isEmpty());
    QCOMPARE(repository.load(id)->value(u"note").toString(), u"Checked by phone"_s);
    QCOMPARE(repository.load(id)->value(u"insync").toBool(), false);

    validationFails = false;
    QVERIFY(await(m_engine->resume(validation, {})).ok());
    QCOMPARE(testsupport::waitStopped(*m_engine, validation), ProcessStatus::Completed);
    QCOMPARE(repository.load(id)->value(u"insync").toBool(), true);
    // The validate held an older copy; the note written meanwhile survives its resync.
    QCOMPARE(repository.load(id)->value(u"note").toString(), u"Checked by phone"_s);
    QVERIFY(reasonOf(constraints.forSubscription(db, id), u"modify_test_router"_s).isEmpty());

    QVERIFY(!create(u"modify_note"_s, {{u"note"_s, u"All good"_s}}, ProcessStatus::Completed,
                    {{u"subscription_id"_s, id}})
                 .isEmpty());
    QCOMPARE(repository.load(id)->value(u"note").toString(), u"All good"_s);
    db.closeThreadConnection();
}

void TestDomain::inUseByBlocksTerminate()
{
    const QString router = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r4"_s}}));
    QVERIFY(!create(u"modify_test_router"_s, {}, ProcessStatus::Completed,
                    {{u"subscription_id"_s, router}})
                 .isEmpty());
    const QString service = subscriptionOf(
        create(u"create_test_service"_s, {}, ProcessStatus::Completed, {{u"router_id"_s, router}}));
    QVERIFY(!service.isEmpty());
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    QCOMPARE(repository.inUseBy(router).size(), 1);
    QCOMPARE(repository.inUseBy(router).first().toObject().value(u"subscription_id").toString(),
             service);
    QCOMPARE(repository.dependsOn(service).first().toObject().value(u"subscription_id").toString(),
             router);
    // The service's model shows the router's block, owned by the router subscription.
    const QJsonObject model = repository.load(service).value();
    QCOMPARE(model.value(u"svc")
                 .toObject()
                 .value(u"router")
                 .toObject()
                 .value(u"owner_subscription_id")
                 .toString(),
             router);

    const ActionResult refused =
        start(u"terminate_test_router"_s, {{u"subscription_id"_s, router}});
    QCOMPARE(refused.outcome, ActionResult::Outcome::Blocked);
    QCOMPARE(refused.refusal.code, u"subscription.no_modify_subscription_in_use_by_others"_s);
    QVERIFY(refused.message.contains(u"Service on router"_s));

    QVERIFY(!create(u"terminate_test_service"_s, {}, ProcessStatus::Completed,
                    {{u"subscription_id"_s, service}})
                 .isEmpty());
    QCOMPARE(repository.load(service)->value(u"status").toString(), u"terminated"_s);
    QVERIFY(!repository.load(service)->value(u"end_date").toString().isEmpty());
    QVERIFY(!create(u"terminate_test_router"_s, {}, ProcessStatus::Completed,
                    {{u"subscription_id"_s, router}})
                 .isEmpty());
    QCOMPARE(repository.load(router)->value(u"status").toString(), u"terminated"_s);
    db.closeThreadConnection();
}

void TestDomain::createNeedsOneProductOrAChoice()
{
    // Linked to exactly one product: found without saying.
    const ActionResult needsForm = start(u"create_test_router"_s, {});
    QCOMPARE(needsForm.outcome, ActionResult::Outcome::NeedsInput);
    const ActionResult wrong = start(u"create_test_router"_s, {{u"product"_s, u"Test Service"_s}});
    QCOMPARE(wrong.outcome, ActionResult::Outcome::Blocked);
    QCOMPARE(wrong.refusal.code, u"workflow.not_for_product"_s);
    const ActionResult unknown = start(u"create_test_router"_s, {{u"product"_s, u"Nope"_s}});
    QCOMPARE(unknown.refusal.code, u"product.not_found"_s);
    const ActionResult noSubscription = start(u"modify_test_router"_s, {});
    QCOMPARE(noSubscription.refusal.code, u"subscription.required"_s);
    const ActionResult missing = start(u"modify_test_router"_s, {{u"subscription_id"_s, u"x"_s}});
    QCOMPARE(missing.refusal.code, u"subscription.not_found"_s);
}

void TestDomain::tasks()
{
    // task_validate_products: "Lonely Product" has only modify_note; a workflow row without code.
    {
        const store::Database db(m_db->url());
        db.exec(u"INSERT INTO workflows (workflow_id, name, target, description, is_task, "
                "created_at) VALUES ('w-ghost', 'ghost_workflow', 'MODIFY', '', 0, 'now')"_s);
        db.closeThreadConnection();
    }
    const QString check = create(u"task_validate_products"_s, {}, ProcessStatus::InconsistentData);
    QVERIFY(!check.isEmpty());
    const QString reason =
        store::ProcessRepository(store::Database(m_db->url())).find(check)->failedReason;
    QVERIFY2(reason.contains(u"ghost_workflow"_s), qPrintable(reason));
    QVERIFY2(reason.contains(u"Lonely Product"_s), qPrintable(reason));

    // task_validate_subscriptions queues the validate workflow of active subscriptions.
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r5"_s}}));
    QVERIFY(
        !create(u"modify_test_router"_s, {}, ProcessStatus::Completed, {{u"subscription_id"_s, id}})
             .isEmpty());
    const QString validateAll = create(u"task_validate_subscriptions"_s, {});
    QVERIFY(!validateAll.isEmpty());
    const store::Database db(m_db->url());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QJsonValue &p : store::SubscriptionRepository(db).processes(id)) {
                if (p.toObject().value(u"workflow").toString() == "validate_test_router"_L1
                    && p.toObject().value(u"status").toString() == "completed"_L1)
                    return true;
            }
            return false;
        }(),
        15000);

    // task_clean_up_tasks deletes old completed tasks (retention 0 days: all but itself).
    qputenv("TASK_LOG_RETENTION_DAYS", "0");
    QTest::qWait(20);
    const QString cleanUp = create(u"task_clean_up_tasks"_s, {});
    qunsetenv("TASK_LOG_RETENTION_DAYS");
    QVERIFY(!cleanUp.isEmpty());
    store::ProcessRepository processes(db);
    QVERIFY(!processes.find(validateAll).has_value());
    QVERIFY(processes.find(cleanUp).has_value());
    QVERIFY(processes.find(check).has_value()); // not completed: kept
    db.closeThreadConnection();
}

void TestDomain::resetRestoresTheSubscriptionsOfRewoundSteps()
{
    const QString id = subscriptionOf(
        create(u"create_test_router"_s, {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r9"_s}}));
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    const int created = repository.load(id)->value(u"version").toInt();
    validationFails = true;
    const QString process = create(u"modify_test_router_checked"_s, {}, ProcessStatus::Failed,
                                   {{u"subscription_id"_s, id}});
    QVERIFY(!process.isEmpty());
    // unsync and "Set AS number" wrote two versions; the check failed.
    QJsonObject current = repository.load(id).value();
    QCOMPARE(current.value(u"version").toInt(), created + 2);
    QCOMPARE(current.value(u"status").toString(), u"active"_s);
    QCOMPARE(current.value(u"router").toObject().value(u"asn").toInt(), 64512);

    // Paused, the reset is visible before the process runs again.
    QVERIFY(await(m_engine->pause(u"tester"_s)).ok());
    ResetRequest reset;
    reset.toStepName = u"Set AS number"_s;
    reset.actor = u"tester"_s;
    reset.detach = true;
    const ActionResult result = await(m_engine->reset(process, reset));
    QVERIFY2(result.ok(), qPrintable(result.message));
    current = repository.load(id).value();
    QCOMPARE(current.value(u"version").toInt(), created + 3); // a new version, nothing deleted
    QCOMPARE(current.value(u"status").toString(), u"provisioning"_s);
    QVERIFY(!current.value(u"router").toObject().contains(u"asn"));
    QCOMPARE(current.value(u"insync").toBool(), false); // the process is not done
    const QJsonArray versions = repository.versions(id);
    QCOMPARE(versions.size(), created + 3);
    bool restoredVersionNamed = false;
    for (const QJsonValue &version : versions)
        restoredVersionNamed |=
            version.toObject().value(u"step_name").toString() == u"Reset to Set AS number"_s;
    QVERIFY(restoredVersionNamed);
    const store::ProcessRecord rewound = store::ProcessRepository(db).find(process).value();
    QCOMPARE(rewound.nextStepName, u"Set AS number"_s);
    QVERIFY(!rewound.state.value(u"subscription")
                 .toObject()
                 .value(u"router")
                 .toObject()
                 .contains(u"asn"));

    validationFails = false;
    testsupport::StopRecorder stops(*m_engine);
    QVERIFY(await(m_engine->unpause(u"tester"_s)).ok());
    QCOMPARE(stops.wait(process), ProcessStatus::Completed);
    current = repository.load(id).value();
    QCOMPARE(current.value(u"status").toString(), u"active"_s);
    QCOMPARE(current.value(u"router").toObject().value(u"asn").toInt(), 64512);
    QCOMPARE(current.value(u"insync").toBool(), true);
    db.closeThreadConnection();
}

void TestDomain::resetRemovesASubscriptionARewoundStepCreated()
{
    validationFails = true;
    const QString process =
        create(u"create_test_router_checked"_s,
               {{u"customer_id"_s, u"c"_s}, {u"hostname"_s, u"r7"_s}}, ProcessStatus::Failed);
    QVERIFY(!process.isEmpty());
    const QString first = subscriptionOf(process);
    const store::Database db(m_db->url());
    store::SubscriptionRepository repository(db);
    QVERIFY(repository.load(first));

    validationFails = false;
    ResetRequest reset;
    reset.toStepName = u"Construct router"_s;
    reset.actor = u"tester"_s;
    testsupport::StopRecorder stops(*m_engine);
    const ActionResult result = await(m_engine->reset(process, reset));
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(stops.wait(process), ProcessStatus::Completed);

    // Before "Construct router" the subscription did not exist: the rewound one is gone (its
    // last snapshot is in the audit row) and the step made it anew.
    const QString second = subscriptionOf(process);
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    QVERIFY(!repository.load(first));
    QCOMPARE(repository.load(second)->value(u"status").toString(), u"provisioning"_s);
    QCOMPARE(repository.processes(second).size(), 1);
    store::AuditFilter filter;
    filter.targetId = process;
    const QList<store::AuditRecord> trail = store::OperatorRepository(db).auditTrail(filter);
    QVERIFY(!trail.isEmpty());
    QCOMPARE(trail.constFirst().action, u"reset"_s);
    const QJsonArray removed =
        trail.constFirst().detail.value(u"subscriptions_removed"_s).toArray();
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).toObject().value(u"subscription_id"_s).toString(), first);
    db.closeThreadConnection();
}

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
