#include "processlistmodel.h"

#include "common/consolecontext.h"
#include "common/presentation.h"

#include "queries/processpages.h"
#include "queries/subscriptionpages.h"

#include <QBrush>
#include <QFont>

using namespace Qt::StringLiterals;

namespace wfo::console {

ProcessListModel::ProcessListModel(ConsoleContext *context, QObject *parent)
    : PagedModel(context, parent)
{
    // Paused or resumed: the status words of queued processes change without a reload.
    connect(context->engine(), &Engine::stateChanged, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, Status), index(rowCount() - 1, Status), {Qt::DisplayRole});
    });
}

int ProcessListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Workflow:
        return tr("Workflow");
    case Subscription:
        return tr("Subscription");
    case Step:
        return tr("Step");
    case Status:
        return tr("Status");
    case Target:
        return tr("Target");
    case Product:
        return tr("Product");
    case Customer:
        return tr("Customer");
    case CreatedBy:
        return tr("Created by");
    case Started:
        return tr("Started");
    case LastModified:
        return tr("Last modified");
    }
    return {};
}

QJsonObject ProcessListModel::toRow(const store::ProcessRecord &p, const WorkflowRegistry *registry)
{
    const QJsonObject subscription = p.state.value(u"subscription").toObject();
    const QJsonObject subscriptionProduct = subscription.value(u"product").toObject();
    QString product = subscriptionProduct.value(u"name").toString();
    if (product.isEmpty()) {
        const QJsonValue value = p.state.value(u"product");
        product = value.isObject() ? value.toObject().value(u"name").toString()
                                   : p.state.value(u"product_name").toString(value.toString());
    }
    QString customer = subscription.value(u"customer_id").toString();
    if (customer.isEmpty())
        customer = p.state.value(u"customer_id").toString();
    QString target;
    if (registry) {
        if (const WorkflowPtr workflow = registry->find(p.workflowName))
            target = toText(workflow->target());
    }
    const QStringList subscriptions = p.subscriptionIds();
    const QString subscriptionId = subscriptions.isEmpty() ? QString() : subscriptions.first();
    QString description;
    if (subscription.value(u"subscription_id").toString() == subscriptionId)
        description = subscription.value(u"description").toString();
    return {
        {u"process_id"_s, p.id},
        {u"workflow"_s, p.workflowName},
        {u"subscription_id"_s, subscriptionId},
        {u"subscription"_s, description},
        {u"target"_s, target},
        {u"status"_s, toText(p.status)},
        {u"step"_s,
         p.status == ProcessStatus::Completed ? p.lastStep
             : p.nextStepName.isEmpty()       ? p.lastStep
                                              : p.nextStepName},
        {u"last_step"_s, p.lastStep},
        {u"product"_s, product},
        {u"customer"_s, customer},
        {u"created_by"_s, p.createdBy},
        {u"started_at"_s, p.startedAt},
        {u"last_modified_at"_s, p.lastModifiedAt},
        {u"is_task"_s, p.isTask},
        {u"failed_reason"_s, p.failedReason},
        {u"claimed_by"_s, p.claimedBy},
    };
}

PagedModel::PageLoader ProcessListModel::pageLoader() const
{
    queries::ProcessFilter filter;
    filter.statuses = m_statuses;
    filter.isTask = m_tasks;
    filter.createdBy = m_createdBy;
    filter.search = m_search;
    const WorkflowRegistry *registry = context()->engine()->registry();
    return [filter, registry](const store::Database &database, int offset, int limit) {
        queries::ProcessFilter page = filter;
        page.offset = offset;
        page.limit = limit;
        QList<QJsonObject> rows;
        for (const store::ProcessRecord &p : queries::ProcessPageQuery::page(database, page))
            rows.append(toRow(p, registry));
        describeSubscriptions(database, &rows);
        return rows;
    };
}

void ProcessListModel::describeSubscriptions(const store::Database &database,
                                             QList<QJsonObject> *rows)
{
    QStringList wanted;
    for (const QJsonObject &row : std::as_const(*rows)) {
        const QString id = row.value(u"subscription_id").toString();
        if (!id.isEmpty() && row.value(u"subscription").toString().isEmpty()
            && !wanted.contains(id))
            wanted.append(id);
    }
    if (wanted.isEmpty())
        return;
    queries::SubscriptionFilter filter;
    filter.search = u"id:(%1)"_s.arg(wanted.join(u'|'));
    filter.limit = int(wanted.size());
    QHash<QString, QJsonObject> found;
    try {
        for (const QJsonValue &value : queries::SubscriptionPageQuery::page(database, filter)) {
            const QJsonObject subscription = value.toObject();
            found.insert(subscription.value(u"subscription_id").toString(), subscription);
        }
    } catch (const store::StoreError &) {
        return; // the names are a help; the page of processes stands without them
    }
    for (QJsonObject &row : *rows) {
        const auto it = found.constFind(row.value(u"subscription_id").toString());
        if (it == found.constEnd())
            continue;
        if (row.value(u"subscription").toString().isEmpty())
            row.insert(u"subscription"_s, it->value(u"description"));
        if (row.value(u"customer").toString().isEmpty())
            row.insert(u"customer"_s, it->value(u"customer_id"));
    }
}

QString ProcessListModel::rowId(const QJsonObject &row) const
{
    return row.value(u"process_id").toString();
}

QString ProcessListModel::columnKey(int column) const
{
    static const char *const keys[] = {"workflow",   "subscription",    "step",     "status",
                                       "target",     "product",         "customer", "created_by",
                                       "started_at", "last_modified_at"};
    return column >= 0 && column < ColumnCount ? QString::fromLatin1(keys[column]) : QString();
}

QVariant ProcessListModel::cellData(const QJsonObject &row, int column, int role) const
{
    const QString status = row.value(u"status").toString();
    if (role == Qt::DecorationRole && column == Status)
        return statusIcon(status);
    if (role == Qt::ToolTipRole) {
        if (column == Subscription || column == Workflow) {
            const QString text = row.value(columnKey(column)).toString();
            return text.isEmpty() ? QVariant() : QVariant(text); // the whole of an elided text
        }
        const QString reason = row.value(u"failed_reason").toString();
        return reason.isEmpty() ? QVariant() : QVariant(reason);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Status:
        // Queued work on a paused engine does not run: say so rather than "Created".
        if ((status == "created"_L1 || status == "resumed"_L1)
            && context()->engine()->state() != EngineState::Running)
            return tr("Waiting for the engine");
        return statusText(status);
    case Target:
        return targetText(row.value(u"target").toString());
    case Started:
        return formatTime(row.value(u"started_at").toString());
    case LastModified:
        return formatTime(row.value(u"last_modified_at").toString());
    default:
        return row.value(columnKey(column)).toVariant();
    }
}

} // namespace wfo::console
