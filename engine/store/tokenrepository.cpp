#include "tokenrepository.h"

#include "timestamps.h"

#include <QCryptographicHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::store {

namespace {

const QString tokenColumns = u"token_id, user_name, description, token_hash, created_at, "
                             "created_by, expires_at, revoked_at, revoked_by"_s;

TokenRecord readToken(const QSqlQuery &q)
{
    return TokenRecord {q.value(0).toString(), q.value(1).toString(),
                        q.value(2).toString(), q.value(3).toString().toLatin1(),
                        q.value(4).toString(), q.value(5).toString(),
                        q.value(6).toString(), q.value(7).toString(),
                        q.value(8).toString()};
}

} // namespace

QByteArray TokenRepository::hash(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

QList<TokenRecord> TokenRepository::list()
{
    QSqlQuery q = m_db.exec(u"SELECT "_s + tokenColumns
                            + u" FROM api_tokens ORDER BY created_at, token_id"_s);
    QList<TokenRecord> result;
    while (q.next())
        result.append(readToken(q));
    return result;
}

std::optional<TokenRecord> TokenRepository::find(const QString &id)
{
    QSqlQuery q = m_db.exec(
        u"SELECT "_s + tokenColumns + u" FROM api_tokens WHERE token_id = :id"_s, {{u"id"_s, id}});
    if (!q.next())
        return std::nullopt;
    return readToken(q);
}

std::optional<TokenRecord> TokenRepository::findByHash(const QByteArray &hash)
{
    QSqlQuery q =
        m_db.exec(u"SELECT "_s + tokenColumns + u" FROM api_tokens WHERE token_hash = :hash"_s,
                  {{u"hash"_s, QString::fromLatin1(hash)}});
    if (!q.next())
        return std::nullopt;
    return readToken(q);
}

bool TokenRepository::any()
{
    QSqlQuery q = m_db.exec(u"SELECT 1 FROM api_tokens LIMIT 1"_s);
    return q.next();
}

void TokenRepository::insert(const TokenRecord &record)
{
    m_db.exec(u"INSERT INTO api_tokens ("_s + tokenColumns
                  + u") VALUES (:id, :user, :description, :hash, :created, :by, :expires, "
                    "NULL, NULL)"_s,
              {{u"id"_s, record.id},
               {u"user"_s, record.userName},
               {u"description"_s, record.description},
               {u"hash"_s, QString::fromLatin1(record.hash)},
               {u"created"_s, record.createdAt.isEmpty() ? Timestamps::now() : record.createdAt},
               {u"by"_s, record.createdBy},
               {u"expires"_s, record.expiresAt.isEmpty() ? QVariant() : record.expiresAt}});
    m_db.notifyChange(u"token"_s, record.id);
}

bool TokenRepository::revoke(const QString &id, const QString &by)
{
    QSqlQuery q = m_db.exec(u"UPDATE api_tokens SET revoked_at = :now, revoked_by = :by WHERE "
                            "token_id = :id AND revoked_at IS NULL"_s,
                            {{u"now"_s, Timestamps::now()}, {u"by"_s, by}, {u"id"_s, id}});
    const bool changed = q.numRowsAffected() > 0;
    if (changed)
        m_db.notifyChange(u"token"_s, id);
    return changed;
}

} // namespace wfo::store
