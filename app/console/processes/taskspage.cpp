#include "taskspage.h"

#include "common/allowance.h"
#include "common/confirm.h"
#include "common/consolecontext.h"
#include "common/workflowlauncher.h"

#include "queries/processpages.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

TasksPage::TasksPage(ConsoleContext *context, QWidget *parent)
    : ProcessesPage(context, true, parent)
    , m_runTask(new QPushButton(tr("&Run task…"), this))
    , m_retryAll(new QPushButton(tr("Retry all &failed tasks…"), this))
{
    m_runTask->setObjectName(u"runTaskButton"_s);
    m_runTask->setAccessibleName(tr("Run task"));
    m_retryAll->setObjectName(u"retryAllFailedButton"_s);
    m_retryAll->setAccessibleName(tr("Retry all failed tasks"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runTask);
    buttons->addWidget(m_retryAll);
    buttons->addStretch(1);
    pageLayout()->insertLayout(1, buttons);
    connect(m_runTask, &QPushButton::clicked, this, &TasksPage::chooseTask);
    connect(m_retryAll, &QPushButton::clicked, this, &TasksPage::retryAllFailed);
    auto updateActions = [this] {
        setAllowed(m_runTask, this->context()->refusal(Permission::Start));
        setAllowed(m_retryAll, this->context()->refusal(Permission::Resume));
    };
    connect(context, &ConsoleContext::roleChanged, this, updateActions);
    updateActions();
}

void TasksPage::chooseTask()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"runTaskDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Run task"));
    auto *list = new QListWidget(dialog);
    list->setObjectName(u"taskList"_s);
    list->setAccessibleName(tr("Task workflows"));
    for (const WorkflowPtr &workflow : context()->engine()->registry()->all()) {
        if (!workflow->isTask())
            continue;
        auto *item = new QListWidgetItem(workflow->name(), list);
        item->setData(Qt::UserRole, workflow->name());
        item->setToolTip(workflow->description());
        item->setText(workflow->name() + u"\n    "_s + workflow->description());
        const QString refusal = context()->refusal(Permission::Start, workflow->startRole());
        if (!refusal.isEmpty()) {
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            item->setToolTip(refusal);
        }
    }
    list->setCurrentRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton *run = buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
    run->setObjectName(u"runButton"_s);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Choose the task to run:"), dialog));
    layout->addWidget(list);
    layout->addWidget(buttons);
    dialog->resize(480, 360);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(list, &QListWidget::itemActivated, dialog, &QDialog::accept);
    connect(dialog, &QDialog::accepted, this, [this, list] {
        if (!list->currentItem() || !(list->currentItem()->flags() & Qt::ItemIsEnabled))
            return;
        auto *launcher = new WorkflowLauncher(context(), this);
        launcher->setConfirmStart(false); // the task list with its Run button asked already
        launcher->launch(list->currentItem()->data(Qt::UserRole).toString());
    });
    dialog->open();
}

void TasksPage::retryAllFailed()
{
    if (!m_retryAll->isEnabled())
        return;
    setBusy(m_retryAll);
    context()->query(
        this,
        [](const store::Database &database) {
            queries::ProcessFilter filter;
            filter.isTask = true;
            filter.statuses = queries::ProcessPageQuery::failedStatuses();
            filter.limit = 100000;
            return queries::ProcessPageQuery::ids(database, filter);
        },
        [this](const QueryResult<QStringList> &result) {
            setAllowed(m_retryAll, context()->refusal(Permission::Resume));
            if (!result.ok()) {
                showError(this, tr("Retry all failed tasks"), result.error);
                return;
            }
            if (result.value.isEmpty()) {
                showInformation(this, tr("Retry all failed tasks"), tr("No task has failed."));
                return;
            }
            const QStringList ids = result.value;
            askConfirmation(this, u"confirmRetryAll"_s, tr("Retry all failed tasks"),
                            tr("Retry %n failed task(s)?", nullptr, int(ids.size())), tr("Retry"),
                            [this, ids] { retry(ids); });
        });
}

void TasksPage::retry(const QStringList &processIds)
{
    // One bulk action: authorized once, one audit row listing the processes.
    QPointer<TasksPage> self(this);
    context()
        ->engine()
        ->retryMany(processIds, context()->actor())
        .then(this, [self](const BulkResult &result) {
            if (!self)
                return;
            self->context()->notifyChanged();
            if (!result.ok()) {
                showError(self, tr("Retry all failed tasks"), result.message);
                return;
            }
            if (result.refused.isEmpty())
                return;
            QStringList lines;
            for (const BulkItem &item : result.refused)
                lines.append(u"%1: %2"_s.arg(item.id.left(8), item.message));
            showError(self, tr("Retry all failed tasks"),
                      tr("%n task(s) could not be retried:", nullptr, int(result.refused.size()))
                          + u"\n"_s + lines.join(u'\n'));
        });
}

} // namespace wfo::console
