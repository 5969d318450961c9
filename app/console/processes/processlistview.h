#pragma once
// One list of processes (or tasks) with its lazy model and a sort proxy on raw values: a table
// that refreshes itself while visible when anything changes, and opens a process on
// activation (double click or Enter).

#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;
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

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    ConsoleContext *m_context;
    ProcessListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_message;
    bool m_loadedOnce = false;
};

} // namespace wfo::console
