#include "metadatapage.h"

#include "common/consolecontext.h"

#include "queries/catalogue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

MetadataPage::MetadataPage(ConsoleContext *context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"metadataPage"_s);
    auto *title = new QLabel(tr("Metadata"), this);
    title->setObjectName(u"pageTitle"_s);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    m_tabs->setObjectName(u"metadataTabs"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_tabs, 1);

    addTable(u"workflowsTable"_s, tr("Workflows"),
             {{u"name"_s, tr("Name")},
              {u"target"_s, tr("Target")},
              {u"is_task"_s, tr("Task")},
              {u"description"_s, tr("Description")},
              {u"products"_s, tr("Products")}},
             &queries::CatalogueQuery::workflows);
}

JsonTable *MetadataPage::addTable(const QString &objectName, const QString &title,
                                  const QList<JsonTable::Column> &columns, const Loader &loader)
{
    auto *table = new JsonTable(columns, m_tabs);
    table->setObjectName(objectName);
    table->setAccessibleName(title);
    m_tabs->addTab(table, title);
    m_tables.append({table, loader});
    if (isVisible())
        refresh();
    return table;
}

void MetadataPage::refresh()
{
    for (const Table &t : m_tables) {
        JsonTable *table = t.table;
        m_context->query(table, t.loader, [table](const QueryResult<QJsonArray> &result) {
            if (result.ok())
                table->setRows(result.value);
        });
    }
}

void MetadataPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace wfo::console
