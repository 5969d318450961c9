#pragma once
// Add a schedule or change one: a name, the workflow it starts (tasks first), the trigger (cron,
// interval or once) with its time zone, and whether it is enabled. The trigger is checked as it
// is typed by the engine's own parser (pure time arithmetic, docs/architecture.md "Layers":
// schedule), which names the problem under the field, and the next five runs are shown; OK
// stays disabled while the trigger is invalid. The dialog does not save: it hands the change to
// whoever opened it (saveRequested) and closes when told the engine took it, or shows the
// engine's refusal where the operator looks.

#include "core/actionresult.h"
#include "core/workflowregistry.h"

#include <QDateTime>
#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace wfo::console {

class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)

public:
    // `existing`: the schedule as ScheduleQueries gives it; empty to add one.
    ScheduleDialog(const WorkflowRegistry *registry, const QJsonObject &existing,
                   QWidget *parent = nullptr);

    bool isAdding() const { return m_existing.isEmpty(); }
    QString scheduleId() const { return m_existing.value(u"schedule_id").toString(); }
    // What the operator asks for; on an edit, the trigger fields only when they changed (a new
    // trigger restarts an interval's count).
    ScheduleChange change() const;
    // The trigger as typed is valid (OK is enabled).
    bool isValid() const { return m_valid; }
    QString triggerError() const;
    QList<QDateTime> nextRuns() const { return m_nextRuns; } // UTC

    // The clock the next runs are computed from (tests; default: now).
    void setNow(const QDateTime &now);

public slots:
    // The engine's answer to saveRequested: closes on success, otherwise shows why.
    void finish(const wfo::ActionResult &result);

signals:
    void saveRequested(const wfo::ScheduleChange &change);

private:
    void validate();
    void updateTriggerHint();
    void submit();

    QJsonObject m_existing;
    QLineEdit *m_name;
    QComboBox *m_workflow;
    QComboBox *m_kind;
    QLineEdit *m_trigger;
    QLabel *m_error;
    QComboBox *m_zone;
    QCheckBox *m_enabled;
    QLabel *m_nextRunsLabel;
    QLabel *m_refusal;
    QPushButton *m_confirm;
    QDateTime m_now;
    QList<QDateTime> m_nextRuns;
    bool m_valid = false;
    bool m_saving = false;
};

} // namespace wfo::console
