#include "nsoregistry.h"

#include "store/transaction.h"

#include "store/timestamps.h"

#include <QJsonObject>

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

namespace {

store::PackRecords devices(const store::Database &database)
{
    return store::PackRecords(database, u"node_enrollment"_s, u"nso_device"_s);
}

} // namespace

void NsoRegistry::deploy(const NsoDevice &device)
{
    // The deployment count is read and written in one write transaction: two engines
    // deploying the same device count two deployments.
    store::WriteTransaction transaction(m_database);
    const std::optional<NsoDevice> before = find(device.name);
    devices(m_database)
        .put(device.name,
             QJsonObject {{u"esdb_node_id"_s, device.esdbNodeId},
                          {u"service_id"_s, device.serviceId},
                          {u"routing_domain"_s, device.routingDomain},
                          {u"role"_s, device.role},
                          {u"site_id"_s, device.siteId},
                          {u"deployments"_s, before ? before->deployments + 1 : 1},
                          {u"deployed_at"_s, store::Timestamps::now()}});
    transaction.commit();
}

std::optional<NsoDevice> NsoRegistry::find(const QString &name) const
{
    const std::optional<QJsonObject> record = devices(m_database).find(name);
    if (!record)
        return std::nullopt;
    return NsoDevice {name,
                      record->value(u"esdb_node_id").toInt(),
                      record->value(u"service_id").toString(),
                      record->value(u"routing_domain").toString(),
                      record->value(u"role").toString(),
                      record->value(u"site_id").toString(),
                      record->value(u"deployments").toInt(),
                      record->value(u"deployed_at").toString()};
}

QJsonArray NsoRegistry::devicesTable(const store::Database &database)
{
    QJsonArray rows;
    for (const auto &[name, record] : devices(database).all()) {
        QJsonObject row = record;
        row.insert(u"device_name"_s, name);
        rows.append(row);
    }
    return rows;
}

void NsoRegistry::requestUpgrade(const QString &name, const QString &version,
                                 const QString &callbackRoute)
{
    store::WriteTransaction transaction(m_database);
    std::optional<QJsonObject> record = devices(m_database).find(name);
    if (!record)
        throw StepError(tr("Device %1 not found in NSO.").arg(name));
    record->insert(u"upgrade"_s,
                   QJsonObject {{u"software_version"_s, version},
                                {u"callback_route"_s, callbackRoute},
                                {u"requested_at"_s, store::Timestamps::now()}});
    devices(m_database).put(name, *record);
    transaction.commit();
}

bool NsoRegistry::remove(const QString &name)
{
    return devices(m_database).remove(name);
}

} // namespace wfo::nodeenrollment
