#pragma once
// The Node System Service workflows: a service that runs on an enrolled node. Its block holds
// the enrollment's block (a block of another subscription), so the service depends on the
// enrollment and the enrollment cannot be terminated while the service is not.
//   create_node_system_service     (CREATE, ends active) on a provisioning or active enrollment
//   terminate_node_system_service  (TERMINATE)

#include "core/workflow.h"
#include "forms/core/validationerror.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace wfo::store {
class Database;
}

namespace wfo::nodeenrollment {

inline constexpr auto SystemServiceBlock = "NodeSystemServiceBlock";
inline constexpr auto SystemServiceTag = "NodeSystemService";

class SystemServiceWorkflows
{
    Q_DECLARE_TR_FUNCTIONS(wfo::nodeenrollment::SystemServiceWorkflows)

public:
    static QList<Workflow> all();

    // Why `subscriptionId` cannot carry a new system service (empty when it can): it must be a
    // Node Enrollment in provisioning or active without a system service that is not
    // terminated.
    static QString refusal(const store::Database &database, const QString &subscriptionId);
    // Why an enrollment with a service (described so) cannot have another.
    static QString hasService(const QString &serviceDescription);
};

} // namespace wfo::nodeenrollment
