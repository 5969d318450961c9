#pragma once
// Processes (or tasks) as a lazy list: workflow, the subscription it works on (by description,
// so two "validate · Failed" rows say which node each is), current step, status, target, product,
// customer, created by, started and last modified, newest change first, loaded page by page
// on the query pool. Descriptions the process state lacks are read for the whole page in one
// query of the subscriptions.

#include "common/pagedmodel.h"

#include <QStringList>

#include <optional>

namespace wfo::console {

class ProcessListModel final : public PagedModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessListModel)

public:
    enum Column {
        Workflow,
        Subscription,
        Step,
        Status,
        Target,
        Product,
        Customer,
        CreatedBy,
        Started,
        LastModified,
        ColumnCount
    };

    explicit ProcessListModel(ConsoleContext *context, QObject *parent = nullptr);

    // Takes effect with the next reload().
    void setStatuses(const QStringList &statuses) { m_statuses = statuses; }
    void setTasks(std::optional<bool> tasks) { m_tasks = tasks; }
    void setCreatedBy(const QString &actor) { m_createdBy = actor; }
    // The operators' search syntax on processes (store/processsearch.h).
    void setSearch(const QString &search) { m_search = search; }
    QString search() const { return m_search; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The row shape: {process_id, workflow, subscription_id, subscription, target, status, step,
    // product, customer, created_by, started_at, last_modified_at, is_task, failed_reason,
    // claimed_by}.
    static QJsonObject toRow(const store::ProcessRecord &process, const WorkflowRegistry *registry);
    // Fills `subscription` (and an empty `customer`) of rows whose state did not name them, from
    // the subscriptions table: one query for the rows. Runs on the query pool.
    static void describeSubscriptions(const store::Database &database, QList<QJsonObject> *rows);

protected:
    PageLoader pageLoader() const override;
    QString rowId(const QJsonObject &row) const override;
    QVariant cellData(const QJsonObject &row, int column, int role) const override;
    QString columnKey(int column) const override;

private:
    QStringList m_statuses;
    std::optional<bool> m_tasks;
    QString m_createdBy;
    QString m_search;
};

} // namespace wfo::console
