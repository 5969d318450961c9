#include "jsontable.h"

#include <QHeaderView>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::console {

JsonTable::JsonTable(const QList<Column> &columns, QWidget *parent)
    : QTableWidget(parent)
    , m_columns(columns)
{
    setColumnCount(int(columns.size()));
    QStringList titles;
    for (const Column &column : columns)
        titles << column.title;
    setHorizontalHeaderLabels(titles);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultSectionSize(180);
}

void JsonTable::setRows(const QJsonArray &rows)
{
    if (rows == m_rows)
        return;
    m_rows = rows;
    setSortingEnabled(false);
    setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonObject row = rows.at(r).toObject();
        for (int c = 0; c < m_columns.size(); ++c) {
            const QJsonValue value = row.value(m_columns.at(c).key);
            QString text;
            if (value.isArray()) {
                QStringList parts;
                for (const QJsonValue &v : value.toArray())
                    parts << (v.isObject() ? v.toObject().value(u"name").toString()
                                           : v.toVariant().toString());
                text = parts.join(u", "_s);
            } else if (value.isBool()) {
                text = value.toBool() ? tr("yes") : tr("no");
            } else {
                text = value.toVariant().toString();
            }
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            setItem(r, c, item);
        }
    }
    setSortingEnabled(true);
}

} // namespace wfo::console
