// The subscription search and sort against a plain reference: a few hundred generated rows,
// many queries in the console's syntax, the rows the repository returns compared with a
// straightforward evaluation in C++ (on SQLite and on PostgreSQL); every sort order paged by
// keyset gives the whole result once, in order; the trigram index follows changes.
#include "testdatabase.h"

#include "store/database.h"
#include "store/migrations.h"
#include "store/subscriptionrepository.h"
#include "store/subscriptionsearch.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace {

struct Row
{
    QString id;
    QString product; // name
    QString tag;
    QString type;
    QString customer;
    QString description;
    QString status;
    bool insync = true;
    std::optional<QString> start;
    std::optional<QString> end;
    std::optional<QString> note;
    QString modified;
};

struct Term
{
    bool negated = false;
    QString field;
    QStringList values;
};

// The syntax, read independently of the production parser.
QList<Term> parse(const QString &query)
{
    QList<Term> terms;
    qsizetype i = 0;
    const qsizetype n = query.size();
    auto value = [&]() -> QString {
        QString v;
        if (i < n && query.at(i) == u'"') {
            const qsizetype close = query.indexOf(u'"', i + 1);
            v = query.mid(i + 1, close < 0 ? -1 : close - i - 1);
            i = close < 0 ? n : close + 1;
            return v;
        }
        while (i < n && !query.at(i).isSpace() && query.at(i) != u')' && query.at(i) != u'|')
            v.append(query.at(i++));
        return v;
    };
    while (i < n) {
        if (query.at(i).isSpace()) {
            ++i;
            continue;
        }
        Term term;
        if (query.at(i) == u'-' && i + 1 < n && !query.at(i + 1).isSpace()) {
            term.negated = true;
            ++i;
        }
        qsizetype j = i;
        while (j < n && (query.at(j).isLetterOrNumber() || query.at(j) == u'_'))
            ++j;
        if (j > i && j < n && query.at(j) == u':') {
            term.field = query.mid(i, j - i).toLower();
            i = j + 1;
            if (i < n && query.at(i) == u'(') {
                ++i;
                while (i < n && query.at(i) != u')') {
                    const QString v = value();
                    if (!v.isEmpty())
                        term.values.append(v);
                    if (i < n && query.at(i) != u')')
                        ++i;
                }
                ++i;
            } else if (const QString v = value(); !v.isEmpty()) {
                term.values.append(v);
            }
        } else if (const QString v = value(); !v.isEmpty()) {
            term.values.append(v);
        } else {
            ++i;
        }
        if (!term.values.isEmpty())
            terms.append(term);
    }
    return terms;
}

// SQL's three values: true, false and unknown (a comparison with NULL).
using Truth = std::optional<bool>;

Truth matches(const std::optional<QString> &text, const QString &value, bool prefix, bool exact)
{
    if (!text)
        return std::nullopt;
    const QString lower = text->toLower();
    if (prefix)
        return lower.startsWith(value);
    return exact ? lower == value : lower.contains(value);
}

Truth evaluate(const Row &row, const Term &term)
{
    Truth any = false;
    for (QString value : term.values) {
        const bool prefix = value.endsWith(u'*');
        if (prefix)
            value.chop(1);
        value = value.toLower();
        Truth one;
        const QString &f = term.field;
        if (f == "insync"_L1) {
            one = row.insync == (value == "true"_L1 || value == "yes"_L1 || value == "1"_L1);
        } else if (f == "id"_L1 || f == "subscription_id"_L1) {
            one = matches(row.id, value, prefix, true);
        } else if (f == "description"_L1) {
            one = matches(row.description, value, prefix, true);
        } else if (f == "status"_L1) {
            one = matches(row.status, value, prefix, true);
        } else if (f == "customer"_L1 || f == "customer_id"_L1) {
            one = matches(row.customer, value, prefix, true);
        } else if (f == "product"_L1) {
            one = matches(row.product, value, prefix, true);
        } else if (f == "tag"_L1) {
            one = matches(row.tag, value, prefix, true);
        } else if (f == "type"_L1 || f == "product_type"_L1) {
            one = matches(row.type, value, prefix, true);
        } else if (f == "note"_L1) {
            one = matches(row.note, value, prefix, true);
        } else if (f == "start_date"_L1) {
            one = matches(row.start, value, prefix, true);
        } else if (f == "end_date"_L1) {
            one = matches(row.end, value, prefix, true);
        } else {
            bool found = false;
            for (const QString &text :
                 {row.id, row.description, row.customer, row.product, row.tag, row.status})
                found = found || *matches(text, value, prefix, false);
            one = found;
        }
        if (one == true)
            return term.negated ? Truth(false) : Truth(true);
        if (!one)
            any = std::nullopt;
    }
    if (!any)
        return std::nullopt;
    return term.negated ? !*any : *any;
}

bool selected(const Row &row, const QString &query)
{
    for (const Term &term : parse(query)) {
        if (evaluate(row, term) != true)
            return false;
    }
    return true;
}

QString sortValue(const Row &row, store::SubscriptionOrder::Column column)
{
    using Column = store::SubscriptionOrder::Column;
    switch (column) {
    case Column::LastModified:
        return row.modified;
    case Column::Description:
        return row.description;
    case Column::Status:
        return row.status;
    case Column::Customer:
        return row.customer;
    case Column::Product:
        return row.product;
    case Column::StartDate:
        return row.start.value_or(QString());
    case Column::EndDate:
        return row.end.value_or(QString());
    case Column::InSync:
        return row.insync ? u"1"_s : u"0"_s;
    case Column::Id:
        return row.id;
    }
    return {};
}

QStringList ids(const QJsonArray &rows)
{
    QStringList result;
    for (const QJsonValue &row : rows)
        result.append(row.toObject().value(u"subscription_id").toString());
    return result;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void searchMatchesReference_data();
    void searchMatchesReference();
    void keysetCoversEveryOrder_data();
    void keysetCoversEveryOrder();
    void indexFollowsChanges();
    void migrationIndexesExistingRows();
    void sortUsesAnIndex_data();
    void sortUsesAnIndex();

private:
    void insert(const Row &row);
    QString productId(const QString &name) const { return m_products.value(name); }

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<store::Database> m_database;
    QList<Row> m_rows;
    QHash<QString, QString> m_products; // name -> id
};

void TestSearch::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
    m_database = std::make_unique<store::Database>(m_db->url());
    m_database->ensureSchema(true);
    const struct
    {
        const char *name;
        const char *tag;
        const char *type;
    } products[] = {{"Node Enrollment", "NodeEnrollment", "Node"},
                    {"IP Peering", "IP", "Peering"},
                    {"L2 VPN_100%", "L2VPN", "Vpn"},
                    {"Fiber", "FIB", "Circuit"}};
    for (const auto &p : products) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_database->exec(u"INSERT INTO products (product_id, name, description, product_type, "
                         "tag, created_at) VALUES (:id, :name, '', :type, :tag, "
                         "'2024-01-01T00:00:00.000Z')"_s,
                         {{u"id"_s, id},
                          {u"name"_s, QString::fromLatin1(p.name)},
                          {u"type"_s, QString::fromLatin1(p.type)},
                          {u"tag"_s, QString::fromLatin1(p.tag)}});
        m_products.insert(QString::fromLatin1(p.name), id);
    }
    const QStringList names = m_products.keys();
    static const char *const statuses[] = {"active",  "active",    "provisioning", "terminated",
                                           "initial", "migrating", "disabled"};
    static const char *const words[] = {"Router", "router", "AMS", "ams-rt1", "Lon",
                                        "fiber",  "50%",    "a_b", "x\\y",    "Peer",
                                        "O'Hara", "\"q\"",  "ab",  "Zürich",  "ip"};
    QRandomGenerator random(4242);
    for (int i = 0; i < 300; ++i) {
        Row row;
        row.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        row.product = names.at(random.bounded(int(names.size())));
        row.customer = i % 7 == 0 ? u"ACME-%1"_s.arg(i % 5)
                                  : u"cust-%1"_s.arg(i % 23, 3, 10, QLatin1Char('0'));
        row.description = u"%1 %2 %3"_s
                              .arg(QString::fromUtf8(words[random.bounded(15)]),
                                   QString::fromUtf8(words[random.bounded(15)]))
                              .arg(i);
        row.status = QString::fromLatin1(statuses[random.bounded(7)]);
        row.insync = i % 9 != 0;
        if (i % 3 != 0)
            row.start = u"2024-%1-01T10:00:00.000Z"_s.arg(1 + i % 12, 2, 10, QLatin1Char('0'));
        if (i % 5 == 0)
            row.end = u"2025-0%1-15T10:00:00.000Z"_s.arg(1 + i % 9);
        if (i % 4 == 0)
            row.note = u"Checked by NOC %1"_s.arg(i % 3);
        // Many rows share a time: the id decides between them.
        row.modified = u"2024-06-%1T12:00:00.000Z"_s.arg(1 + i % 20, 2, 10, QLatin1Char('0'));
        insert(row);
    }
}

void TestSearch::cleanupTestCase()
{
    if (m_database)
        m_database->closeThreadConnection();
    m_database.reset();
    m_db.reset();
}

void TestSearch::insert(const Row &row)
{
    auto nullable = [](const std::optional<QString> &value) {
        return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
    };
    m_database->exec(u"INSERT INTO subscriptions (subscription_id, product_id, customer_id, "
                     "description, status, insync, start_date, end_date, note, version, "
                     "created_at, last_modified_at) VALUES (:id, :product, :customer, "
                     ":description, :status, :insync, :start, :end, :note, 1, :modified, "
                     ":modified)"_s,
                     {{u"id"_s, row.id},
                      {u"product"_s, productId(row.product)},
                      {u"customer"_s, row.customer},
                      {u"description"_s, row.description},
                      {u"status"_s, row.status},
                      {u"insync"_s, row.insync ? 1 : 0},
                      {u"start"_s, nullable(row.start)},
                      {u"end"_s, nullable(row.end)},
                      {u"note"_s, nullable(row.note)},
                      {u"modified"_s, row.modified}});
    Row stored = row;
    const auto it =
        std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.id == row.id; });
    if (it != m_rows.end())
        *it = stored;
    else
        m_rows.append(stored);
    for (Row &r : m_rows) {
        if (r.tag.isEmpty()) {
            QSqlQuery q =
                m_database->exec(u"SELECT tag, product_type FROM products WHERE product_id = :id"_s,
                                 {{u"id"_s, productId(r.product)}});
            if (q.next()) {
                r.tag = q.value(0).toString();
                r.type = q.value(1).toString();
            }
        }
    }
}

void TestSearch::searchMatchesReference_data()
{
    QTest::addColumn<QString>("query");
    const char *const queries[] = {
        "",
        "router",
        "ROUTER",
        "rou",
        "ro",
        "r",
        "ams",
        "ams-rt1",
        "AMS router",
        "-router",
        "-ams lon",
        "rout*",
        "ro*",
        "50%",
        "%",
        "a_b",
        "_",
        "x\\y",
        "\\",
        "o'hara",
        "\"q\"",
        "\"\"q\"\"",
        "zürich",
        "ZÜRICH",
        "node",
        "enrollment",
        "NodeEnroll",
        "vpn_100",
        "l2 vpn",
        "\"l2 vpn\"",
        "ip",
        "peer",
        "acme",
        "cust-00",
        "cust-001",
        "customer:cust-001",
        "customer:CUST-001",
        "customer:cust-00*",
        "customer:acme*",
        "-customer:acme*",
        "customer:(acme-1|cust-002|nobody)",
        "customer_id:acme-2",
        "status:active",
        "status:ACTIVE",
        "status:(provisioning|migrating)",
        "-status:active",
        "-status:(active|terminated)",
        "status:act*",
        "status:a*",
        "product:\"node enrollment\"",
        "product:node*",
        "product:(fiber|\"ip peering\")",
        "-product:fiber",
        "tag:ip",
        "tag:(NodeEnrollment|IP)",
        "-tag:(A|B)",
        "type:vpn",
        "product_type:circuit",
        "note:\"checked by noc 1\"",
        "note:checked*",
        "-note:checked*",
        "insync:false",
        "insync:true",
        "insync:yes router",
        "start_date:2024-03*",
        "-start_date:2024-0*",
        "end_date:2025-02-15T10:00:00.000Z",
        "end_date:*",
        "-end_date:*",
        "description:\"router ams 12\"",
        "description:router*",
        "id:0*",
        "id:(0*|a*)",
        "unknownfield:router",
        "unknownfield:(router|ams)",
        "router status:active -customer:acme*",
        "fiber ams peer",
        "-fiber -ams",
        "12",
        "123",
        "2",
        "zzzz",
        "active",
        "act",
        "minat",
        "-minat",
    };
    for (const char *query : queries)
        QTest::newRow(query) << QString::fromUtf8(query);
    // Every row's id, whole and in part, as free text and as a field.
    QRandomGenerator random(7);
    for (int i = 0; i < 5; ++i) {
        const QString id = m_rows.at(random.bounded(int(m_rows.size()))).id;
        QTest::addRow("id %d", i) << id;
        QTest::addRow("id part %d", i) << id.mid(9, 9).toUpper();
        QTest::addRow("id field %d", i) << u"id:"_s + id.toUpper();
        QTest::addRow("id prefix %d", i) << u"id:"_s + id.left(4) + u'*';
    }
}

void TestSearch::searchMatchesReference()
{
    QFETCH(QString, query);
    QStringList expected;
    for (const Row &row : std::as_const(m_rows)) {
        if (selected(row, query))
            expected.append(row.id);
    }
    store::SubscriptionRepository repository(*m_database);
    store::SubscriptionQuery q;
    q.search = query;
    q.limit = 10000;
    QStringList actual = ids(repository.list(q));
    QCOMPARE(repository.count(q), qint64(expected.size()));
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(actual, expected);
    // A lifecycle tab on top.
    q.statuses = {u"active"_s, u"initial"_s};
    QStringList tab;
    for (const Row &row : std::as_const(m_rows)) {
        if (q.statuses.contains(row.status) && selected(row, query))
            tab.append(row.id);
    }
    actual = ids(repository.list(q));
    std::sort(actual.begin(), actual.end());
    std::sort(tab.begin(), tab.end());
    QCOMPARE(actual, tab);
}

void TestSearch::keysetCoversEveryOrder_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QString>("search");
    for (const char *column : {"last_modified_at", "description", "status", "customer_id",
                               "product", "start_date", "end_date", "insync", "subscription_id"}) {
        for (const bool descending : {true, false}) {
            QTest::addRow("%s %s", column, descending ? "desc" : "asc")
                << QString::fromLatin1(column) << descending << QString();
            QTest::addRow("%s %s, searching", column, descending ? "desc" : "asc")
                << QString::fromLatin1(column) << descending << u"-status:terminated ro"_s;
        }
    }
}

void TestSearch::keysetCoversEveryOrder()
{
    QFETCH(QString, column);
    QFETCH(bool, descending);
    QFETCH(QString, search);
    const std::optional<store::SubscriptionOrder::Column> by =
        store::SubscriptionOrder::columnFromName(column);
    QVERIFY(by);
    QCOMPARE(store::SubscriptionOrder::nameOf(*by), column);
    store::SubscriptionRepository repository(*m_database);
    store::SubscriptionQuery q;
    q.search = search;
    q.order.column = *by;
    q.order.direction = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    q.limit = 10000;
    const QStringList whole = ids(repository.list(q));

    // Pages of 7 rows after the last row of the page before: the same rows in the same order.
    QStringList paged;
    q.limit = 7;
    for (int page = 0; page < 200; ++page) {
        const QJsonArray rows = repository.list(q);
        paged += ids(rows);
        if (rows.size() < q.limit)
            break;
        q.after = store::SubscriptionRepository::cursorOf(rows.last().toObject(), q.order);
    }
    QCOMPARE(paged, whole);

    // The reference order (code point order of the values; PostgreSQL's collation may order
    // text differently, so there only the set and the stable paging are compared).
    QList<Row> expected;
    for (const Row &row : std::as_const(m_rows)) {
        if (selected(row, search))
            expected.append(row);
    }
    QCOMPARE(whole.size(), expected.size());
    if (m_db->isPostgres())
        return;
    std::sort(expected.begin(), expected.end(), [&](const Row &a, const Row &b) {
        const auto ka = std::make_pair(sortValue(a, *by), a.id);
        const auto kb = std::make_pair(sortValue(b, *by), b.id);
        return descending ? kb < ka : ka < kb;
    });
    QStringList expectedIds;
    for (const Row &row : std::as_const(expected))
        expectedIds.append(row.id);
    QCOMPARE(whole, expectedIds);
}

void TestSearch::indexFollowsChanges()
{
    store::SubscriptionRepository repository(*m_database);
    auto find = [&](const QString &search) {
        store::SubscriptionQuery q;
        q.search = search;
        q.limit = 1000;
        return ids(repository.list(q));
    };
    Row row = m_rows.first();
    QVERIFY(find(u"quokkaville"_s).isEmpty());
    m_database->exec(u"UPDATE subscriptions SET description = :d WHERE subscription_id = :id"_s,
                     {{u"d"_s, u"Link to Quokkaville"_s}, {u"id"_s, row.id}});
    QCOMPARE(find(u"quokkaville"_s), QStringList {row.id});
    QCOMPARE(find(u"okkav"_s), QStringList {row.id});
    m_database->exec(u"UPDATE subscriptions SET customer_id = :c, status = :s WHERE "
                     "subscription_id = :id"_s,
                     {{u"c"_s, u"wombat-corp"_s}, {u"s"_s, u"migrating"_s}, {u"id"_s, row.id}});
    QCOMPARE(find(u"wombat"_s), QStringList {row.id});
    QCOMPARE(find(u"quokkaville migrat"_s), QStringList {row.id});
    // Changes to columns the index does not hold leave it as it is.
    m_database->exec(u"UPDATE subscriptions SET note = 'n', version = 2 WHERE subscription_id "
                     "= :id"_s,
                     {{u"id"_s, row.id}});
    QCOMPARE(find(u"wombat"_s), QStringList {row.id});
    m_database->exec(u"DELETE FROM subscriptions WHERE subscription_id = :id"_s,
                     {{u"id"_s, row.id}});
    QVERIFY(find(u"wombat"_s).isEmpty());
    QVERIFY(find(u"quokkaville"_s).isEmpty());
    m_rows.removeFirst();
    // A new row after a delete gets a key of its own.
    Row added = row;
    added.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    added.description = u"Wallaby Street"_s;
    insert(added);
    QCOMPARE(find(u"wallaby"_s), QStringList {added.id});
    if (m_db->isPostgres())
        return;
    QSqlQuery check = m_database->exec(u"INSERT INTO subscription_search (subscription_search, "
                                       "rank) VALUES ('integrity-check', 1)"_s);
    Q_UNUSED(check);
}

void TestSearch::migrationIndexesExistingRows()
{
    // Migration 3 indexes what was there before (a database of version 2 upgraded).
    TestDatabase other;
    QVERIFY2(other.isValid(), qPrintable(other.error()));
    const store::Database database(other.url());
    // Only the first two migrations, then rows, then the rest.
    for (const store::Migration &migration : store::Migrations::all()) {
        if (migration.version > 2)
            break;
        for (const QString &statement : migration.statements)
            database.exec(database.dialect().expand(statement));
        database.exec(u"INSERT INTO schema_version VALUES (:v, 'test', 'now')"_s,
                      {{u"v"_s, migration.version}});
    }
    database.exec(u"INSERT INTO products (product_id, name, product_type, tag, created_at) "
                  "VALUES ('p1', 'Old Product', 'T', 'OLD', 'now')"_s);
    for (int i = 0; i < 20; ++i)
        database.exec(u"INSERT INTO subscriptions (subscription_id, product_id, customer_id, "
                      "description, status, created_at, last_modified_at) VALUES (:id, 'p1', "
                      "'old-customer', :d, 'active', 'now', 'now')"_s,
                      {{u"id"_s, u"old-%1"_s.arg(i, 2, 10, QLatin1Char('0'))},
                       {u"d"_s, u"Legacy circuit %1"_s.arg(i)}});
    database.ensureSchema(true);
    QCOMPARE(database.schemaVersion(), store::Migrations::latestVersion());
    store::SubscriptionRepository repository(database);
    store::SubscriptionQuery q;
    q.search = u"legacy circuit 1"_s;
    q.limit = 100;
    QCOMPARE(repository.count(q), 11); // 1, 10..19
    q.search = u"egacy"_s;
    QCOMPARE(repository.count(q), 20);
    database.closeThreadConnection();
}

void TestSearch::sortUsesAnIndex_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("index");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<bool>("afterCursor");
    const struct
    {
        const char *column;
        const char *index;
    } orders[] = {{"start_date", "subscriptions_start_date_idx"},
                  {"end_date", "subscriptions_end_date_idx"},
                  {"insync", "subscriptions_insync_idx"}};
    for (const auto &order : orders) {
        for (const bool descending : {false, true}) {
            for (const bool after : {false, true})
                QTest::addRow("%s %s%s", order.column, descending ? "desc" : "asc",
                              after ? ", next page" : "")
                    << QString::fromLatin1(order.column) << QString::fromLatin1(order.index)
                    << descending << after;
        }
    }
}

void TestSearch::sortUsesAnIndex()
{
    // The list's own statement (first page and a keyset page) is planned over the sort
    // column's index, never as a sort of the whole table (migration 9).
    QFETCH(QString, column);
    QFETCH(QString, index);
    QFETCH(bool, descending);
    QFETCH(bool, afterCursor);
    store::SubscriptionRepository repository(*m_database);
    store::SubscriptionQuery q;
    q.order.column = *store::SubscriptionOrder::columnFromName(column);
    q.order.direction = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    q.limit = 50;
    if (afterCursor) {
        const QJsonArray first = repository.list(q);
        QVERIFY(!first.isEmpty());
        q.after = store::SubscriptionRepository::cursorOf(first.last().toObject(), q.order);
    }
    QVariantMap values;
    const QString sql = repository.listStatement(q, &values);
    QString plan;
    if (m_db->isPostgres()) {
        // A few hundred rows fit a page or two, where a sequential scan always wins: forbid
        // it and the sort, which a missing index could not then avoid.
        // PostgreSQL cannot prepare an EXPLAIN: the values go into its text.
        QString text = sql;
        QStringList names = values.keys();
        std::sort(names.begin(), names.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &name : std::as_const(names)) {
            const QVariant value = values.value(name);
            const QString literal = value.typeId() == QMetaType::QString
                ? u"'"_s + value.toString().replace(u"'"_s, u"''"_s) + u"'"_s
                : value.toString();
            text.replace(u":"_s + name, literal);
        }
        m_database->exec(u"BEGIN"_s);
        m_database->exec(u"SET LOCAL enable_seqscan = off"_s);
        m_database->exec(u"SET LOCAL enable_sort = off"_s);
        QSqlQuery explain = m_database->exec(u"EXPLAIN "_s + text);
        while (explain.next())
            plan += explain.value(0).toString() + u'\n';
        explain.finish();
        m_database->exec(u"ROLLBACK"_s);
        QVERIFY2(plan.contains(index), qPrintable(plan));
        QVERIFY2(!plan.contains(u"Sort "_s), qPrintable(plan));
    } else {
        QSqlQuery explain = m_database->exec(u"EXPLAIN QUERY PLAN "_s + sql, values);
        while (explain.next())
            plan += explain.value(3).toString() + u'\n';
        QVERIFY2(plan.contains(index), qPrintable(plan));
        QVERIFY2(!plan.contains(u"TEMP B-TREE FOR ORDER BY"_s), qPrintable(plan));
    }
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
