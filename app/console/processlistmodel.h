#pragma once
// The processes list: loaded page by page on a worker thread (never SQL on the GUI thread);
// answers to an older request are dropped (generation counter).

#include "store/database.h"
#include "store/records.h"

#include <QAbstractTableModel>
#include <QList>

class ProcessListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessListModel)

public:
    enum Column { Workflow, Status, LastStep, CreatedBy, Started, LastModified, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, ProcessIdRole };

    explicit ProcessListModel(const wfo::store::Database &database, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

public slots:
    void refresh();

signals:
    void loadFailed(const QString &message);

private:
    void apply(quint64 generation, const QList<wfo::store::ProcessRecord> &rows);

    wfo::store::Database m_database;
    QList<wfo::store::ProcessRecord> m_rows;
    quint64 m_generation = 0;
};
