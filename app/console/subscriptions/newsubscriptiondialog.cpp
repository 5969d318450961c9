#include "newsubscriptiondialog.h"

#include "common/consolecontext.h"
#include "common/workflowlauncher.h"

#include "queries/catalogue.h"

#include <QDialogButtonBox>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {
constexpr int CreateWorkflowRole = Qt::UserRole + 1;
}

NewSubscriptionDialog::NewSubscriptionDialog(ConsoleContext *context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_products(new QListWidget(this))
    , m_message(new QLabel(tr("Loading the products…"), this))
{
    setObjectName(u"newSubscriptionDialog"_s);
    setWindowTitle(tr("New subscription"));
    m_products->setObjectName(u"productList"_s);
    m_products->setAccessibleName(tr("Products"));
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_next = buttons->addButton(tr("&Next"), QDialogButtonBox::AcceptRole);
    m_next->setObjectName(u"nextButton"_s);
    m_next->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Which product does the customer get?"), this));
    layout->addWidget(m_products, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(520, 400);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewSubscriptionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_products, &QListWidget::itemActivated, this, &NewSubscriptionDialog::accept);
    connect(m_products, &QListWidget::currentRowChanged, this, [this](int row) {
        m_next->setEnabled(
            row >= 0 && !m_products->item(row)->data(CreateWorkflowRole).toString().isEmpty());
    });

    context->query(
        this, &queries::CatalogueQuery::productsWithCreateWorkflow,
        [this](const QueryResult<QJsonArray> &result) {
            if (!result.ok()) {
                m_message->setText(result.error);
                return;
            }
            for (const QJsonValue &value : result.value) {
                const QJsonObject p = value.toObject();
                auto *item =
                    new QListWidgetItem(u"%1\n    %2"_s.arg(p.value(u"name").toString(),
                                                            p.value(u"description").toString()),
                                        m_products);
                item->setData(Qt::UserRole, p.value(u"product_id").toString());
                item->setData(Qt::UserRole + 2, p.value(u"name").toString());
                const QString create = p.value(u"create_workflow").toString();
                item->setData(CreateWorkflowRole, create);
                // A product whose create workflow needs a role the operator lacks stays listed,
                // disabled, with the reason.
                const WorkflowPtr workflow = m_context->engine()->registry()->find(create);
                const QString refusal = m_context->refusal(
                    Permission::Start, workflow ? workflow->startRole() : Role::Operator);
                if (!refusal.isEmpty()) {
                    item->setToolTip(refusal);
                    item->setData(CreateWorkflowRole, QString());
                }
                if (item->data(CreateWorkflowRole).toString().isEmpty())
                    item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
            }
            m_message->setText(result.value.isEmpty()
                                   ? tr("No product is installed; add a product pack.")
                                   : QString());
            m_message->setVisible(result.value.isEmpty());
            if (m_products->count() > 0)
                m_products->setCurrentRow(0);
            emit productsLoaded();
        });
}

bool NewSubscriptionDialog::selectProduct(const QString &name)
{
    for (int row = 0; row < m_products->count(); ++row) {
        if (m_products->item(row)->data(Qt::UserRole + 2).toString() == name) {
            m_products->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void NewSubscriptionDialog::accept()
{
    QListWidgetItem *item = m_products->currentItem();
    if (!item || item->data(CreateWorkflowRole).toString().isEmpty())
        return;
    auto *launcher = new WorkflowLauncher(m_context, parentWidget());
    launcher->launch(item->data(CreateWorkflowRole).toString(),
                     QJsonObject {{u"product"_s, item->data(Qt::UserRole).toString()}});
    QDialog::accept();
}

} // namespace wfo::console
