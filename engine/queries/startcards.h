#pragma once
// The cards of the console's start page as data: a count (bounded, so a card never counts a
// whole table) and the first few items. Formatting them is the screen's business.

#include "wfo_engine_export.h"

#include "base/status.h"
#include "store/database.h"
#include "store/processrepository.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace wfo::queries {

struct StartCardItem
{
    enum class Kind { Process, Subscription, Product };
    Kind kind = Kind::Process;
    QString id;
    QString text; // the workflow of a process, the description of a subscription
    QString status; // the process status or the subscription's lifecycle status
    bool insync = true; // subscriptions only
    QString lastModifiedAt;
    // Processes only: the subscription the process works on, so that two failed validations
    // say which node each is (empty for a process on no subscription).
    QString subscriptionId;
    QString subscription; // its description
    QString customer;
    qint64 count = 0; // products only: their subscriptions in the lifecycle counted
};

struct StartCardSnapshot
{
    qint64 count = 0;
    bool countIsLowerBound = false; // more than CountWindow
    QList<StartCardItem> items; // at most ItemsPerCard
};

// Processes started per day over the last days, per status group: the start page's chart.
struct WFO_ENGINE_EXPORT ProcessesPerDay
{
    // The groups, in the order they stack; each is named by a status (its colour and word):
    // completed; failed (also api_unavailable, inconsistent_data); aborted; waiting (also
    // suspended, awaiting_callback); running (created, running, resumed).
    static QStringList groups();
    static QString groupOf(const QString &status);

    QList<QDate> days; // oldest first, the last is today (UTC)
    QHash<QString, QList<qint64>> counts; // group -> one count per day
    qint64 total = 0;
};

class WFO_ENGINE_EXPORT StartCardQuery
{
public:
    static constexpr int ItemsPerCard = 5;
    static constexpr int CountWindow = 1000; // counts above this are shown as "1000+"

    static StartCardSnapshot processes(const store::Database &database,
                                       store::ProcessFilter filter);
    // Subscriptions matching `search` (the operators' search syntax), newest change first.
    static StartCardSnapshot subscriptions(const store::Database &database, const QString &search);

    // The products with the most active subscriptions, with their numbers, the most
    // subscribed first; the count is the number of products.
    static StartCardSnapshot products(const store::Database &database);
    // Processes (not tasks) started on each of the `days` days up to `today` (UTC).
    static ProcessesPerDay processesPerDay(const store::Database &database, const QDate &today,
                                           int days = 7);

    // The filters of the standard process cards.
    static store::ProcessFilter myRecentProcesses(const QString &actor);
    static store::ProcessFilter activeProcesses();
    static store::ProcessFilter failedTasks();
};

} // namespace wfo::queries
