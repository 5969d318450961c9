#include "bulkstartdialog.h"

#include "common/confirm.h"
#include "common/consolecontext.h"

#include "core/bulkresult.h"
#include "queries/processpages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

BulkStartDialog::BulkStartDialog(ConsoleContext *context, const QStringList &subscriptionIds,
                                 const queries::SubscriptionFilter &search, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_ids(subscriptionIds)
    , m_idsKnown(!subscriptionIds.isEmpty())
    , m_workflow(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_refused(new QTreeWidget(this))
    , m_start(new QPushButton(this))
{
    setObjectName(u"bulkStartDialog"_s);
    setWindowTitle(tr("Start a workflow on many subscriptions"));
    m_workflow->setObjectName(u"bulkWorkflow"_s);
    m_workflow->setAccessibleName(tr("Workflow"));
    for (const WorkflowPtr &workflow : context->engine()->registry()->all()) {
        if (workflow->isTask() || workflow->target() == Target::Create)
            continue;
        m_workflow->addItem(u"%1 — %2"_s.arg(workflow->name(), workflow->description()),
                            workflow->name());
    }
    m_summary->setObjectName(u"bulkSummary"_s);
    m_summary->setWordWrap(true);
    m_refused->setObjectName(u"bulkRefused"_s);
    m_refused->setAccessibleName(tr("Subscriptions that cannot run it"));
    m_refused->setHeaderLabels({tr("Subscription"), tr("Why not")});
    m_refused->setRootIsDecorated(false);
    m_refused->header()->setStretchLastSection(true);
    m_refused->setColumnWidth(0, 110);
    m_start->setObjectName(u"bulkStartButton"_s);
    m_start->setEnabled(false);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *form = new QFormLayout;
    form->addRow(tr("&Workflow:"), m_workflow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_refused, 1);
    layout->addWidget(buttons);
    resize(640, 420);

    connect(m_workflow, &QComboBox::currentIndexChanged, this, &BulkStartDialog::preview);
    connect(m_start, &QPushButton::clicked, this, &BulkStartDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (m_idsKnown) {
        preview();
        return;
    }
    m_summary->setText(tr("Finding the subscriptions the search matches…"));
    const queries::SubscriptionFilter filter = search;
    context->query(
        this,
        [filter](const store::Database &database) {
            return queries::SubscriptionPageQuery::ids(database, filter);
        },
        [this](const QueryResult<QStringList> &result) {
            if (!result.ok()) {
                m_summary->setText(tr("Cannot search: %1").arg(result.error));
                return;
            }
            m_ids = result.value;
            m_idsKnown = true;
            preview();
        });
}

void BulkStartDialog::preview()
{
    m_start->setEnabled(false);
    m_refused->clear();
    if (!m_idsKnown)
        return;
    if (m_ids.isEmpty()) {
        m_summary->setText(tr("No subscription is chosen."));
        return;
    }
    if (m_workflow->currentIndex() < 0) {
        m_summary->setText(tr("No workflow runs on subscriptions here."));
        return;
    }
    m_summary->setText(tr("Checking %n subscription(s)…", nullptr, int(m_ids.size())));
    BulkStartRequest request;
    request.workflow = m_workflow->currentData().toString();
    request.subscriptionIds = m_ids;
    request.actor = m_context->actor();
    request.preview = true;
    const int serial = ++m_previewSerial;
    QPointer<BulkStartDialog> self(this);
    m_context->engine()->startMany(request).then(this, [self, serial](const BulkResult &result) {
        if (!self || serial != self->m_previewSerial)
            return; // another workflow was chosen meanwhile
        if (!result.ok()) {
            self->m_summary->setText(result.message);
            return;
        }
        const int can = int(result.done.size());
        self->m_summary->setText(
            tr("%1 of %n subscription(s) can run it.", nullptr, int(self->m_ids.size())).arg(can)
            + (result.refused.isEmpty() ? QString()
                                        : u" "_s + tr("These cannot, and are left out:")));
        for (const BulkItem &item : result.refused) {
            auto *row = new QTreeWidgetItem(self->m_refused, {item.id.left(8), item.message});
            row->setToolTip(0, item.id);
            row->setToolTip(1, item.message);
        }
        self->m_start->setText(tr("&Start on %n subscription(s)", nullptr, can));
        self->m_start->setEnabled(can > 0);
    });
}

void BulkStartDialog::start()
{
    m_start->setEnabled(false);
    m_workflow->setEnabled(false);
    BulkStartRequest request;
    request.workflow = m_workflow->currentData().toString();
    request.subscriptionIds = m_ids;
    request.actor = m_context->actor();
    const QString title =
        tr("%1 on %n subscription(s)", nullptr, int(m_ids.size())).arg(request.workflow);
    QPointer<BulkStartDialog> self(this);
    m_context->engine()->startMany(request).then(this, [self, title](const BulkResult &result) {
        if (!self)
            return;
        self->m_context->notifyChanged();
        if (!result.ok()) {
            self->m_summary->setText(tr("Nothing started: %1").arg(result.message));
            self->m_workflow->setEnabled(true);
            return;
        }
        emit self->started(result.processIds(), title);
        self->accept();
    });
}

BulkProgressDialog::BulkProgressDialog(ConsoleContext *context, const QStringList &processIds,
                                       const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_ids(processIds)
    , m_progress(new QProgressBar(this))
    , m_counts(new QLabel(this))
    , m_cancel(new QPushButton(tr("&Cancel the rest…"), this))
{
    setObjectName(u"bulkProgressDialog"_s);
    setWindowTitle(title);
    setModal(false);
    m_progress->setObjectName(u"bulkProgress"_s);
    m_progress->setRange(0, int(m_ids.size()));
    m_progress->setValue(0);
    m_counts->setObjectName(u"bulkCounts"_s);
    m_counts->setWordWrap(true);
    m_cancel->setObjectName(u"bulkCancelButton"_s);
    m_cancel->setToolTip(tr("Abort the processes that have not come to rest yet"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Started %n process(es); they run in the background. Close "
                                    "this window at any time and open it again from the "
                                    "Subscriptions screen.",
                                    nullptr, int(m_ids.size())),
                                 this));
    layout->addWidget(m_progress);
    layout->addWidget(m_counts);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    connect(m_cancel, &QPushButton::clicked, this, &BulkProgressDialog::cancelTheRest);
    connect(context, &ConsoleContext::changed, this, &BulkProgressDialog::refresh);
    refresh();
}

void BulkProgressDialog::refresh()
{
    const QStringList ids = m_ids;
    m_context->query(
        this,
        [ids](const store::Database &database) {
            return queries::ProcessPageQuery::statuses(database, ids);
        },
        [this](const QueryResult<QHash<QString, ProcessStatus>> &result) {
            if (!result.ok()) {
                m_counts->setText(tr("Cannot look at the processes: %1").arg(result.error));
                return;
            }
            m_completed = 0;
            m_failed = 0;
            m_atRest = 0;
            m_running.clear();
            for (const QString &id : std::as_const(m_ids)) {
                const auto it = result.value.constFind(id);
                if (it == result.value.constEnd()) {
                    ++m_atRest; // deleted meanwhile
                    continue;
                }
                if (*it == ProcessStatus::Completed)
                    ++m_completed;
                else if (isAtRest(*it) && *it != ProcessStatus::Aborted)
                    ++m_failed;
                if (isAtRest(*it))
                    ++m_atRest;
                else
                    m_running.append(id);
            }
            m_progress->setValue(m_atRest);
            m_counts->setText(tr("Completed: %1 · failed or waiting: %2 · aborted: %3 · still "
                                 "running: %4")
                                  .arg(m_completed)
                                  .arg(m_failed)
                                  .arg(m_atRest - m_completed - m_failed)
                                  .arg(m_running.size()));
            m_cancel->setEnabled(!m_running.isEmpty());
        });
}

void BulkProgressDialog::cancelTheRest()
{
    const QStringList rest = m_running;
    if (rest.isEmpty())
        return;
    askConfirmation(this, u"confirmCancelBulk"_s, tr("Cancel the rest"),
                    tr("Abort the %n process(es) that have not come to rest? They stop for good.",
                       nullptr, int(rest.size())),
                    tr("Abort them"), [this, rest] {
                        m_context->engine()
                            ->abortMany(rest, m_context->actor())
                            .then(this, [this](const BulkResult &) {
                                m_context->notifyChanged();
                                refresh();
                            });
                    });
}

} // namespace wfo::console
