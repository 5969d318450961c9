#pragma once
// The engine instances that share the database, for the Settings page: id, kind, host, pid,
// threads, started, last heartbeat and what each runs. Fed by InstancesPanel from a query
// thread; setRows() keeps selection when the same instances come back.

#include "queries/engineinstances.h"

#include <QAbstractTableModel>

namespace wfo::console {

class InstanceListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceListModel)

public:
    enum Column { Id, Kind, Host, Pid, Threads, Started, Heartbeat, Running, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, IdRole };

    explicit InstanceListModel(QObject *parent = nullptr);

    // The console's own engine is marked as such.
    void setOwnInstance(const QString &instanceId) { m_own = instanceId; }
    // Instances silent longer than this are shown as presumed dead.
    void setLeaseSeconds(int seconds) { m_leaseSeconds = seconds; }
    void setRows(const QList<queries::EngineInstance> &rows);
    const QList<queries::EngineInstance> &rows() const { return m_rows; }
    int rowOf(const QString &instanceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString runningText(const queries::EngineInstance &row) const;
    qint64 silentSeconds(const queries::EngineInstance &row) const;

    QList<queries::EngineInstance> m_rows;
    QString m_own;
    int m_leaseSeconds = 15;
};

} // namespace wfo::console
