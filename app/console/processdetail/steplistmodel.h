#pragma once
// The step timeline of one process: every attempt of every step from the step log (so a failed
// attempt and its successful retry are both there) with status, start, duration, who ran it
// and how many retries came before; while the process runs, a last row shows the step in
// progress. Rows a reset rewound stay, greyed and struck through with a "rewound" note (when, in
// the tooltip); a skipped step shows the operator's reason. Small (one process), so it is filled at
// once, not lazily.

#include "queries/processdetail.h"

#include <QAbstractTableModel>
#include <QList>

namespace wfo::console {

class StepListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepListModel)

public:
    enum Column { Name, Status, Started, Duration, By, Retries, Note, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, StepIndexRole, RunningRole, RewoundRole };

    explicit StepListModel(QObject *parent = nullptr);

    // `runningStep`: the name of the step now running, or empty.
    void setSteps(const QList<store::StepRecord> &steps, const QString &runningStep = {});
    // The row of the next step waits for a paused engine rather than runs: it says so.
    void setWaitingForEngine(bool waiting);
    bool isWaitingForEngine() const { return m_waiting; }
    const QList<store::StepRecord> &steps() const { return m_steps; }
    // The step-log row of a model row, or nullptr for the row of the running step.
    const store::StepRecord *step(int row) const;
    bool hasRunningRow() const { return !m_running.isEmpty(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static QString note(const store::StepRecord &step);
    QString startedText(const store::StepRecord &step) const;
    static QVariant toolTip(const store::StepRecord &step);

    QList<store::StepRecord> m_steps;
    QString m_running;
    bool m_waiting = false;
    bool m_oneDay = false; // every step started on the same day: times alone say enough
};

} // namespace wfo::console
