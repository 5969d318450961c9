#include "enrollmentworkflows.h"

#include "nsocallback.h"
#include "nsoregistry.h"

#include "domain/subscriptionmodel.h"
#include "forms/core/formgenerator.h"
#include "services/subscriptionsteps.h"
#include "store/subscriptionrepository.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::nodeenrollment {

namespace {

const QString RoutingDomain = u"esnet-293"_s;

// NSO's answer goes to `nso_upgrade`; an upgrade that takes longer than an hour has failed.
const CallbackOptions UpgradeCallback {u"nso_upgrade"_s, u"callback_route"_s, 60 * 60};

QStringList enrolledNodeIds(const store::Database &database)
{
    return store::SubscriptionRepository(database).resourceValuesInUse(u"esdb_node_id"_s,
                                                                       {u"terminated"_s});
}

QList<forms::Choice> roleChoices()
{
    return {{u"core"_s,
             QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Core")},
            {u"edge"_s,
             QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Edge")},
            {u"access"_s,
             QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Access")}};
}

forms::FormGenerator createForm()
{
    return [](forms::FormSession &session) -> QJsonObject {
        QList<forms::Choice> nodes;
        for (const InventoryNode &node : EnrollmentWorkflows::availableNodes())
            nodes.append({node.name, {}});
        const QJsonObject answers = session.page(forms::FormPage(
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                        "Enroll a node"),
            {forms::Field::customer(u"customer_id"_s)
                 .label(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                    "Customer")),
             forms::Field::choice(u"select_node"_s, nodes)
                 .label(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                    "Node"))
                 .description(QCoreApplication::translate(
                     "wfo::nodeenrollment::EnrollmentWorkflows",
                     "Nodes of the inventory that are not enrolled yet."))
                 .style(forms::ChoiceStyle::DropDown),
             forms::Field::choice(u"role_id"_s, roleChoices())
                 .label(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                    "Role"))}));
        const QString nodeName = answers.value(u"select_node").toString();
        const InventoryNode node = Inventory::byName(nodeName).value_or(InventoryNode {});

        forms::SummaryData summary;
        summary.headers = {
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Value")};
        summary.labels = {
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Customer"),
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Node"),
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Role"),
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Site"),
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "ESDB node id"),
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                        "Routing domain")};
        summary.columns = {{answers.value(u"customer_id").toString(), nodeName,
                            answers.value(u"role_id").toString(), node.siteId(),
                            QString::number(node.esdbNodeId), RoutingDomain}};
        session.page(forms::FormPage(
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows", "Summary"),
            {forms::Field::summary(u"summary"_s, summary)}));
        // What the inventory knows, for the steps (as the design notes' form does).
        return QJsonObject {
            {u"esdb_node_id"_s, node.esdbNodeId}, {u"uuid"_s, node.uuid}, {u"url"_s, node.url}};
    };
}

Step constructModel()
{
    return step(u"Construct Node Enrollment model"_s, [](const StepContext &context) {
        const QString nodeName = context.get<QString>(u"select_node");
        const std::optional<InventoryNode> node = Inventory::byName(nodeName);
        if (!node)
            throw StepError(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                        "Node '%1' is not in the inventory.")
                                .arg(nodeName));
        // The form offered it, but another process may have enrolled it since.
        if (context.database()
            && enrolledNodeIds(*context.database()).contains(QString::number(node->esdbNodeId)))
            throw StepError(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                        "Node '%1' is enrolled already.")
                                .arg(nodeName));

        QJsonObject subscription = subscriptions::create(context, context.get<QString>(u"product"),
                                                         context.get<QString>(u"customer_id"));
        const QString description = u"Node %1 Initial Subscription"_s.arg(nodeName);
        const QString role = context.get<QString>(u"role_id");
        subscription.insert(u"description"_s, description);
        subscription.insert(
            u"ne"_s,
            subscriptions::newBlock(
                QString::fromLatin1(EnrollmentBlock),
                {{u"esdb_node_id"_s, node->esdbNodeId},
                 {u"esdb_node_uuid"_s, node->uuid},
                 {u"nso_service_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                 {u"routing_domain"_s, RoutingDomain},
                 {u"role"_s, role},
                 {u"site_id"_s, node->siteId()}}));
        return QJsonObject {{u"subscription"_s, subscription},
                            {u"subscription_id"_s, subscription.value(u"subscription_id")},
                            {u"subscription_description"_s, description},
                            {u"node_name"_s, nodeName},
                            {u"role"_s, role},
                            {u"site_id"_s, node->siteId()}};
    });
}

// The first step of the workflows on an existing enrollment (after unsync has loaded it).
Step loadNodeInfo()
{
    return step(u"Load relevant subscription information"_s, [](const StepContext &context) {
        const QJsonObject subscription = subscriptions::current(context);
        const InventoryNode node =
            EnrollmentWorkflows::nodeOf(subscription.value(u"ne").toObject());
        return QJsonObject {{u"node_name"_s, node.name}, {u"esdb_node_id"_s, node.esdbNodeId}};
    });
}

Step deployToNso(const QString &name)
{
    return step(name, [](const StepContext &context) {
        const QJsonObject ne = subscriptions::current(context).value(u"ne").toObject();
        const QString nodeName = context.get<QString>(u"node_name");
        NsoRegistry nso(context);
        nso.deploy({nodeName,
                    ne.value(u"esdb_node_id").toInt(),
                    ne.value(u"nso_service_id").toString(),
                    ne.value(u"routing_domain").toString(),
                    ne.value(u"role").toString(),
                    ne.value(u"site_id").toString(),
                    0,
                    {}});
        const std::optional<NsoDevice> device = nso.find(nodeName);
        return QJsonObject {{u"nso_device"_s, nodeName},
                            {u"nso_deployments"_s, device ? device->deployments : 0}};
    });
}

Step describe(const QString &stepName, const QString &pattern)
{
    return step(stepName, [pattern](const StepContext &context) {
        QJsonObject subscription = subscriptions::current(context);
        const QString description = pattern.arg(context.get<QString>(u"node_name"));
        subscription.insert(u"description"_s, description);
        return QJsonObject {{u"subscription"_s, subscription},
                            {u"subscription_description"_s, description}};
    });
}

Step checkNso()
{
    return step(u"Check NSO"_s, [](const StepContext &context) {
        const QJsonObject ne = subscriptions::current(context).value(u"ne").toObject();
        const QString nodeName = context.get<QString>(u"node_name");
        const std::optional<NsoDevice> device = NsoRegistry(context).find(nodeName);
        if (!device)
            throw StepError(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                        "Device %1 not found in NSO.")
                                .arg(nodeName));
        const QString expected = ne.value(u"nso_service_id").toString();
        if (device->serviceId != expected)
            throw StepError(QCoreApplication::translate(
                                "wfo::nodeenrollment::EnrollmentWorkflows",
                                "Device %1 in NSO has service id %2; the subscription has "
                                "%3. Run the provision workflow to deploy it again.")
                                .arg(nodeName, device->serviceId, expected));
        return QJsonObject {{u"check_nso"_s, u"OK"_s}};
    });
}

Step removeFromNso()
{
    return step(u"Remove device from NSO"_s, [](const StepContext &context) {
        const QString nodeName = context.get<QString>(u"node_name");
        // Idempotent: a retry after the device is gone is fine.
        const bool removed = NsoRegistry(context).remove(nodeName);
        return QJsonObject {{u"nso_device_removed"_s, removed}};
    });
}

// The software versions NSO can upgrade a node to.
const QStringList SoftwareVersions {u"17.6.4"_s, u"17.9.5"_s, u"18.2.1"_s};

forms::FormGenerator upgradeForm()
{
    return [](forms::FormSession &session) -> QJsonObject {
        QList<forms::Choice> versions;
        for (const QString &version : SoftwareVersions)
            versions.append({version, version});
        session.page(forms::FormPage(
            QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                        "Upgrade the node's software"),
            {forms::Field::choice(u"software_version"_s, versions)
                 .label(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                    "Software version"))
                 .description(QCoreApplication::translate(
                     "wfo::nodeenrollment::EnrollmentWorkflows",
                     "NSO upgrades the node and calls back when it is done."))}));
        return QJsonObject();
    };
}

// The callback step's action: hands NSO the upgrade job with the route to call back.
Step requestUpgrade()
{
    return step(u"Ask NSO to upgrade the node"_s, [](const StepContext &context) {
        const QString nodeName = context.get<QString>(u"node_name");
        const QString version = context.get<QString>(u"software_version");
        const QString route = context.get<QString>(u"callback_route");
        NsoRegistry(context).requestUpgrade(nodeName, version, route);
        const bool callsBack = NsoCallback::schedule(route, nodeName, version);
        return QJsonObject {{u"nso_upgrade_requested"_s, version},
                            {u"nso_calls_back"_s, callsBack}};
    });
}

// The callback step's validation: NSO's answer must report the version asked for.
Step checkUpgradeResult()
{
    return step(u"Check NSO's upgrade result"_s, [](const StepContext &context) {
        const QJsonObject result = context.get<QJsonObject>(u"nso_upgrade");
        const QString nodeName = context.get<QString>(u"node_name");
        const QString asked = context.get<QString>(u"software_version");
        const QString status = result.value(u"status").toString();
        if (status != "success"_L1)
            throw StepError(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                        "NSO reports that the upgrade of %1 "
                                                        "did not succeed (status '%2').")
                                .arg(nodeName, status));
        const QString reported = result.value(u"software_version").toString();
        if (reported != asked)
            throw StepError(QCoreApplication::translate("wfo::nodeenrollment::EnrollmentWorkflows",
                                                        "NSO reports version '%1' on %2; "
                                                        "'%3' was asked for.")
                                .arg(reported, nodeName, asked));
        return QJsonObject();
    });
}

Step recordSoftwareVersion()
{
    return step(u"Record the node's software version"_s, [](const StepContext &context) {
        QJsonObject subscription = subscriptions::current(context);
        QJsonObject ne = subscription.value(u"ne").toObject();
        const QString version = context.get<QString>(u"software_version");
        ne.insert(u"software_version"_s, version);
        subscription.insert(u"ne"_s, ne);
        return QJsonObject {{u"subscription"_s, subscription}};
    });
}

} // namespace

QList<InventoryNode> EnrollmentWorkflows::availableNodes()
{
    QStringList enrolled;
    if (const store::Database *database = store::CurrentDatabase::get())
        enrolled = enrolledNodeIds(*database);
    QList<InventoryNode> nodes;
    for (const InventoryNode &node : Inventory::nodes()) {
        if (!enrolled.contains(QString::number(node.esdbNodeId)))
            nodes.append(node);
    }
    return nodes;
}

InventoryNode EnrollmentWorkflows::nodeOf(const QJsonObject &enrollmentBlock)
{
    const QJsonValue id = enrollmentBlock.value(u"esdb_node_id");
    const std::optional<InventoryNode> node = Inventory::byId(id.toInt());
    if (!node)
        throw StepError(tr("The subscription's node (ESDB id %1) is not in the inventory.")
                            .arg(id.toVariant().toString()));
    return *node;
}

QList<Workflow> EnrollmentWorkflows::all()
{
    return {
        createWorkflow(u"create_node_enrollment"_s,
                       QT_TRANSLATE_NOOP("wfo::workflows", "Create Node Enrollment"), createForm(),
                       Lifecycle::Provisioning,
                       begin >> constructModel() >> storeProcessSubscription()
                           >> deployToNso(u"Register node in NSO"_s)
                           >> describe(u"Update subscription name with node info"_s,
                                       u"Node %1 Provisioned (without system service)"_s)),
        modifyWorkflow(u"modify_node_enrollment"_s,
                       QT_TRANSLATE_NOOP("wfo::workflows",
                                         "Modify Node Enrollment: put the node into production"),
                       {},
                       begin >> loadNodeInfo() >> setStatus(Lifecycle::Active)
                           >> describe(u"Activate subscription"_s, u"Node %1 Production"_s)),
        modifyWorkflow(u"provision_node_enrollment"_s,
                       QT_TRANSLATE_NOOP("wfo::workflows", "Provision Node Enrollment in NSO"), {},
                       begin >> loadNodeInfo() >> deployToNso(u"Deploy node to NSO"_s)),
        modifyWorkflow(
            u"upgrade_node_enrollment"_s,
            QT_TRANSLATE_NOOP("wfo::workflows", "Upgrade the software of the node through NSO"),
            upgradeForm(),
            begin >> loadNodeInfo()
                >> callbackStep(u"Upgrade node software in NSO"_s, requestUpgrade(),
                                checkUpgradeResult(), UpgradeCallback)
                >> recordSoftwareVersion()),
        validateWorkflow(
            u"validate_node_enrollment"_s,
            QT_TRANSLATE_NOOP("wfo::workflows", "Validate Node Enrollment before production"),
            begin >> loadNodeInfo() >> checkNso()),
        terminateWorkflow(
            u"terminate_node_enrollment"_s,
            QT_TRANSLATE_NOOP("wfo::workflows", "Terminate Node Enrollment subscription"), {},
            begin >> loadNodeInfo() >> removeFromNso())
            .startRole(Role::Admin), // taking a node out of the network is an admin's call
    };
}

} // namespace wfo::nodeenrollment
