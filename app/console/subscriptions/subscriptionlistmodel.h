#pragma once
// Subscriptions as a lazy list, filtered by lifecycle statuses and the operators' search
// syntax, newest change first; the total count is asked for alongside the first page.

#include "common/pagedmodel.h"

#include "store/subscriptionrepository.h"
#include "store/subscriptionsearch.h"

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
    store::SubscriptionQuery query() const { return m_query; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // The CSV cell of a row (the same text as the display, raw dates).
    static QString csvValue(const QJsonObject &row, int column);
    static QString columnTitle(int column);

protected:
    PageLoader pageLoader() const override;
    CountLoader countLoader() const override;
    QString rowId(const QJsonObject &row) const override;
    QVariant cellData(const QJsonObject &row, int column, int role) const override;
    QString columnKey(int column) const override;

private:
    store::SubscriptionQuery m_query;
};

} // namespace wfo::console
