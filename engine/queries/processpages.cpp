#include "processpages.h"

#include "store/processsearch.h"

using namespace Qt::StringLiterals;

namespace wfo::queries {

QList<store::ProcessRecord> ProcessPageQuery::page(const store::Database &database,
                                                   const ProcessFilter &filter)
{
    return store::ProcessRepository(database).list(filter);
}

qint64 ProcessPageQuery::count(const store::Database &database, const ProcessFilter &filter)
{
    return store::ProcessRepository(database).count(filter);
}

QStringList ProcessPageQuery::ids(const store::Database &database, const ProcessFilter &filter)
{
    QStringList ids;
    for (const store::ProcessRecord &process : page(database, filter))
        ids.append(process.id);
    return ids;
}

QStringList ProcessPageQuery::searchFields()
{
    return store::ProcessSearch::fields();
}

QStringList ProcessPageQuery::searchedStatuses(const QString &search)
{
    QStringList statuses;
    for (const store::SearchTerm &term : store::SearchSyntax::parse(search)) {
        if (term.field == "status"_L1) {
            for (const QString &value : term.values)
                statuses.append(value.toLower());
        }
    }
    return statuses;
}

QStringList ProcessPageQuery::activeStatuses()
{
    return {u"created"_s,         u"running"_s,           u"suspended"_s,
            u"waiting"_s,         u"awaiting_callback"_s, u"failed"_s,
            u"api_unavailable"_s, u"inconsistent_data"_s, u"resumed"_s};
}

QStringList ProcessPageQuery::completedStatuses()
{
    return {u"completed"_s, u"aborted"_s};
}

QStringList ProcessPageQuery::failedStatuses()
{
    return {u"failed"_s, u"api_unavailable"_s, u"inconsistent_data"_s, u"waiting"_s};
}

QHash<QString, ProcessStatus> ProcessPageQuery::statuses(const store::Database &database,
                                                         const QStringList &processIds)
{
    return store::ProcessRepository(database).statuses(processIds);
}

} // namespace wfo::queries
