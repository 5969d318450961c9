#pragma once
// The audit trail as a lazy list, newest first: when, who, from where, the action, its target,
// allowed or refused, and the detail (the step reset to, the skip reason, the refusal). Filters
// on since, actor and target go to the database; action and allowed/refused are applied to the
// rows read, reading further until a page is full.

#include "common/pagedmodel.h"

#include <QStringList>

#include <optional>

namespace wfo::console {

struct AuditListFilter
{
    QString since; // YYYY-MM-DD or a stored timestamp; empty: from the beginning
    QString actor;
    QString targetId;
    QStringList targetIds; // instead of targetId: the rows of any of these (a subscription and
                           // its processes)
    QString action; // "reset", "skip", ...; empty: every action
    std::optional<bool> allowed; // empty: allowed and refused
};

class AuditListModel final : public PagedModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditListModel)

public:
    enum Column { At, Actor, Origin, Action, Target, Result, Detail, ColumnCount };

    explicit AuditListModel(ConsoleContext *context, QObject *parent = nullptr);

    // Takes effect with the next reload().
    void setFilter(const AuditListFilter &filter) { m_filter = filter; }
    const AuditListFilter &filter() const { return m_filter; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The rows from `offset` on (at most `limit`) that pass the whole filter.
    static QList<QJsonObject> page(const store::Database &database, const AuditListFilter &filter,
                                   int offset, int limit);
    // "to_step: 2, reason: …": a detail object on one line.
    static QString detailText(const QJsonObject &detail);

protected:
    PageLoader pageLoader() const override;
    QString rowId(const QJsonObject &row) const override;
    QVariant cellData(const QJsonObject &row, int column, int role) const override;
    QString columnKey(int column) const override;

private:
    AuditListFilter m_filter;
};

} // namespace wfo::console
