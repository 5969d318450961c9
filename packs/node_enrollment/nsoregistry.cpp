#include "nsoregistry.h"

#include "store/transaction.h"

#include "store/timestamps.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace wfo::nodeenrollment {

namespace {

const store::Database &databaseOf(const StepContext &context)
{
    if (!context.database())
        throw StepError(QCoreApplication::translate("wfo::nodeenrollment::NsoRegistry",
                                                    "This step needs the database."));
    if (NsoRegistry::offline())
        throw StepError(
            QCoreApplication::translate("wfo::nodeenrollment::NsoRegistry", "NSO unavailable"));
    return *context.database();
}

} // namespace

NsoRegistry::NsoRegistry(const StepContext &context)
    : m_database(databaseOf(context))
{ }

bool NsoRegistry::offline()
{
    return qEnvironmentVariableIntValue("NODE_ENROLLMENT_NSO_OFFLINE") == 1;
}

void NsoRegistry::createTable(const store::Database &database)
{
    database.exec(u"CREATE TABLE IF NOT EXISTS node_enrollment_nso_devices ("
                  "device_name TEXT PRIMARY KEY, esdb_node_id INTEGER NOT NULL, "
                  "service_id TEXT NOT NULL, routing_domain TEXT, role TEXT, site_id TEXT, "
                  "deployments INTEGER NOT NULL DEFAULT 1, deployed_at TEXT NOT NULL)"_s);
}

void NsoRegistry::deploy(const NsoDevice &device)
{
    m_database.exec(
        u"INSERT INTO node_enrollment_nso_devices (device_name, esdb_node_id, service_id, "
        "routing_domain, role, site_id, deployments, deployed_at) VALUES (:name, :node, "
        ":service, :domain, :role, :site, 1, :now) ON CONFLICT (device_name) DO UPDATE SET "
        "esdb_node_id = excluded.esdb_node_id, service_id = excluded.service_id, "
        "routing_domain = excluded.routing_domain, role = excluded.role, site_id = "
        "excluded.site_id, deployments = node_enrollment_nso_devices.deployments + 1, "
        "deployed_at = excluded.deployed_at"_s,
        {{u"name"_s, device.name},
         {u"node"_s, device.esdbNodeId},
         {u"service"_s, device.serviceId},
         {u"domain"_s, device.routingDomain},
         {u"role"_s, device.role},
         {u"site"_s, device.siteId},
         {u"now"_s, store::Timestamps::now()}});
}

std::optional<NsoDevice> NsoRegistry::find(const QString &name) const
{
    QSqlQuery q = m_database.exec(
        u"SELECT device_name, esdb_node_id, service_id, routing_domain, role, site_id, "
        "deployments, deployed_at FROM node_enrollment_nso_devices WHERE device_name = :name"_s,
        {{u"name"_s, name}});
    if (!q.next())
        return std::nullopt;
    return NsoDevice {q.value(0).toString(), q.value(1).toInt(),    q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                      q.value(6).toInt(),    q.value(7).toString()};
}

bool NsoRegistry::remove(const QString &name)
{
    const QSqlQuery q =
        m_database.exec(u"DELETE FROM node_enrollment_nso_devices WHERE device_name = :name"_s,
                        {{u"name"_s, name}});
    return q.numRowsAffected() > 0;
}

void NsoExtension::databaseOpened(const store::Database &database)
{
    // Engines that open at once would race to create the table.
    store::WriteTransaction transaction(database);
    database.lockCatalogue();
    NsoRegistry::createTable(database);
    transaction.commit();
}

} // namespace wfo::nodeenrollment
