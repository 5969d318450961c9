#include "jsonview.h"

#include "queries/jsontext.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeWidget(m_tabs))
    , m_text(new QPlainTextEdit(m_tabs))
{
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->setColumnWidth(0, 220);
    m_tree->setAccessibleName(tr("State tree"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setAccessibleName(tr("State as JSON"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabPosition(QTabWidget::South);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_text, tr("JSON"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

void JsonView::setJson(const QJsonObject &object)
{
    if (object == m_object && m_tree->topLevelItemCount() > 0)
        return;
    m_object = object;
    m_tree->clear();
    for (auto it = object.begin(); it != object.end(); ++it)
        addValue(nullptr, it.key(), it.value());
    m_tree->expandToDepth(0);
    m_text->setPlainText(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void JsonView::addValue(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(0, key);
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        item->setText(1, tr("{%n key(s)}", nullptr, int(object.size())));
        item->setForeground(1, m_tree->palette().placeholderText());
        for (auto it = object.begin(); it != object.end(); ++it)
            addValue(item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        item->setText(1, tr("[%n item(s)]", nullptr, int(array.size())));
        item->setForeground(1, m_tree->palette().placeholderText());
        for (qsizetype i = 0; i < array.size(); ++i)
            addValue(item, QString::number(i), array.at(i));
    } else if (value.isString()) {
        item->setText(1, value.toString());
    } else if (value.isNull()) {
        item->setText(1, u"null"_s);
    } else {
        item->setText(1, queries::jsonText(value));
    }
    item->setToolTip(1, item->text(1));
}

} // namespace wfo::console
