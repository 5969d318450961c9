#pragma once
// Metadata: the catalogue as the database knows it, one tab each for workflows (with their
// products), products, product blocks and resource types. Loaded on the query pool.

#include "common/jsontable.h"

#include <QWidget>

#include <functional>

class QTabWidget;

namespace wfo::store {
class Database;
}

namespace wfo::console {

class ConsoleContext;

class MetadataPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetadataPage)

public:
    using Loader = std::function<QJsonArray(const store::Database &database)>;

    explicit MetadataPage(ConsoleContext *context, QWidget *parent = nullptr);

    JsonTable *addTable(const QString &objectName, const QString &title,
                        const QList<JsonTable::Column> &columns, const Loader &loader);
    QTabWidget *tabs() const { return m_tabs; }

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Table
    {
        JsonTable *table;
        Loader loader;
    };
    ConsoleContext *m_context;
    QTabWidget *m_tabs;
    QList<Table> m_tables;
};

} // namespace wfo::console
