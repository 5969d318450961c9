#include "pagedmodel.h"

#include <algorithm>

namespace wfo::console {

PagedModel::PagedModel(ConsoleContext *context, QObject *parent)
    : QAbstractTableModel(parent)
    , m_context(context)
{ }

int PagedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PagedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return rowId(row);
    case RowRole:
        return row;
    case RawValueRole: {
        const QVariant value = cellData(row, index.column(), role);
        return value.isValid() ? value : row.value(columnKey(index.column())).toVariant();
    }
    default:
        return cellData(row, index.column(), role);
    }
}

bool PagedModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void PagedModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    request(int(m_rows.size()), m_pageSize, Mode::Append);
}

int PagedModel::indexOfId(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (rowId(m_rows.at(i)) == id)
            return int(i);
    }
    return -1;
}

void PagedModel::reload()
{
    m_atEnd = false;
    request(0, m_pageSize, Mode::Replace);
}

void PagedModel::refresh()
{
    // A reload or the End key's rows still on their way are asked for again, as they were: the
    // refresh must not take the list back to where it was before the operator moved it.
    if (m_loading && (m_loadingMode == Mode::Replace || m_loadingMode == Mode::Last)) {
        request(0, m_loadingLimit, m_loadingMode);
        return;
    }
    // A window at the end of the result (after fetchLast) looks again at the end.
    request(0, qMax(m_pageSize, int(m_rows.size())), m_atStart ? Mode::Replace : Mode::Last);
}

void PagedModel::fetchLast()
{
    if (m_atEnd && !m_loading) {
        emit lastRowsLoaded();
        return;
    }
    if (!reverseKeysetLoader()) {
        fetchMore({});
        return;
    }
    request(0, m_pageSize, Mode::Last);
}

bool PagedModel::canFetchPrevious() const
{
    return !m_atStart && !m_loading;
}

void PagedModel::fetchPrevious()
{
    if (canFetchPrevious())
        request(0, m_pageSize, Mode::Prepend);
}

void PagedModel::request(int offset, int limit, Mode mode)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_loadingMode = mode;
    m_loadingLimit = limit;
    const bool reverse = mode == Mode::Prepend || mode == Mode::Last;
    const KeysetLoader keyset = reverse ? reverseKeysetLoader() : keysetLoader();
    const PageLoader loader = keyset ? PageLoader() : pageLoader();
    // Appending asks for the rows after the last one shown, prepending for those before the
    // first; a reload, a refresh or the last rows start from an end of the result.
    std::optional<QJsonObject> after;
    if (mode == Mode::Append && offset > 0 && offset == m_rows.size())
        after = m_rows.constLast();
    else if (mode == Mode::Prepend && !m_rows.isEmpty())
        after = m_rows.constFirst();
    // Typing a search queues a reload per pause; the pool skips the ones overtaken meanwhile.
    const std::shared_ptr<std::atomic<quint64>> latest = m_latestPage;
    latest->store(generation);
    m_context->query(
        this,
        [keyset, loader, after, offset, limit, latest,
         generation](const store::Database &database) -> QList<QJsonObject> {
            if (latest->load() != generation)
                return {};
            return keyset ? keyset(database, after, limit) : loader(database, offset, limit);
        },
        [this, generation, mode, limit, reverse](const QueryResult<QList<QJsonObject>> &result) {
            if (generation != m_generation)
                return; // an answer to an older request
            if (!result.ok()) {
                m_loading = false;
                m_atEnd = true; // no endless retries from the view; refresh() tries again
                m_atStart = true;
                emit loadFailed(result.error);
                return;
            }
            if (!reverse) {
                apply(mode, limit, result.value);
                return;
            }
            QList<QJsonObject> rows = result.value; // nearest first: put them in order
            std::reverse(rows.begin(), rows.end());
            apply(mode, limit, rows);
        });
}

void PagedModel::apply(Mode mode, int limit, const QList<QJsonObject> &rows)
{
    // Still "loading" while the rows go in: a view (or the model tester) that asks for more in
    // rowsAboutToBeInserted must not ask for the offset before these rows.
    if (mode == Mode::Prepend) {
        m_atStart = rows.size() < limit;
        if (!rows.isEmpty()) {
            beginInsertRows({}, 0, int(rows.size() - 1));
            m_rows = rows + m_rows;
            endInsertRows();
        }
        m_loading = false;
        emit pageLoaded();
        return;
    }
    if (mode == Mode::Last) {
        m_atEnd = true;
        m_atStart = rows.size() < limit;
    } else {
        m_atEnd = rows.size() < limit;
    }
    if (mode == Mode::Replace)
        m_atStart = true;
    if (mode == Mode::Append) {
        if (!rows.isEmpty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
            m_rows.append(rows);
            endInsertRows();
        }
        m_loading = false;
        emit pageLoaded();
        return;
    }
    bool sameRows = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameRows && i < rows.size(); ++i)
        sameRows = rowId(rows.at(i)) == rowId(m_rows.at(i));
    if (!sameRows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        m_loading = false;
        emit pageLoaded();
        if (mode == Mode::Last)
            emit lastRowsLoaded();
        countRows();
        return;
    }
    m_loading = false;
    countRows();
    // One dataChanged over the range that changed, not one per row.
    int first = -1;
    int last = -1;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i) != m_rows.at(i)) {
            m_rows[i] = rows.at(i);
            if (first < 0)
                first = int(i);
            last = int(i);
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    emit pageLoaded();
    if (mode == Mode::Last)
        emit lastRowsLoaded();
}

void PagedModel::countRows()
{
    const CountLoader counter = countLoader();
    if (!counter)
        return;
    // Counting can take longer than the page (a full scan for a free-text search), so it starts
    // only once the page is in, and a count nobody waits for any more is skipped before it
    // starts.
    const quint64 generation = ++m_countGeneration;
    const std::shared_ptr<std::atomic<quint64>> latest = m_latestCount;
    latest->store(generation);
    auto count = [counter, latest, generation](const store::Database &database) -> qint64 {
        return latest->load() == generation ? counter(database) : -1;
    };
    m_context->query(this, count, [this, generation](const QueryResult<qint64> &result) {
        if (generation != m_countGeneration || !result.ok() || result.value < 0)
            return;
        if (result.value != m_total) {
            m_total = result.value;
            emit totalCountChanged(m_total);
        }
    });
}

} // namespace wfo::console
