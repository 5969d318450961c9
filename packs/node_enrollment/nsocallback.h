#pragma once
// The simulated NSO's side of a software upgrade: a real NSO runs the upgrade as a job and
// calls the orchestrator back at the route it was handed when the job is done (a callback
// step, docs/writing-a-product-pack.md). The simulation does the same when the pack is told to
// (NODE_ENROLLMENT_NSO_CALLBACK): it posts progress, then the result, a moment later.
//
//   NODE_ENROLLMENT_NSO_CALLBACK unset or 0   never calls back (an operator or curl does)
//   NODE_ENROLLMENT_NSO_CALLBACK=1            calls back to the API this program serves, if any
//   NODE_ENROLLMENT_NSO_CALLBACK=http://h:p   calls back to the API at that base URL
//   NODE_ENROLLMENT_NSO_CALLBACK_DELAY_MS     how long the "upgrade" takes (default 1500)

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace wfo::nodeenrollment {

class NsoCallback
{
    Q_DECLARE_TR_FUNCTIONS(wfo::nodeenrollment::NsoCallback)

public:
    // The API base URL to call back to, or an empty URL when nothing is to call back.
    static QUrl baseUrl();
    // Schedules the upgrade's progress and result posts to `route` (on the application's
    // thread, after the delay); returns whether it did.
    static bool schedule(const QString &route, const QString &device, const QString &version);
};

} // namespace wfo::nodeenrollment
