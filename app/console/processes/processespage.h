#pragma once
// The Processes screen (workflows on subscriptions) and, with `tasks` set, the base of the
// Tasks screen: Active and Completed tabs of lazy process lists, searched with the operators'
// search syntax (store/processsearch.h).

#include <QWidget>

class QLineEdit;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace wfo::console {

class ConsoleContext;
class ProcessListView;

class ProcessesPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessesPage)

public:
    ProcessesPage(ConsoleContext *context, bool tasks, QWidget *parent = nullptr);

    ProcessListView *activeList() const { return m_active; }
    ProcessListView *completedList() const { return m_completed; }
    QTabWidget *tabs() const { return m_tabs; }
    QLineEdit *searchField() const { return m_search; }
    void focusSearch();

public slots:
    void refresh();
    // Both lists take the search field's text (typing waits a moment for the next key).
    void applySearch();
    void showSearchHelp();

protected:
    QVBoxLayout *pageLayout() const { return m_layout; }
    ConsoleContext *context() const { return m_context; }

private:
    ConsoleContext *m_context;
    QVBoxLayout *m_layout;
    QTabWidget *m_tabs;
    ProcessListView *m_active;
    ProcessListView *m_completed;
    QLineEdit *m_search;
    QTimer *m_searchTimer;
};

} // namespace wfo::console
