#include "csvexport.h"

#include "subscriptionlistmodel.h"

#include <QFile>
#include <QPromise>
#include <QSaveFile>
#include <QTextStream>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

constexpr int ExportPage = 2000;

} // namespace

QFuture<CsvExportResult> exportSubscriptionsCsv(QThreadPool *pool, const store::Database &database,
                                                const queries::SubscriptionFilter &query,
                                                const QList<int> &columns, const QString &path)
{
    return QtConcurrent::run(
        pool, [database, query, columns, path](QPromise<CsvExportResult> &promise) {
            CsvExportResult result;
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
                result.error = file.errorString();
                promise.addResult(result);
                return;
            }
            QTextStream out(&file);
            QStringList header;
            for (int column : columns)
                header << csvField(SubscriptionListModel::columnTitle(column));
            out << header.join(u',') << u'\n';
            try {
                const qint64 total = queries::SubscriptionPageQuery::count(database, query);
                promise.setProgressRange(0, int(qMin<qint64>(total, INT_MAX)));
                // Page by keyset: every page costs what the first one does.
                std::optional<QJsonObject> last;
                for (;;) {
                    if (promise.isCanceled()) {
                        result.cancelled = true;
                        file.cancelWriting();
                        promise.addResult(result);
                        return;
                    }
                    const QJsonArray rows = queries::SubscriptionPageQuery::pageAfter(
                        database, query, last, ExportPage);
                    for (const QJsonValue &value : rows) {
                        const QJsonObject row = value.toObject();
                        QStringList fields;
                        for (int column : columns)
                            fields << csvField(SubscriptionListModel::csvValue(row, column));
                        out << fields.join(u',') << u'\n';
                    }
                    result.rows += rows.size();
                    promise.setProgressValue(int(qMin<qint64>(result.rows, INT_MAX)));
                    if (!rows.isEmpty())
                        last = rows.last().toObject();
                    if (rows.size() < ExportPage)
                        break;
                }
            } catch (const store::StoreError &e) {
                result.error = e.message();
                file.cancelWriting();
                promise.addResult(result);
                return;
            }
            out.flush();
            if (!file.commit())
                result.error = file.errorString();
            promise.addResult(result);
        });
}

} // namespace wfo::console
