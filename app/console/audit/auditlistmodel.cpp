#include "auditlistmodel.h"

#include "common/presentation.h"

#include "queries/jsontext.h"
#include "queries/operators.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wfo::console {

AuditListModel::AuditListModel(ConsoleContext *context, QObject *parent)
    : PagedModel(context, parent)
{
    setPageSize(200);
}

int AuditListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return PagedModel::headerData(section, orientation, role);
    switch (section) {
    case At:
        return tr("When");
    case Actor:
        return tr("Who");
    case Origin:
        return tr("From");
    case Action:
        return tr("Action");
    case Target:
        return tr("Target");
    case Result:
        return tr("Result");
    case Detail:
        return tr("Detail");
    }
    return {};
}

QList<QJsonObject> AuditListModel::page(const store::Database &database,
                                        const AuditListFilter &filter, int offset, int limit)
{
    // The store filters on since, actor and one target; several targets are merged here, and
    // action and allowed/refused are filtered here, reading more rows until the page is full or
    // the trail ends.
    queries::AuditQueryFilter query;
    query.since = filter.since;
    query.actor = filter.actor;
    const QStringList targets =
        filter.targetIds.isEmpty() ? QStringList {filter.targetId} : filter.targetIds;
    const bool filtered = !filter.action.isEmpty() || filter.allowed.has_value();
    const int wanted = offset + limit;
    query.limit = filtered ? std::max(wanted * 2, 200) : wanted;
    for (;;) {
        QList<QJsonObject> rows;
        bool exhausted = true;
        for (const QString &target : targets) {
            query.targetId = target;
            const QJsonArray some = queries::OperatorQueries::auditTrail(database, query);
            exhausted = exhausted && some.size() < query.limit;
            for (const QJsonValue &value : some)
                rows.append(value.toObject());
        }
        if (targets.size() > 1) {
            std::sort(rows.begin(), rows.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return a.value(u"id").toInteger() > b.value(u"id").toInteger();
            });
        }
        QList<QJsonObject> matching;
        for (const QJsonObject &row : std::as_const(rows)) {
            if (!filter.action.isEmpty() && row.value(u"action").toString() != filter.action)
                continue;
            if (filter.allowed && row.value(u"allowed").toBool() != *filter.allowed)
                continue;
            matching.append(row);
        }
        if (matching.size() >= wanted || exhausted)
            return matching.mid(offset, limit);
        query.limit = std::min(query.limit * 4, 100000);
    }
}

QString AuditListModel::detailText(const QJsonObject &detail)
{
    // What an operator looks for first (the step, the reason), then the rest in key order;
    // empty values say nothing.
    static const QStringList first = {u"to_step_name"_s, u"step"_s,   u"reason"_s,
                                      u"workflow"_s,     u"change"_s, u"role"_s};
    QStringList keys = detail.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const qsizetype i = first.indexOf(a);
        const qsizetype j = first.indexOf(b);
        return (i < 0 ? first.size() : i) < (j < 0 ? first.size() : j);
    });
    QStringList parts;
    for (const QString &key : std::as_const(keys)) {
        const auto it = detail.constFind(key);
        if (it.value().isNull() || (it.value().isString() && it.value().toString().isEmpty()))
            continue;
        QString value;
        if (it.value().isArray()) {
            QStringList items;
            for (const QJsonValue &item : it.value().toArray())
                items.append(queries::jsonText(item));
            value = items.join(u", "_s);
        } else {
            value = queries::jsonText(it.value());
        }
        parts.append(u"%1: %2"_s.arg(it.key(), value));
    }
    return parts.join(u" · "_s);
}

PagedModel::PageLoader AuditListModel::pageLoader() const
{
    const AuditListFilter filter = m_filter;
    return [filter](const store::Database &database, int offset, int limit) {
        return page(database, filter, offset, limit);
    };
}

QString AuditListModel::rowId(const QJsonObject &row) const
{
    return QString::number(row.value(u"id").toInteger());
}

QString AuditListModel::columnKey(int column) const
{
    static const char *const keys[] = {"at",     "actor",   "origin", "action",
                                       "target", "allowed", "detail"};
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

QVariant AuditListModel::cellData(const QJsonObject &row, int column, int role) const
{
    const bool allowed = row.value(u"allowed").toBool();
    const QString kind = row.value(u"target_kind").toString();
    const QString id = row.value(u"target_id").toString();
    if (role == RawValueRole) {
        if (column == Target)
            return QString(kind + u':' + id);
        if (column == Detail)
            return detailText(row.value(u"detail").toObject());
        return row.value(columnKey(column)).toVariant();
    }
    if (role == Qt::ForegroundRole && column == Result)
        return QBrush(allowed ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
    if (role == Qt::ToolTipRole) {
        if (column == Detail || column == Result)
            return detailText(row.value(u"detail").toObject());
        if (column == Origin)
            return row.value(u"host").toString();
        if (column == Target)
            return id;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case At:
        return formatTime(row.value(u"at").toString());
    case Origin: {
        const QString host = row.value(u"host").toString();
        const QString origin = row.value(u"origin").toString();
        return host.isEmpty() ? origin : tr("%1 on %2").arg(origin, host);
    }
    case Target:
        // A UUID's first group tells rows apart; the whole id is in the tooltip.
        if (id.isEmpty())
            return kind;
        return u"%1 %2"_s.arg(kind, id.size() > 13 && id.at(8) == u'-' ? id.left(8) + u'…' : id);
    case Result:
        return allowed ? tr("allowed") : tr("refused");
    case Detail:
        return detailText(row.value(u"detail").toObject());
    default:
        return row.value(columnKey(column)).toVariant();
    }
}

} // namespace wfo::console
