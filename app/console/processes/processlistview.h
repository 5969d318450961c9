#pragma once
// One list of processes (or tasks) with its lazy model and a sort proxy on raw values: a table
// that refreshes itself while visible when anything changes, opens a process on activation
// (double click or Enter), and has a context menu (Open, Retry, Abort…, Delete…) whose actions
// the operator may not take are disabled with the reason as tooltip.

#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace wfo::console {

class ConsoleContext;
class ProcessListModel;

class ProcessListView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessListView)

public:
    ProcessListView(ConsoleContext *context, const QStringList &statuses, std::optional<bool> tasks,
                    QWidget *parent = nullptr);

    ProcessListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString currentProcessId() const;
    // The context menu for a row of the view (the caller owns it).
    QMenu *createContextMenu(const QModelIndex &index);
    // The ids of the selected rows (several with Shift or Ctrl).
    QStringList selectedProcessIds() const;

    // Lists the processes the search selects (store/processsearch.h); empty lists them all.
    void setSearch(const QString &search);

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void act(const QString &what, const QString &processId, int action);
    // Retry or abort the selection as one audited bulk action; says which could not be.
    QMenu *createSelectionMenu(const QStringList &processIds);
    void actOnSelection(const QStringList &processIds, bool abort);
    // The selection bar's button: how many are selected, with the same menu as the context
    // menu of a selection.
    void updateSelectionButton();

    ConsoleContext *m_context;
    ProcessListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_message;
    QPushButton *m_selection;
    bool m_loadedOnce = false;
};

} // namespace wfo::console
