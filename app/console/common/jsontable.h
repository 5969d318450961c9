#pragma once
// A small read-only, sortable table of JSON rows (metadata lists of a few hundred rows at most):
// columns are keys of the rows; arrays are shown joined with commas.

#include <QJsonArray>
#include <QStringList>
#include <QTableWidget>

namespace wfo::console {

class JsonTable final : public QTableWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTable)

public:
    struct Column
    {
        QString key;
        QString title;
    };
    JsonTable(const QList<Column> &columns, QWidget *parent = nullptr);

    void setRows(const QJsonArray &rows);
    QJsonArray rows() const { return m_rows; }

private:
    QList<Column> m_columns;
    QJsonArray m_rows;
};

} // namespace wfo::console
