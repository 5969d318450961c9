#include "operators.h"

#include "store/operatorrepository.h"
#include "store/timestamps.h"
#include "store/tokenrepository.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::queries {

QJsonArray OperatorQueries::operators(const store::Database &database)
{
    QJsonArray result;
    for (const store::OperatorRecord &o : store::OperatorRepository(database).list()) {
        result.append(QJsonObject {{u"user_name"_s, o.userName},
                                   {u"display_name"_s, o.displayName},
                                   {u"role"_s, o.role},
                                   {u"enabled"_s, o.enabled},
                                   {u"created_at"_s, o.createdAt},
                                   {u"modified_at"_s, o.modifiedAt}});
    }
    return result;
}

QJsonArray OperatorQueries::auditTrail(const store::Database &database,
                                       const AuditQueryFilter &filter)
{
    store::AuditFilter storeFilter;
    storeFilter.since = filter.since;
    storeFilter.actor = filter.actor;
    storeFilter.targetId = filter.targetId;
    storeFilter.limit = filter.limit;
    QJsonArray result;
    for (const store::AuditRecord &r :
         store::OperatorRepository(database).auditTrail(storeFilter)) {
        result.append(QJsonObject {{u"id"_s, r.id},
                                   {u"at"_s, r.at},
                                   {u"actor"_s, r.actor},
                                   {u"origin"_s, r.origin},
                                   {u"host"_s, r.host},
                                   {u"action"_s, r.action},
                                   {u"target_kind"_s, r.targetKind},
                                   {u"target_id"_s, r.targetId},
                                   {u"allowed"_s, r.allowed},
                                   {u"detail"_s, r.detail}});
    }
    return result;
}

std::optional<Role> OperatorQueries::roleOf(const store::Database &database,
                                            const QString &userName)
{
    return store::OperatorRepository(database).roleOf(userName);
}

namespace {

QString tokenState(const store::TokenRecord &token, const QString &now)
{
    if (!token.revokedAt.isEmpty())
        return u"revoked"_s;
    if (!token.expiresAt.isEmpty() && token.expiresAt <= now)
        return u"expired"_s;
    return u"active"_s;
}

} // namespace

QJsonArray OperatorQueries::tokens(const store::Database &database)
{
    const QString now = store::Timestamps::now();
    QJsonArray result;
    for (const store::TokenRecord &t : store::TokenRepository(database).list()) {
        result.append(QJsonObject {{u"token_id"_s, t.id},
                                   {u"user_name"_s, t.userName},
                                   {u"description"_s, t.description},
                                   {u"created_at"_s, t.createdAt},
                                   {u"created_by"_s, t.createdBy},
                                   {u"expires_at"_s, t.expiresAt},
                                   {u"revoked_at"_s, t.revokedAt},
                                   {u"revoked_by"_s, t.revokedBy},
                                   {u"state"_s, tokenState(t, now)}});
    }
    return result;
}

TokenCheck OperatorQueries::checkToken(const store::Database &database, const QByteArray &token)
{
    store::TokenRepository tokens(database);
    TokenCheck check;
    // The lookup is by hash through the unique index: the time it takes says nothing about how
    // much of a wrong token was right.
    const std::optional<store::TokenRecord> record =
        token.isEmpty() ? std::nullopt : tokens.findByHash(store::TokenRepository::hash(token));
    if (!record) {
        check.verdict = tokens.any() ? TokenCheck::Verdict::Unknown : TokenCheck::Verdict::NoTokens;
        return check;
    }
    check.tokenId = record->id;
    check.userName = record->userName;
    const QString state = tokenState(*record, store::Timestamps::now());
    check.verdict = state == "revoked"_L1 ? TokenCheck::Verdict::Revoked
        : state == "expired"_L1           ? TokenCheck::Verdict::Expired
                                          : TokenCheck::Verdict::Valid;
    return check;
}

} // namespace wfo::queries
