// bench_console: the console's subscriptions screen, with its real widgets (offscreen), against a
// million subscriptions in a file-backed SQLite database. Measures what an operator feels:
//   - cold start: from constructing the engine (the database already on disk) through the
//     screen's construction and show to the first paint of the list with rows in it;
//   - the End key: from the key press on the list to the paint that shows the last row of the
//     whole result (not of what happened to be fetched);
//   - each visible column's sort: from the click on its header to the paint of the first page
//     in that order, and whether the list's statement walks an index (no temporary B-tree);
//   - the longest event-loop stall of the GUI thread while typing searches key by key (80 to
//     150 ms apart) and while sorting: the largest delay of a 1 ms heartbeat timer.
// Prints a table and, last, one JSON line. Not a timed test: it never fails on a number.
//   bench_console [--rows N] [--db PATH] [--timeout MS]
// With --db the database is made once and reused by later runs (its rows are counted, not
// made again).
#include "benchsupport.h"
#include "subscriptionfill.h"

#include "common/consolecontext.h"
#include "common/pagedmodel.h"
#include "subscriptions/subscriptionlistmodel.h"
#include "subscriptions/subscriptionspage.h"

#include "core/engine.h"
#include "queries/subscriptionpages.h"
#include "services/installation.h"
#include "store/subscriptionrepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using wfo::console::PagedModel;
using wfo::console::SubscriptionListModel;
using wfo::console::SubscriptionsPage;

namespace {

double rounded(double value)
{
    return qRound(value * 10) / 10.0;
}

// The longest time the GUI thread stayed away from its event loop: a 1 ms timer's gaps beyond
// its interval. On a busy machine a gap also holds time the thread waited for a core; the CPU
// time the GUI thread itself used within a gap (`busy`) tells its own work apart.
class StallProbe final : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, &StallProbe::tick);
        m_clock.start();
        m_timer.start();
    }
    void reset()
    {
        m_last = m_clock.nsecsElapsed();
        m_lastCpu = threadCpuNs();
        m_max = 0;
        m_maxBusy = 0;
    }
    double maxStallMs() const { return m_max / 1e6; }
    double maxBusyMs() const { return m_maxBusy / 1e6; }

private:
    static qint64 threadCpuNs()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
    }
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        m_max = qMax(m_max, now - m_last - 1'000'000);
        m_maxBusy = qMax(m_maxBusy, cpu - m_lastCpu);
        m_last = now;
        m_lastCpu = cpu;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_max = 0;
    qint64 m_maxBusy = 0;
};

// Notes when a paint of the list's viewport showed what `condition` asks for: the condition is
// judged as the paint begins (it sees what is painted), the time is taken once it is done.
class PaintWatcher final : public QObject
{
public:
    std::function<bool()> condition;
    const QElapsedTimer *since = nullptr;
    double hitMs = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || hitMs >= 0 || !condition || !condition())
            return QObject::eventFilter(watched, event);
        watched->removeEventFilter(this);
        QCoreApplication::sendEvent(watched, event);
        watched->installEventFilter(this);
        hitMs = since->nsecsElapsed() / 1e6;
        return true;
    }
};

// Arms `watcher` for a paint that meets `condition`, timed from `since`.
void arm(PaintWatcher &watcher, std::function<bool()> condition, const QElapsedTimer &since)
{
    watcher.hitMs = -1;
    watcher.since = &since;
    watcher.condition = std::move(condition);
}

// Runs the event loop until the armed paint happened or `timeoutMs` passed; its time or -1.
double waitForPaint(PaintWatcher &watcher, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (watcher.hitMs < 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    watcher.condition = {};
    return watcher.hitMs;
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    return condition();
}

// The id of the last row of the whole result in the model's order (the first in the reverse).
QString lastIdOf(const wfo::store::Database &database, wfo::queries::SubscriptionFilter filter)
{
    filter.order.direction =
        filter.order.direction == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    const QJsonArray rows =
        wfo::queries::SubscriptionPageQuery::pageAfter(database, filter, std::nullopt, 1);
    return rows.isEmpty() ? QString()
                          : rows.first().toObject().value(u"subscription_id").toString();
}

// Whether the list's statement (first page and the page after a row) walks an index in the
// order asked for: "yes"; "partial" when rows that share the sort value are sorted by id in a
// temporary B-tree; "NO" when the whole result is sorted.
QString walksIndex(const wfo::store::Database &database, wfo::queries::SubscriptionFilter filter)
{
    wfo::store::SubscriptionRepository repository(database);
    QString verdict = u"yes"_s;
    const QJsonArray first =
        wfo::queries::SubscriptionPageQuery::pageAfter(database, filter, std::nullopt, 1);
    for (int keyset = 0; keyset < 2; ++keyset) {
        filter.after.reset();
        if (keyset == 1 && !first.isEmpty())
            filter.after = wfo::store::SubscriptionRepository::cursorOf(first.first().toObject(),
                                                                        filter.order);
        QVariantMap values;
        const QString sql = repository.listStatement(filter, &values);
        QSqlQuery plan = database.exec(u"EXPLAIN QUERY PLAN "_s + sql, values);
        while (plan.next()) {
            const QString detail = plan.value(3).toString();
            if (detail.contains(u"TEMP B-TREE FOR ORDER BY"))
                verdict = u"NO"_s;
            else if (detail.contains(u"TEMP B-TREE") && verdict == u"yes")
                verdict = u"partial"_s;
        }
    }
    return verdict;
}

QString figure(double ms)
{
    return ms < 0 ? u"not reached"_s : QString::number(ms, 'f', 1);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // no saved column layout of a real user
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(u"rows"_s, u"Subscriptions to create."_s, u"n"_s,
                                        u"1000000"_s);
    const QCommandLineOption dbOption(u"db"_s, u"Database file (made once, then reused)."_s,
                                      u"path"_s);
    const QCommandLineOption timeoutOption(u"timeout"_s, u"How long to wait for each step (ms)."_s,
                                           u"ms"_s, u"15000"_s);
    parser.addOptions({rowsOption, dbOption, timeoutOption});
    parser.process(app);
    const int rows = parser.value(rowsOption).toInt();
    const int timeout = qMax(1000, parser.value(timeoutOption).toInt());

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
    auto openEngine = [&] {
        auto engine = std::make_unique<wfo::Engine>(&installation.registry(), options);
        installation.configure(*engine);
        QSignalSpy opened(engine.get(), &wfo::Engine::opened);
        engine->open();
        if (!opened.wait(120000) || !opened.first().at(0).toBool())
            qFatal("cannot open the database");
        return engine;
    };

    const wfo::store::Database database(*url);
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!existing) {
        auto engine = openEngine(); // makes the schema
        benchfill::fillSubscriptions(database, rows);
        engine->shutdown();
    }
    const double fillSeconds = fillTimer.elapsed() / 1000.0;
    qint64 total = 0;
    {
        // Also warms the operating system's file cache, as a console started a second time finds
        // it.
        QSqlQuery q = database.exec(u"SELECT COUNT(*) FROM subscriptions"_s);
        total = q.next() ? q.value(0).toLongLong() : 0;
    }
    std::printf("%s %lld subscriptions in %.1f s (%s)\n", existing ? "reused" : "filled", total,
                fillSeconds, qPrintable(path));

    StallProbe probe;
    PaintWatcher watcher;
    QJsonObject result {{u"rows"_s, total}};

    // Cold start: the engine opens the database, then the screen is made and shown.
    QElapsedTimer clock;
    clock.start();
    probe.reset();
    std::unique_ptr<wfo::Engine> engine = openEngine();
    const double engineOpenMs = clock.nsecsElapsed() / 1e6;
    auto context = std::make_unique<wfo::console::ConsoleContext>(engine.get());
    context->setPollInterval(0);
    auto page = std::make_unique<SubscriptionsPage>(context.get());
    QTableView *view = page->view();
    SubscriptionListModel *model = page->model();
    view->viewport()->installEventFilter(&watcher);
    page->resize(1360, 820);
    arm(
        watcher, [model] { return model->rowCount() > 0; }, clock);
    page->show();
    const double coldStartMs = waitForPaint(watcher, timeout);
    const double coldStall = probe.maxStallMs();
    const double coldBusy = probe.maxBusyMs();
    std::printf("\n%-40s %12s %12s %12s\n", "measure", "ms", "max stall ms", "busy ms");
    std::printf("%-40s %12s\n", "engine open", qPrintable(figure(engineOpenMs)));
    std::printf("%-40s %12s %12.1f %12.1f\n", "cold start to first painted page",
                qPrintable(figure(coldStartMs)), coldStall, coldBusy);
    result.insert(u"engine_open_ms"_s, rounded(engineOpenMs));
    result.insert(u"cold_start_ms"_s, rounded(coldStartMs));
    result.insert(u"cold_start_max_busy_ms"_s, rounded(coldBusy));
    // Let the count that follows the first page finish, so that it does not weigh on the next
    // measurement.
    waitUntil([model] { return model->totalCount() >= 0; }, timeout);

    int loads = 0;
    QObject::connect(model, &PagedModel::pageLoaded, &app, [&loads] { ++loads; });
    auto lastRowShown = [view, model](const QString &lastId) {
        const int count = model->rowCount();
        if (count == 0 || model->row(count - 1).value(u"subscription_id").toString() != lastId)
            return false;
        const QRect rect = view->visualRect(model->index(count - 1, 0));
        return rect.isValid() && view->viewport()->rect().contains(rect.center());
    };

    // The End key on the list, from its first row.
    double endMs = -1;
    double endStall = 0;
    {
        const QString lastId = lastIdOf(database, model->query());
        view->setFocus();
        view->setCurrentIndex(model->index(0, 0));
        waitUntil([] { return false; }, 200);
        probe.reset();
        clock.restart();
        arm(
            watcher, [&] { return lastRowShown(lastId); }, clock);
        QTest::keyClick(view, Qt::Key_End);
        endMs = waitForPaint(watcher, timeout);
        endStall = probe.maxStallMs();
        std::printf("%-40s %12s %12.1f %12.1f\n", "End key to the last row painted",
                    qPrintable(figure(endMs)), endStall, probe.maxBusyMs());
        if (endMs < 0)
            std::printf("%-40s %12d\n", "  rows in the list instead", model->rowCount());
        result.insert(u"end_key_ms"_s, rounded(endMs));
        result.insert(u"end_key_stall_ms"_s, rounded(endStall));
        // Back to the top for what follows.
        QTest::keyClick(view, Qt::Key_Home, Qt::ControlModifier);
        waitUntil([] { return false; }, 300);
    }

    // A click on each visible column's header (the Active tab, no search).
    QHeaderView *header = view->horizontalHeader();
    double sortStall = 0;
    double sortBusy = 0;
    double sortMax = 0;
    int sortable = 0;
    int indexed = 0;
    QJsonObject sorts;
    std::printf("\n%-40s %12s %12s %12s %12s\n", "sort by (click on the header)", "first page ms",
                "max stall ms", "busy ms", "index walk");
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (header->isSectionHidden(column))
            continue;
        const QString title = SubscriptionListModel::columnTitle(column);
        if (!SubscriptionListModel::orderColumn(column)) {
            std::printf("%-40s %12s\n", qPrintable(title), "not sortable");
            continue;
        }
        ++sortable;
        // The count that follows the previous sort's first page runs on the pool meanwhile;
        // let it end so that each sort starts alike.
        waitUntil([] { return false; }, 1500);
        const int before = loads;
        const QPoint centre(header->sectionViewportPosition(column)
                                + header->sectionSize(column) / 2,
                            header->height() / 2);
        probe.reset();
        clock.restart();
        arm(
            watcher, [&] { return loads > before && model->rowCount() > 0; }, clock);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
        // The first page in the new order, then its paint; a page with the same rows as
        // before (possible on a small database) needs no paint and counts when it is in.
        double ms = -1;
        if (waitUntil([&] { return loads > before && !model->isLoading(); }, timeout)) {
            const double loaded = clock.nsecsElapsed() / 1e6;
            ms = waitForPaint(watcher, 500);
            if (ms < 0)
                ms = loaded;
        }
        const double stall = probe.maxStallMs();
        const double busy = probe.maxBusyMs();
        sortBusy = qMax(sortBusy, busy);
        const QString index = walksIndex(database, model->query());
        indexed += index == u"yes" ? 1 : 0;
        sortStall = qMax(sortStall, stall);
        sortMax = qMax(sortMax, ms < 0 ? double(timeout) : ms);
        sorts.insert(title, rounded(ms));
        std::printf(
            "%-40s %12s %12.1f %12.1f %12s\n",
            qPrintable(title + (model->sortOrder() == Qt::AscendingOrder ? u" ↑"_s : u" ↓"_s)),
            qPrintable(figure(ms)), stall, busy, qPrintable(index));
        waitUntil([model] { return model->totalCount() >= 0 && !model->isLoading(); }, timeout);
    }
    result.insert(u"sort_first_page_ms"_s, sorts);
    result.insert(u"sort_first_page_max_ms"_s, rounded(sortMax));
    result.insert(u"sort_max_stall_ms"_s, rounded(sortStall));
    result.insert(u"sort_max_busy_ms"_s, rounded(sortBusy));
    result.insert(u"sorts_walking_an_index"_s, u"%1/%2"_s.arg(indexed).arg(sortable));

    // Typing searches on the All tab, key by key.
    page->setTab(SubscriptionsPage::All);
    waitUntil([model] { return !model->isLoading(); }, timeout);
    QLineEdit *search = page->searchBox();
    QRandomGenerator random(42);
    double typingStall = 0;
    double typingBusy = 0;
    double typingResultMax = 0;
    const QStringList queries = {
        u"ams rt42"_s,       u"status:provisioning"_s,   u"customer:customer-0042"_s,
        u"-status:active"_s, u"customer:customer-01*"_s, u"circuit 99999"_s};
    // The result's time runs from the last key: the search box waits for a pause in typing.
    std::printf("\n%-40s %12s %12s %12s\n", "typed search", "result ms", "max stall ms", "busy ms");
    for (const QString &text : queries) {
        search->setFocus();
        search->selectAll();
        QTest::keyClick(search, Qt::Key_Backspace);
        waitUntil([model] { return !model->isLoading(); }, timeout);
        waitUntil([] { return false; }, 300);
        probe.reset();
        for (const QChar c : text) {
            clock.restart(); // the result's time counts from the last key
            QTest::keyClick(search, c.toLatin1());
            waitUntil([] { return false; }, 80 + int(random.bounded(71)));
        }
        const bool done = waitUntil(
            [&] { return model->query().search == text && !model->isLoading(); }, timeout);
        const double ms = done ? clock.nsecsElapsed() / 1e6 : -1.0;
        const double stall = probe.maxStallMs();
        typingStall = qMax(typingStall, stall);
        typingBusy = qMax(typingBusy, probe.maxBusyMs());
        typingResultMax = qMax(typingResultMax, ms);
        std::printf("%-40s %12s %12.1f %12.1f\n", qPrintable(text), qPrintable(figure(ms)), stall,
                    probe.maxBusyMs());
    }
    search->selectAll();
    QTest::keyClick(search, Qt::Key_Backspace);
    waitUntil([model] { return model->query().search.isEmpty() && !model->isLoading(); }, timeout);
    result.insert(u"typing_max_stall_ms"_s, rounded(typingStall));
    result.insert(u"typing_max_busy_ms"_s, rounded(typingBusy));
    result.insert(u"typing_result_max_ms"_s, rounded(typingResultMax));

    result.insert(u"peak_rss_mb"_s, rounded(benchsupport::peakRssMb()));

    page.reset();
    context.reset();
    engine->shutdown();
    std::printf("\n%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    return 0;
}
