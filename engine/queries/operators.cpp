#include "operators.h"

#include "store/operatorrepository.h"

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

} // namespace wfo::queries
