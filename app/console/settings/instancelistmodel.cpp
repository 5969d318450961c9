#include "instancelistmodel.h"

#include "common/presentation.h"

#include "queries/timetext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>

using namespace Qt::StringLiterals;

namespace wfo::console {

InstanceListModel::InstanceListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void InstanceListModel::setRows(const QList<queries::EngineInstance> &rows)
{
    bool sameIds = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows.at(i).instance.id == m_rows.at(i).instance.id;
    if (!sameIds) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int InstanceListModel::rowOf(const QString &instanceId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).instance.id == instanceId)
            return int(i);
    }
    return -1;
}

int InstanceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InstanceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 InstanceListModel::silentSeconds(const queries::EngineInstance &row) const
{
    const QDateTime heartbeat = queries::timestampFromText(row.instance.heartbeatAt);
    if (!heartbeat.isValid())
        return -1;
    return qMax<qint64>(0, heartbeat.secsTo(QDateTime::currentDateTimeUtc()));
}

QString InstanceListModel::runningText(const queries::EngineInstance &row) const
{
    if (row.running.isEmpty())
        return tr("idle");
    QStringList parts;
    for (const queries::ClaimedProcess &p : row.running) {
        parts << (p.stepName.isEmpty()
                      ? tr("%1 (%2)").arg(p.workflowName, p.processId.left(8))
                      : tr("%1 (%2): %3").arg(p.workflowName, p.processId.left(8), p.stepName));
    }
    return parts.join(u"; "_s);
}

QVariant InstanceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const queries::EngineInstance &row = m_rows.at(index.row());
    const store::EngineInstanceRecord &i = row.instance;
    const bool own = i.id == m_own;
    const qint64 silent = silentSeconds(row);
    const bool late = silent > m_leaseSeconds;
    if (role == IdRole)
        return i.id;
    if (role == RawValueRole) {
        switch (Column(index.column())) {
        case Id:
            return i.id;
        case Kind:
            return i.kind;
        case Host:
            return i.hostname;
        case Pid:
            return i.pid;
        case Threads:
            return i.threads;
        case Started:
            return i.startedAt;
        case Heartbeat:
            return i.heartbeatAt;
        case Running:
            return int(row.running.size());
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case Id:
            return own ? tr("%1 (this console)").arg(i.id) : i.id;
        case Kind:
            return i.kind;
        case Host:
            return i.hostname;
        case Pid:
            return QString::number(i.pid);
        case Threads:
            return QString::number(i.threads);
        case Started:
            return formatTime(i.startedAt);
        case Heartbeat:
            if (silent < 0)
                return QString();
            return late ? tr("%n s ago: presumed dead", nullptr, int(silent))
                        : tr("%n s ago", nullptr, int(silent));
        case Running:
            return runningText(row);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Id)
            return i.id;
        if (index.column() == Running && !row.running.isEmpty()) {
            QStringList lines;
            for (const queries::ClaimedProcess &p : row.running)
                lines << tr("%1 %2 (%3), next step: %4")
                             .arg(p.workflowName, p.processId, p.status, p.stepName);
            return lines.join(u'\n');
        }
        return {};
    }
    if (role == Qt::FontRole && own) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ForegroundRole && index.column() == Heartbeat && late)
        return QBrush(QColor(0xc6, 0x28, 0x28));
    return {};
}

QVariant InstanceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Id:
        return tr("Instance");
    case Kind:
        return tr("Kind");
    case Host:
        return tr("Host");
    case Pid:
        return tr("PID");
    case Threads:
        return tr("Threads");
    case Started:
        return tr("Started");
    case Heartbeat:
        return tr("Last heartbeat");
    case Running:
        return tr("Running");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace wfo::console
