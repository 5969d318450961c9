#pragma once
// The cards of the console's start page as data: a count (bounded, so a card never counts a
// whole table) and the first few items. Formatting them is the screen's business.

#include "wfo_engine_export.h"

#include "base/status.h"
#include "store/database.h"
#include "store/processrepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace wfo::queries {

struct StartCardItem
{
    enum class Kind { Process, Subscription };
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
};

struct StartCardSnapshot
{
    qint64 count = 0;
    bool countIsLowerBound = false; // more than CountWindow
    QList<StartCardItem> items; // at most ItemsPerCard
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

    // The filters of the standard process cards.
    static store::ProcessFilter myRecentProcesses(const QString &actor);
    static store::ProcessFilter activeProcesses();
    static store::ProcessFilter failedTasks();
};

} // namespace wfo::queries
