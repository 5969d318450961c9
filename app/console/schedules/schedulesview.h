#pragma once
// The Schedules screen: the workflows that run by themselves (docs/architecture.md,
// "Schedules"), with their trigger, next run and last run (result, process, missed runs). An
// admin adds, edits, enables, disables and deletes schedules; an operator may run one now. The
// list loads through engine/queries on the console's query pool and follows every change (the
// engine's "schedule" changes, the poll); actions go through Engine (audited), and what the
// operator's role forbids stays visible, disabled, with the reason.

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace wfo {
struct ActionResult;
}

namespace wfo::console {

class ConsoleContext;
class ScheduleDialog;

class SchedulesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesView)

public:
    enum Column {
        NameColumn,
        WorkflowColumn,
        TriggerColumn,
        EnabledColumn,
        NextRunColumn,
        LastRunColumn // when, with the result, the process and missed runs
    };

    explicit SchedulesView(ConsoleContext *context, QWidget *parent = nullptr);

    QTreeWidget *table() const { return m_table; }
    QJsonArray schedules() const { return m_schedules; }
    // Selects the schedule with this id; false when it is not listed.
    bool select(const QString &scheduleId);
    // The dialog opened by addSchedule/editSchedule, while it is open.
    ScheduleDialog *dialog() const;

public slots:
    void refresh();
    void addSchedule();
    void editSchedule();
    void toggleEnabled();
    void removeSchedule();
    void runNow();
    void openLastProcess();

signals:
    void loaded();
    // An action finished: its outcome is shown (for tests and screenshots).
    void actionFinished(bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void apply(const QJsonArray &schedules);
    void updateActions();
    QJsonObject current() const;
    void openDialog(const QJsonObject &existing);
    // A new schedule's id: its name in lower case with dashes, unique among those listed.
    QString newId(const QString &name) const;
    void showOutcome(bool ok, const QString &text);
    void finishAction(const QString &what, const wfo::ActionResult &result);

    ConsoleContext *m_context;
    QJsonArray m_schedules;
    QTreeWidget *m_table;
    QLabel *m_notice;
    QLabel *m_outcome;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QPushButton *m_remove;
    QPushButton *m_run;
    QPushButton *m_openProcess;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace wfo::console
