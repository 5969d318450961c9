#pragma once
// The simulated ESDB inventory: the network nodes an operator can enroll. Static data, so the
// pack runs anywhere; a real pack would ask the inventory's API.

#include <QList>
#include <QString>

#include <optional>

namespace wfo::nodeenrollment {

struct InventoryNode
{
    int esdbNodeId = 0;
    QString name; // e.g. "ams-rt1": site, then device
    QString uuid;
    QString url;

    // The site: the part of the name before the first '-' ("ams" for "ams-rt1").
    QString siteId() const;
};

class Inventory
{
public:
    static const QList<InventoryNode> &nodes();
    static std::optional<InventoryNode> byName(const QString &name);
    static std::optional<InventoryNode> byId(int esdbNodeId);
};

} // namespace wfo::nodeenrollment
