#include "steplistmodel.h"

#include "common/presentation.h"

#include "queries/timetext.h"

#include <QBrush>
#include <QColor>
#include <QDate>
#include <QDateTime>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace wfo::console {

StepListModel::StepListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void StepListModel::setSteps(const QList<store::StepRecord> &steps, const QString &runningStep)
{
    QDate day;
    bool oneDay = true;
    for (const store::StepRecord &step : steps) {
        const QDate date = queries::timestampFromText(step.startedAt).toLocalTime().date();
        if (!day.isValid())
            day = date;
        oneDay = oneDay && date == day;
    }
    if (oneDay != m_oneDay && !m_steps.isEmpty()) {
        m_oneDay = oneDay;
        emit dataChanged(index(0, Started), index(int(m_steps.size()) - 1, Started));
    }
    m_oneDay = oneDay;
    const int oldRows = rowCount();
    const int newRows = int(steps.size()) + (runningStep.isEmpty() ? 0 : 1);
    bool prefixSame = oldRows <= newRows && m_steps.size() <= steps.size();
    for (qsizetype i = 0; prefixSame && i < m_steps.size(); ++i)
        prefixSame = m_steps.at(i).id == steps.at(i).id;
    if (!prefixSame) {
        beginResetModel();
        m_steps = steps;
        m_running = runningStep;
        endResetModel();
        return;
    }
    // The log only grows: keep rows (and the selection), append the new ones. A reset marks
    // rows rewound in place, so rows kept may still have changed.
    int changedUpTo = -1;
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        const store::StepRecord &was = m_steps.at(i);
        const store::StepRecord &now = steps.at(i);
        if (was.rewoundAt != now.rewoundAt || was.status != now.status || was.reason != now.reason)
            changedUpTo = int(i);
    }
    const bool hadRunning = !m_running.isEmpty();
    if (hadRunning) {
        beginRemoveRows({}, int(m_steps.size()), int(m_steps.size()));
        m_running.clear();
        endRemoveRows();
    }
    if (steps.size() > m_steps.size()) {
        beginInsertRows({}, int(m_steps.size()), int(steps.size() - 1));
        m_steps = steps;
        endInsertRows();
    } else {
        m_steps = steps;
    }
    if (!runningStep.isEmpty()) {
        beginInsertRows({}, int(m_steps.size()), int(m_steps.size()));
        m_running = runningStep;
        endInsertRows();
    }
    if (changedUpTo >= 0)
        emit dataChanged(index(0, 0), index(changedUpTo, ColumnCount - 1));
}

const store::StepRecord *StepListModel::step(int row) const
{
    return row >= 0 && row < m_steps.size() ? &m_steps.at(row) : nullptr;
}

int StepListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size()) + (m_running.isEmpty() ? 0 : 1);
}

int StepListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StepListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::StepRecord *s = step(index.row());
    if (!s) { // the step in progress
        if (role == RunningRole)
            return true;
        if (role == RewoundRole)
            return false;
        if (role == StepIndexRole)
            return -1;
        if (role == Qt::DecorationRole && index.column() == Name)
            return statusIcon(m_waiting ? u"waiting"_s : u"running"_s);
        if (role == Qt::FontRole) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (role != Qt::DisplayRole && role != RawValueRole)
            return {};
        switch (index.column()) {
        case Name:
            return m_running;
        case Status:
            return m_waiting ? tr("Waiting for the engine") : tr("Running…");
        default:
            return {};
        }
    }
    const QString status = toText(s->status);
    const bool rewound = !s->rewoundAt.isEmpty();
    switch (role) {
    case RunningRole:
        return false;
    case RewoundRole:
        return rewound;
    case StepIndexRole:
        return s->index;
    case Qt::DecorationRole:
        return index.column() == Name ? QVariant(statusIcon(status)) : QVariant();
    case Qt::FontRole:
        if (rewound) {
            QFont font;
            font.setStrikeOut(index.column() != Note);
            font.setItalic(index.column() == Note);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        return rewound ? QVariant(QBrush(QColor(0x90, 0x90, 0x90))) : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == Name) {
            // The whole name, numbered as the reset dialog and the traceback count, however
            // narrow the column.
            const QVariant more = toolTip(*s);
            const QString name = tr("Step %1: %2").arg(s->index + 1).arg(s->name);
            return more.isValid() ? QVariant(name + u'\n' + more.toString()) : QVariant(name);
        }
        return index.column() == Started ? QVariant(formatTime(s->startedAt)) : toolTip(*s);
    case RawValueRole:
        switch (index.column()) {
        case Name:
            return s->name;
        case Status:
            return status;
        case Started:
            return s->startedAt;
        case Duration:
            return durationMs(s->startedAt, s->completedAt);
        case By:
            return s->createdBy;
        case Retries:
            return s->retries;
        case Note:
            return note(*s);
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return s->name;
        case Status:
            return statusText(status);
        case Started:
            return startedText(*s);
        case Duration:
            return formatDuration(s->startedAt, s->completedAt);
        case By:
            return s->createdBy;
        case Retries:
            return s->retries > 0 ? QVariant(s->retries) : QVariant();
        case Note:
            return note(*s);
        }
        return {};
    default:
        return {};
    }
}

void StepListModel::setWaitingForEngine(bool waiting)
{
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    if (!m_running.isEmpty()) {
        const int row = int(m_steps.size());
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

QString StepListModel::startedText(const store::StepRecord &step) const
{
    const QDateTime time = queries::timestampFromText(step.startedAt);
    if (!m_oneDay || !time.isValid())
        return formatTime(step.startedAt);
    return QLocale().toString(time.toLocalTime(), u"HH:mm:ss"_s);
}

QString StepListModel::note(const store::StepRecord &step)
{
    if (!step.rewoundAt.isEmpty())
        return tr("⟲ rewound");
    if (step.status == StepStatus::Skipped && !step.reason.isEmpty()) {
        // The whole reason is in the tooltip and under the timeline; the column stays narrow.
        QString reason = step.reason.simplified();
        if (reason.size() > 40)
            reason = reason.left(39) + u'…';
        return tr("Skipped: %1").arg(reason);
    }
    return QString();
}

QVariant StepListModel::toolTip(const store::StepRecord &step)
{
    QStringList lines;
    if (!step.rewoundAt.isEmpty())
        lines << tr("Rewound by a reset at %1: kept in the log, no longer part of the state.")
                     .arg(formatTime(step.rewoundAt));
    if (step.status == StepStatus::Skipped && !step.reason.isEmpty())
        lines << tr("Skipped by %1: %2").arg(step.createdBy, step.reason);
    if (!step.errorMessage.isEmpty())
        lines << step.errorMessage;
    return lines.isEmpty() ? QVariant() : QVariant(lines.join(u'\n'));
}

QVariant StepListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Step");
    case Status:
        return tr("Status");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case By:
        return tr("By");
    case Retries:
        return tr("Retries");
    case Note:
        return tr("Note");
    }
    return {};
}

} // namespace wfo::console
