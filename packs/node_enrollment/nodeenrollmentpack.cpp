#include "nodeenrollmentpack.h"

#include "enrollmentworkflows.h"
#include "nsoregistry.h"
#include "systemserviceworkflows.h"

using namespace Qt::StringLiterals;

namespace wfo::nodeenrollment {

namespace {

// Catalogue descriptions are stored untranslated and translated where they are shown.
QString text(const char *source)
{
    return QString::fromUtf8(source);
}

ProductBlockDefinition enrollmentBlock()
{
    const QList<Lifecycle> fromProvisioning = requiredFrom(Lifecycle::Provisioning);
    return {QString::fromLatin1(EnrollmentBlock),
            text(QT_TRANSLATE_NOOP("wfo::products", "A node enrolled in the network")),
            QString::fromLatin1(EnrollmentTag),
            {{u"esdb_node_id"_s, text(QT_TRANSLATE_NOOP("wfo::products", "ESDB node id")),
              fromProvisioning},
             {u"esdb_node_uuid"_s, text(QT_TRANSLATE_NOOP("wfo::products", "ESDB node uuid")),
              fromProvisioning},
             {u"nso_service_id"_s, text(QT_TRANSLATE_NOOP("wfo::products", "NSO service id")),
              fromProvisioning},
             {u"routing_domain"_s, text(QT_TRANSLATE_NOOP("wfo::products", "Routing domain")),
              fromProvisioning},
             {u"role"_s, text(QT_TRANSLATE_NOOP("wfo::products", "Role of the node")),
              fromProvisioning},
             {u"site_id"_s, text(QT_TRANSLATE_NOOP("wfo::products", "Site of the node")),
              fromProvisioning},
             // Set by upgrade_node_enrollment once NSO reports the upgrade done.
             {u"software_version"_s,
              text(QT_TRANSLATE_NOOP("wfo::products", "Software version of the node")),
              {}}},
            {}};
}

ProductBlockDefinition systemServiceBlock()
{
    return {QString::fromLatin1(SystemServiceBlock),
            text(QT_TRANSLATE_NOOP("wfo::products", "The system service of an enrolled node")),
            QString::fromLatin1(SystemServiceTag),
            {{u"service_id"_s, text(QT_TRANSLATE_NOOP("wfo::products", "System service id")),
              requiredFrom(Lifecycle::Provisioning)}},
            {{u"node"_s, QString::fromLatin1(EnrollmentBlock)}}};
}

} // namespace

QString NodeEnrollmentPack::name() const
{
    return u"node_enrollment"_s;
}

void NodeEnrollmentPack::install(PackContext &context)
{
    context.addProductBlock(enrollmentBlock());
    context.addProductBlock(systemServiceBlock());
    context.addProduct({u"Node Enrollment"_s,
                        text(QT_TRANSLATE_NOOP("wfo::products", "Enrollment of a network node")),
                        u"NodeEnrollment"_s,
                        QString::fromLatin1(EnrollmentTag),
                        {},
                        {{u"ne"_s, QString::fromLatin1(EnrollmentBlock)}}});
    context.addProduct(
        {u"Node System Service"_s,
         text(QT_TRANSLATE_NOOP("wfo::products", "The system service of an enrolled node")),
         u"NodeSystemService"_s,
         QString::fromLatin1(SystemServiceTag),
         {},
         {{u"nss"_s, QString::fromLatin1(SystemServiceBlock)}}});

    for (const Workflow &workflow : EnrollmentWorkflows::all())
        context.addWorkflow(workflow, QString::fromLatin1(EnrollmentTag), u"Node Enrollment%"_s);
    for (const Workflow &workflow : SystemServiceWorkflows::all())
        context.addWorkflow(workflow, QString::fromLatin1(SystemServiceTag),
                            u"Node System Service%"_s);

    // As the design notes set them in workflows/__init__.py.
    ConstraintSettings &settings = context.settings();
    settings.usableMap.insert(u"validate_node_enrollment"_s, {u"active"_s, u"provisioning"_s});
    settings.usableMap.insert(u"provision_node_enrollment"_s, {u"active"_s, u"provisioning"_s});
    settings.usableMap.insert(u"modify_node_enrollment"_s, {u"provisioning"_s});
    settings.usableMap.insert(u"upgrade_node_enrollment"_s, {u"active"_s, u"provisioning"_s});

    // Nodes enrolled but not yet in production: what an operator puts into production next.
    context.addSubscriptionView({u"nodesInProvisioningCard"_s, "wfo::nodeenrollment",
                                 QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Nodes in provisioning"),
                                 u"tag:NodeEnrollment status:provisioning"_s});
    // What the simulated NSO holds, so operators can compare it with the subscriptions.
    context.addCatalogueTable(
        {u"nsoDevicesTable"_s,
         "wfo::nodeenrollment",
         QT_TRANSLATE_NOOP("wfo::nodeenrollment", "NSO devices"),
         {{u"device_name"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Device")},
          {u"esdb_node_id"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "ESDB node id")},
          {u"role"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Role")},
          {u"routing_domain"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Routing domain")},
          {u"deployments"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Deployments")},
          {u"deployed_at"_s, QT_TRANSLATE_NOOP("wfo::nodeenrollment", "Last deployed")}},
         &NsoRegistry::devicesTable});
}

} // namespace wfo::nodeenrollment
