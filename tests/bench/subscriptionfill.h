#pragma once
// The bulk fill the console benchmarks share: `rows` subscriptions over four products and 5,000
// customers, written straight into the store in one transaction, then ANALYZE. Descriptions
// name a site, a router and a circuit ("Node ams-rt12 circuit 4711"), four in nine are active,
// one in ten has a note, one in fifty is out of sync.

#include "store/database.h"
#include "store/timestamps.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace benchfill {

inline void fillSubscriptions(const wfo::store::Database &database, int rows)
{
    using namespace Qt::StringLiterals;
    QSqlDatabase db = database.connection();
    QSqlQuery products(db);
    products.exec(u"SELECT product_id FROM products"_s);
    QStringList productIds;
    while (products.next())
        productIds << products.value(0).toString();
    for (int i = productIds.size(); i < 4; ++i) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO products (product_id, name, description, product_type, tag, "
                  "created_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(id);
        q.addBindValue(u"Bench product %1"_s.arg(i));
        q.addBindValue(u"A product for the benchmark"_s);
        q.addBindValue(u"Bench"_s);
        q.addBindValue(u"BENCH%1"_s.arg(i));
        q.addBindValue(wfo::store::Timestamps::now());
        q.exec();
        productIds << id;
    }
    static const char *const statuses[] = {"active",  "active",     "active",
                                           "active",  "terminated", "provisioning",
                                           "initial", "migrating",  "disabled"};
    static const char *const sites[] = {"ams", "lon", "chi", "fra", "nyc", "sea", "par", "ber"};
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO subscriptions (subscription_id, product_id, customer_id, "
                   "description, status, insync, start_date, note, version, created_at, "
                   "last_modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"_s);
    const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-400);
    for (int i = 0; i < rows; ++i) {
        const QString time = wfo::store::Timestamps::toText(base.addSecs(qint64(i) * 30));
        insert.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        insert.addBindValue(productIds.at(i % productIds.size()));
        insert.addBindValue(u"customer-%1"_s.arg(i % 5000, 4, 10, QLatin1Char('0')));
        insert.addBindValue(
            u"Node %1-rt%2 circuit %3"_s.arg(QLatin1StringView(sites[i % 8])).arg(i % 97).arg(i));
        insert.addBindValue(QString::fromLatin1(statuses[i % 9]));
        insert.addBindValue(i % 50 != 0 ? 1 : 0);
        insert.addBindValue(time);
        insert.addBindValue(i % 10 == 0 ? u"checked by noc"_s : QString());
        insert.addBindValue(time);
        insert.addBindValue(time);
        if (!insert.exec())
            qFatal("insert failed: %s", qPrintable(insert.lastError().text()));
    }
    db.commit();
    QSqlQuery(db).exec(u"ANALYZE"_s);
}

} // namespace benchfill
