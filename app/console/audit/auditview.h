#pragma once
// The audit trail: every operator action, allowed or refused, newest first, with filters (since
// a date, actor, target, action, allowed or refused). It is the Audit screen, and, fixed to one
// target, the Audit tab of a process and of a subscription. Rows load page by page on the query
// pool while the operator scrolls, and refresh while visible; double-click opens the process or
// subscription a row is about.

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace wfo::console {

class AuditListModel;
class ConsoleContext;

class AuditView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    // `screen`: the Audit screen (title and every filter); otherwise a tab of a detail that
    // shows one target's rows (setTarget).
    AuditView(ConsoleContext *context, bool screen, QWidget *parent = nullptr);

    AuditListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Shows the rows of these targets only (a process; a subscription and its processes).
    void setTarget(const QString &targetId) { setTargets({targetId}); }
    void setTargets(const QStringList &targetIds);

public slots:
    // Applies the filters and starts again from the newest row.
    void reload();
    void refresh();

signals:
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void openRow(const QModelIndex &index);
    void updateSummary();

    ConsoleContext *m_context;
    bool m_screen;
    QStringList m_targets;
    AuditListModel *m_model;
    QTableView *m_table;
    QCheckBox *m_sinceEnabled;
    QDateEdit *m_since;
    QLineEdit *m_actor;
    QLineEdit *m_targetEdit;
    QComboBox *m_action;
    QComboBox *m_allowed;
    QLabel *m_summary;
    QTimer *m_filterDelay;
    bool m_loadedOnce = false;
};

} // namespace wfo::console
