#pragma once
// The Node Enrollment workflows (docs/writing-a-product-pack.md), as in the design notes:
//   create_node_enrollment     (CREATE, ends provisioning) form, model, NSO registration
//   modify_node_enrollment     (MODIFY, provisioning only) puts the node into production
//   provision_node_enrollment  (MODIFY, active/provisioning) re-deploys the node to NSO
//   upgrade_node_enrollment    (MODIFY, active/provisioning) NSO upgrades the node's software
//                              and calls back (a callback step); the version is recorded
//   validate_node_enrollment   (VALIDATE, active/provisioning) checks the device in NSO
//   terminate_node_enrollment  (TERMINATE) removes the device from NSO

#include "inventory.h"

#include "core/workflow.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace wfo::nodeenrollment {

inline constexpr auto EnrollmentBlock = "NodeEnrollmentBlock";
inline constexpr auto EnrollmentTag = "NodeEnrollment";

class EnrollmentWorkflows
{
    Q_DECLARE_TR_FUNCTIONS(wfo::nodeenrollment::EnrollmentWorkflows)

public:
    static QList<Workflow> all();

    // The inventory nodes that no subscription (other than a terminated one) enrolls; every
    // node when there is no database to ask.
    static QList<InventoryNode> availableNodes();
    // The inventory node of an enrollment's `ne` block; throws StepError when there is none.
    static InventoryNode nodeOf(const QJsonObject &enrollmentBlock);
};

} // namespace wfo::nodeenrollment
