#pragma once
// The base of the console's lazy lists (Qt's fetchmore pattern): rowCount() is what has been
// fetched, canFetchMore()/fetchMore() ask the query pool for the next page. Rows are JSON
// objects with raw values; subclasses name the columns and format them. Answers to an older
// request (before a reload or a refresh) are dropped with a generation counter.
//
// refresh() reloads what is shown in one request and, when the same rows come back in the same
// order, only signals dataChanged for the rows that changed, so selection and scrolling stay.
//
// A model with a reverse keyset loader can also show the end of its result without fetching
// what lies before it (fetchLast(), the End key): it then holds a window of the result's last
// rows, and fetchPrevious() inserts the page before its first row (a view scrolled to its top).
// A page nobody waits for any more (a reload came after it) is skipped before it starts.

#include "consolecontext.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace wfo::console {

class PagedModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole + 1, // the unformatted value, for sorting and export
        IdRole, // the row's id (process id, subscription id...)
        RowRole, // the whole row as a QJsonObject
    };
    // Runs on a pool thread: must capture everything it needs by value.
    using PageLoader =
        std::function<QList<QJsonObject>(const store::Database &database, int offset, int limit)>;
    using CountLoader = std::function<qint64(const store::Database &database)>;
    // Keyset paging: the page after `after` (the last row shown), or the first page when
    // there is none. Deep pages then cost what the first one does, unlike an offset.
    using KeysetLoader = std::function<QList<QJsonObject>(
        const store::Database &database, const std::optional<QJsonObject> &after, int limit)>;

    explicit PagedModel(ConsoleContext *context, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QJsonObject row(int row) const { return m_rows.value(row); }
    int indexOfId(const QString &id) const;
    void setPageSize(int size) { m_pageSize = qMax(1, size); }
    int pageSize() const { return m_pageSize; }
    bool isLoading() const { return m_loading; }
    // Whether the first (last) row of the model is the first (last) row of the result.
    bool isAtStart() const { return m_atStart; }
    bool isAtEnd() const { return m_atEnd; }
    bool canFetchPrevious() const;
    // The number of matching rows when the subclass can count them, else -1.
    qint64 totalCount() const { return m_total; }

public slots:
    // Starts again from the first page (the filter changed).
    void reload();
    // Looks again at the rows shown (something may have changed).
    void refresh();
    // Makes the result's last row the model's last (lastRowsLoaded() says when): asks for the
    // last page in the reverse order, so the end of a million rows costs what the first page
    // does. Without a reverse loader it fetches the next page only.
    void fetchLast();
    // Inserts the page before the first row, when the model does not start at the result's.
    void fetchPrevious();

signals:
    void pageLoaded();
    void totalCountChanged(qint64 count);
    void loadFailed(const QString &message);
    // After fetchLast(): the model's last row is the result's last row.
    void lastRowsLoaded();

protected:
    virtual PageLoader pageLoader() const = 0;
    virtual CountLoader countLoader() const { return {}; }
    // When a subclass gives one, it is used instead of pageLoader().
    virtual KeysetLoader keysetLoader() const { return {}; }
    // The same in the reverse order: the rows before `before` (or the result's last rows),
    // nearest first. Enables fetchLast() and fetchPrevious().
    virtual KeysetLoader reverseKeysetLoader() const { return {}; }
    virtual QString rowId(const QJsonObject &row) const = 0;
    // Display (and other roles) of one cell; RawValueRole falls back to the JSON value of
    // columnKey().
    virtual QVariant cellData(const QJsonObject &row, int column, int role) const = 0;
    virtual QString columnKey(int column) const = 0;

    ConsoleContext *context() const { return m_context; }

private:
    // Append: the page after the last row; Replace: from the first row of the result;
    // Prepend: the page before the first row; Last: the result's last rows.
    enum class Mode { Append, Replace, Prepend, Last };
    void request(int offset, int limit, Mode mode);
    void apply(Mode mode, int limit, const QList<QJsonObject> &rows);
    void countRows();

    ConsoleContext *m_context;
    QList<QJsonObject> m_rows;
    quint64 m_generation = 0;
    quint64 m_countGeneration = 0;
    std::shared_ptr<std::atomic<quint64>> m_latestCount = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<quint64>> m_latestPage = std::make_shared<std::atomic<quint64>>(0);
    int m_pageSize = 100;
    bool m_loading = false;
    Mode m_loadingMode = Mode::Replace; // of the request on its way, while m_loading
    int m_loadingLimit = 0;
    bool m_atEnd = false;
    bool m_atStart = true;
    qint64 m_total = -1;
};

} // namespace wfo::console
