// bench_subscriptions: the console's subscription list against a million subscriptions.
// Fills a file-backed SQLite database in bulk (several products and customers), then measures
// the time from opening the subscriptions model to its first page, the search latency through
// the model (p50/p95) for free text, field filters, negation and prefix queries, the same
// searches as raw SQL on the same indexes, and the peak RSS. Prints a table and, last, one JSON
// line. Not a timed test: it never fails on a number.
//   bench_subscriptions [--rows N] [--repeat R] [--db PATH]
#include "benchsupport.h"
#include "subscriptionfill.h"

#include "common/consolecontext.h"
#include "subscriptions/subscriptionlistmodel.h"

#include "core/engine.h"
#include "services/installation.h"
#include "store/subscriptionrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = qMin(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values.at(index);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(u"rows"_s, u"Subscriptions to create."_s, u"n"_s,
                                        u"1000000"_s);
    const QCommandLineOption repeatOption(u"repeat"_s, u"Runs per query."_s, u"n"_s, u"5"_s);
    const QCommandLineOption dbOption(u"db"_s, u"Database file (kept)."_s, u"path"_s);
    parser.addOptions({rowsOption, repeatOption, dbOption});
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    const int repeat = qMax(1, parser.value(repeatOption).toInt());

    QTemporaryDir dir;
    const QString path =
        parser.isSet(dbOption) ? parser.value(dbOption) : dir.filePath(u"bench.db"_s);
    const bool existing = QFile::exists(path);
    QString error;
    const auto url = wfo::store::DatabaseUrl::parse(u"sqlite://"_s + path, &error);
    if (!url)
        qFatal("%s", qPrintable(error));

    wfo::Installation installation;
    QStringList messages;
    installation.finish(&messages);
    wfo::EngineOptions options;
    options.url = *url;
    options.threads = 1;
    wfo::Engine engine(&installation.registry(), options);
    installation.configure(engine);
    QSignalSpy opened(&engine, &wfo::Engine::opened);
    engine.open();
    if (!opened.wait(60000) || !opened.first().at(0).toBool())
        qFatal("cannot open the database");

    const wfo::store::Database database(*url);
    QElapsedTimer timer;
    timer.start();
    if (!existing)
        benchfill::fillSubscriptions(database, rows);
    const double fillSeconds = timer.elapsed() / 1000.0;
    std::printf("filled %d subscriptions in %.1f s (%s)\n", rows, fillSeconds, qPrintable(path));

    wfo::console::ConsoleContext context(&engine);
    context.setPollInterval(0);
    auto modelLatency = [&context](const QString &search, const QStringList &statuses) {
        wfo::console::SubscriptionListModel model(&context);
        model.setSearch(search);
        model.setStatuses(statuses);
        QSignalSpy loaded(&model, &wfo::console::PagedModel::pageLoaded);
        QObject::connect(&model, &wfo::console::PagedModel::loadFailed, &model,
                         [](const QString &message) {
                             std::fprintf(stderr, "search failed: %s\n", qPrintable(message));
                         });
        QElapsedTimer t;
        t.start();
        model.reload();
        if (!loaded.wait(60000))
            return -1.0;
        const double ms = t.nsecsElapsed() / 1e6;
        // The count that follows the page is not part of the figure, but it must not slow
        // down the next measurement.
        QSignalSpy counted(&model, &wfo::console::PagedModel::totalCountChanged);
        counted.wait(60000);
        return ms;
    };
    const double firstPage = modelLatency(QString(), {});

    // The statement the repository runs (with its own look at the trigram index on SQLite),
    // without the model and its thread around it.
    auto rawLatency = [&database](const QString &search, const QStringList &statuses) {
        QElapsedTimer t;
        t.start();
        wfo::store::SubscriptionRepository repository(database);
        wfo::store::SubscriptionQuery query;
        query.search = search;
        query.statuses = statuses;
        query.limit = 100;
        QVariantMap values;
        const QString sql = repository.listStatement(query, &values);
        QSqlQuery q = database.exec(sql, values);
        int n = 0;
        while (q.next())
            ++n;
        return t.nsecsElapsed() / 1e6;
    };

    struct Case
    {
        const char *name;
        QString search;
        QStringList statuses;
    };
    const QList<Case> cases = {
        {"free text", u"ams"_s, {}},
        {"free text, 2 words", u"lon rt42"_s, {}},
        {"field", u"customer:customer-0042"_s, {}},
        {"field any-of", u"status:(provisioning|migrating)"_s, {}},
        {"negation", u"-status:active"_s, {}},
        {"prefix", u"customer:customer-01*"_s, {}},
        {"tab Active + text", u"fra"_s, {u"active"_s}},
    };
    QList<double> modelTimes;
    QList<double> rawTimes;
    std::printf("\n%-22s %10s %10s %10s %10s\n", "query", "model p50", "model p95", "raw p50",
                "raw p95");
    for (const Case &c : cases) {
        QList<double> m;
        QList<double> r;
        for (int i = 0; i < repeat; ++i) {
            m << modelLatency(c.search, c.statuses);
            r << rawLatency(c.search, c.statuses);
        }
        modelTimes << m;
        rawTimes << r;
        std::printf("%-22s %10.1f %10.1f %10.1f %10.1f\n", c.name, percentile(m, 0.5),
                    percentile(m, 0.95), percentile(r, 0.5), percentile(r, 0.95));
    }
    const double searchP95 = percentile(modelTimes, 0.95);
    const double rawP95 = percentile(rawTimes, 0.95);
    std::printf("\nfirst page: %.1f ms; search p50 %.1f ms, p95 %.1f ms; raw p95 %.1f ms\n",
                firstPage, percentile(modelTimes, 0.5), searchP95, rawP95);
    const QJsonObject result {
        {u"first_page_ms"_s, qRound(firstPage * 10) / 10.0},
        {u"search_p95_ms"_s, qRound(searchP95 * 10) / 10.0},
        {u"raw_search_p95_ms"_s, qRound(rawP95 * 10) / 10.0},
        {u"search_vs_raw"_s, rawP95 > 0 ? qRound(searchP95 / rawP95 * 100) / 100.0 : 0.0},
        {u"peak_rss_mb"_s, qRound(benchsupport::peakRssMb() * 10) / 10.0}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    engine.shutdown();
    return 0;
}
