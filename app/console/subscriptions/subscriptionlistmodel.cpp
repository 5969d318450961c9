#include "subscriptionlistmodel.h"

#include "common/presentation.h"

#include "base/lifecycle.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::console {

SubscriptionListModel::SubscriptionListModel(ConsoleContext *context, QObject *parent)
    : PagedModel(context, parent)
{ }

int SubscriptionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SubscriptionListModel::columnTitle(int column)
{
    switch (column) {
    case Description:
        return tr("Description");
    case Status:
        return tr("Status");
    case InSync:
        return tr("In sync");
    case Product:
        return tr("Product");
    case Tag:
        return tr("Tag");
    case Customer:
        return tr("Customer");
    case StartDate:
        return tr("Start date");
    case EndDate:
        return tr("End date");
    case Note:
        return tr("Note");
    case LastModified:
        return tr("Last modified");
    case Id:
        return tr("Subscription id");
    }
    return {};
}

QVariant SubscriptionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section);
}

PagedModel::PageLoader SubscriptionListModel::pageLoader() const
{
    const queries::SubscriptionFilter query = m_query;
    return [query](const store::Database &database, int offset, int limit) {
        queries::SubscriptionFilter q = query;
        q.offset = offset;
        q.limit = limit;
        QList<QJsonObject> rows;
        const QJsonArray list = queries::SubscriptionPageQuery::page(database, q);
        rows.reserve(list.size());
        for (const QJsonValue &value : list)
            rows.append(value.toObject());
        return rows;
    };
}

namespace {

PagedModel::KeysetLoader keysetLoaderOf(const queries::SubscriptionFilter &query)
{
    return [query](const store::Database &database, const std::optional<QJsonObject> &after,
                   int limit) {
        QList<QJsonObject> rows;
        const QJsonArray list =
            queries::SubscriptionPageQuery::pageAfter(database, query, after, limit);
        rows.reserve(list.size());
        for (const QJsonValue &value : list)
            rows.append(value.toObject());
        return rows;
    };
}

} // namespace

PagedModel::KeysetLoader SubscriptionListModel::keysetLoader() const
{
    return keysetLoaderOf(m_query);
}

PagedModel::KeysetLoader SubscriptionListModel::reverseKeysetLoader() const
{
    // The same keyset in the other direction: every order ends with the id, so the rows before
    // a row are the rows after it in the reverse order, on the same index.
    queries::SubscriptionFilter query = m_query;
    query.order.direction =
        query.order.direction == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    return keysetLoaderOf(query);
}

std::optional<queries::SubscriptionOrder::Column> SubscriptionListModel::orderColumn(int column)
{
    using Order = queries::SubscriptionOrder::Column;
    switch (column) {
    case Description:
        return Order::Description;
    case Status:
        return Order::Status;
    case InSync:
        return Order::InSync;
    case Product:
        return Order::Product;
    case Customer:
        return Order::Customer;
    case StartDate:
        return Order::StartDate;
    case EndDate:
        return Order::EndDate;
    case LastModified:
        return Order::LastModified;
    case Id:
        return Order::Id;
    default:
        return std::nullopt;
    }
}

int SubscriptionListModel::sortColumn() const
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (orderColumn(column) == m_query.order.column)
            return column;
    }
    return LastModified;
}

void SubscriptionListModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<queries::SubscriptionOrder::Column> by = orderColumn(column);
    if (!by || (*by == m_query.order.column && order == m_query.order.direction))
        return;
    m_query.order.column = *by;
    m_query.order.direction = order;
    // Before the first load (a view restoring its header) there is nothing to sort again.
    if (rowCount() > 0 || isLoading())
        reload();
}

PagedModel::CountLoader SubscriptionListModel::countLoader() const
{
    const queries::SubscriptionFilter query = m_query;
    return [query](const store::Database &database) {
        return queries::SubscriptionPageQuery::count(database, query);
    };
}

QString SubscriptionListModel::rowId(const QJsonObject &row) const
{
    return row.value(u"subscription_id").toString();
}

QString SubscriptionListModel::columnKey(int column) const
{
    static const char *const keys[] = {
        "description", "status",           "insync",         "product",
        "tag",         "customer_id",      "start_date",     "end_date",
        "note",        "last_modified_at", "subscription_id"};
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

QString SubscriptionListModel::csvValue(const QJsonObject &row, int column)
{
    const QJsonObject product = row.value(u"product").toObject();
    switch (column) {
    case Product:
        return product.value(u"name").toString();
    case Tag:
        return product.value(u"tag").toString();
    case InSync:
        return row.value(u"insync").toBool() ? u"true"_s : u"false"_s;
    default: {
        static const char *const keys[] = {
            "description", "status",           "insync",         "product",
            "tag",         "customer_id",      "start_date",     "end_date",
            "note",        "last_modified_at", "subscription_id"};
        return row.value(QString::fromLatin1(keys[column])).toVariant().toString();
    }
    }
}

QVariant SubscriptionListModel::cellData(const QJsonObject &row, int column, int role) const
{
    const QString status = row.value(u"status").toString();
    if (role == RawValueRole) {
        if (column == Product || column == Tag)
            return csvValue(row, column);
        return {};
    }
    if (role == Qt::DecorationRole && column == Status)
        return statusIcon(status);
    if (role == Qt::ForegroundRole && column == InSync && !row.value(u"insync").toBool())
        return statusColor(u"failed"_s);
    if (role == Qt::ToolTipRole && column == Description)
        return row.value(u"description").toString();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Status:
        if (const auto lifecycle = lifecycleFromString(status))
            return displayName(*lifecycle);
        return status;
    case InSync:
        return row.value(u"insync").toBool() ? tr("yes") : tr("out of sync");
    case StartDate:
    case EndDate:
        return formatDate(row.value(columnKey(column)).toString()); // a day, not a moment
    case LastModified:
        return formatTime(row.value(columnKey(column)).toString());
    default:
        return csvValue(row, column);
    }
}

} // namespace wfo::console
