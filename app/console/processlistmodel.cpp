#include "processlistmodel.h"

#include "store/processrepository.h"
#include "store/timestamps.h"

#include <QLocale>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

ProcessListModel::ProcessListModel(const wfo::store::Database &database, QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{ }

int ProcessListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProcessListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const wfo::store::ProcessRecord &p = m_rows.at(index.row());
    if (role == ProcessIdRole)
        return p.id;
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    auto time = [role](const QString &text) -> QVariant {
        if (role == RawValueRole)
            return text;
        return QLocale().toString(wfo::store::Timestamps::fromText(text).toLocalTime(),
                                  QLocale::ShortFormat);
    };
    switch (index.column()) {
    case Workflow:
        return p.workflowName;
    case Status:
        return role == RawValueRole ? wfo::toText(p.status) : wfo::displayName(p.status);
    case LastStep:
        return p.lastStep;
    case CreatedBy:
        return p.createdBy;
    case Started:
        return time(p.startedAt);
    case LastModified:
        return time(p.lastModifiedAt);
    }
    return {};
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Workflow:
        return tr("Workflow");
    case Status:
        return tr("Status");
    case LastStep:
        return tr("Last step");
    case CreatedBy:
        return tr("Created by");
    case Started:
        return tr("Started");
    case LastModified:
        return tr("Last modified");
    }
    return {};
}

void ProcessListModel::refresh()
{
    const quint64 generation = ++m_generation;
    const wfo::store::Database database = m_database;
    auto future = QtConcurrent::run([database] {
        wfo::store::ProcessFilter filter;
        filter.limit = 500;
        return wfo::store::ProcessRepository(database).list(filter);
    });
    future
        .then(this,
              [this, generation](const QList<wfo::store::ProcessRecord> &rows) {
                  apply(generation, rows);
              })
        .onFailed(this, [this](const wfo::store::StoreError &e) { emit loadFailed(e.message()); });
}

void ProcessListModel::apply(quint64 generation, const QList<wfo::store::ProcessRecord> &rows)
{
    if (generation != m_generation)
        return; // an answer to an older request
    beginResetModel();
    m_rows = rows;
    endResetModel();
}
