#pragma once
// The processes an operator started that changed lately, with what a notice about them
// names: the console's desktop notifications read them on every change, so a process that
// ran on any engine of the database is seen (docs/architecture.md, "The read side").

#include "wfo_engine_export.h"

#include "store/database.h"

#include <QList>
#include <QString>

namespace wfo::queries {

struct ProcessNotice
{
    QString id;
    QString workflow;
    QString status; // the process status word
    QString createdBy;
    QString startedAt; // store::Timestamps text
    QString lastModifiedAt;
    qint64 runMs = 0; // from started_at to last_modified_at: how long it ran (to rest)
    QString subscription; // the description of the subscription it works on, when any
    bool isTask = false;
};

class WFO_ENGINE_EXPORT ProcessNoticeQuery
{
public:
    // The processes `actor` started whose row changed after `since` (Timestamps text), the
    // latest first, at most `limit`: a walk of the (created_by, last_modified_at) index.
    static QList<ProcessNotice> changedSince(const store::Database &database, const QString &actor,
                                             const QString &since, int limit = 20);
    // The time now, as changedSince() compares it.
    static QString now();
};

} // namespace wfo::queries
