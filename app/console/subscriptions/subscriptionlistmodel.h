#pragma once
// Subscriptions as a lazy list, filtered by lifecycle statuses and the operators' search
// syntax, sorted by the database (newest change first unless a column is chosen) and paged by
// keyset, from either end (the End key asks for the last page in the reverse order); the total
// count is asked for alongside the first page.

#include "common/pagedmodel.h"

#include "queries/subscriptionpages.h"

namespace wfo::console {

class SubscriptionListModel final : public PagedModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionListModel)

public:
    enum Column {
        Description,
        Status,
        InSync,
        Product,
        Tag,
        Customer,
        StartDate,
        EndDate,
        Note,
        LastModified,
        Id,
        ColumnCount
    };

    explicit SubscriptionListModel(ConsoleContext *context, QObject *parent = nullptr);

    // Take effect with the next reload().
    void setStatuses(const QStringList &statuses) { m_query.statuses = statuses; }
    void setSearch(const QString &search) { m_query.search = search; }
    queries::SubscriptionFilter query() const { return m_query; }
    // The column the rows are sorted by (LastModified by default).
    int sortColumn() const;
    Qt::SortOrder sortOrder() const { return m_query.order.direction; }
    // Sorts the whole result in the database and starts again from the first page; columns
    // the database does not sort by (tag, note) leave the order as it is.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static std::optional<queries::SubscriptionOrder::Column> orderColumn(int column);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // The CSV cell of a row (the same text as the display, raw dates).
    static QString csvValue(const QJsonObject &row, int column);
    static QString columnTitle(int column);

protected:
    PageLoader pageLoader() const override;
    CountLoader countLoader() const override;
    KeysetLoader keysetLoader() const override;
    KeysetLoader reverseKeysetLoader() const override;
    QString rowId(const QJsonObject &row) const override;
    QVariant cellData(const QJsonObject &row, int column, int role) const override;
    QString columnKey(int column) const override;

private:
    queries::SubscriptionFilter m_query;
};

} // namespace wfo::console
