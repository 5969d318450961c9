#pragma once
// The Tasks screen: active and completed tasks, "Run task" (pick a task workflow, answer its
// form if it has one) and "Retry all failed tasks" (after a confirmation).

#include "processespage.h"

class QPushButton;

namespace wfo::console {

class TasksPage final : public ProcessesPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TasksPage)

public:
    explicit TasksPage(ConsoleContext *context, QWidget *parent = nullptr);

public slots:
    void chooseTask();
    void retryAllFailed();

private:
    void retry(const QStringList &processIds);

    QPushButton *m_runTask;
    QPushButton *m_retryAll;
};

} // namespace wfo::console
