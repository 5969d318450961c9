#include "packrecords.h"

#include "timestamps.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

void PackRecords::put(const QString &key, const QJsonObject &value)
{
    m_db.exec(u"INSERT INTO pack_records (pack, kind, record_key, value, updated_at) VALUES "
              "(:pack, :kind, :key, :value, :now) ON CONFLICT (pack, kind, record_key) DO UPDATE "
              "SET value = excluded.value, updated_at = excluded.updated_at"_s,
              {{u"pack"_s, m_pack},
               {u"kind"_s, m_kind},
               {u"key"_s, key},
               {u"value"_s, QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact))},
               {u"now"_s, Timestamps::now()}});
}

std::optional<QJsonObject> PackRecords::find(const QString &key) const
{
    QSqlQuery q = m_db.exec(u"SELECT value FROM pack_records WHERE pack = :pack AND kind = :kind "
                            "AND record_key = :key"_s,
                            {{u"pack"_s, m_pack}, {u"kind"_s, m_kind}, {u"key"_s, key}});
    if (!q.next())
        return std::nullopt;
    // A damaged value reads as an empty record rather than as garbage.
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

bool PackRecords::remove(const QString &key)
{
    const QSqlQuery q = m_db.exec(u"DELETE FROM pack_records WHERE pack = :pack AND kind = :kind "
                                  "AND record_key = :key"_s,
                                  {{u"pack"_s, m_pack}, {u"kind"_s, m_kind}, {u"key"_s, key}});
    return q.numRowsAffected() > 0;
}

QStringList PackRecords::keys() const
{
    QSqlQuery q = m_db.exec(u"SELECT record_key FROM pack_records WHERE pack = :pack AND kind = "
                            ":kind ORDER BY record_key"_s,
                            {{u"pack"_s, m_pack}, {u"kind"_s, m_kind}});
    QStringList result;
    while (q.next())
        result.append(q.value(0).toString());
    return result;
}

QList<std::pair<QString, QJsonObject>> PackRecords::all() const
{
    QSqlQuery q = m_db.exec(u"SELECT record_key, value FROM pack_records WHERE pack = :pack AND "
                            "kind = :kind ORDER BY record_key"_s,
                            {{u"pack"_s, m_pack}, {u"kind"_s, m_kind}});
    QList<std::pair<QString, QJsonObject>> result;
    while (q.next())
        result.append({q.value(0).toString(),
                       QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object()});
    return result;
}

} // namespace wfo::store
