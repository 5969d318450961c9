#include "inventory.h"

using namespace Qt::StringLiterals;

namespace wfo::nodeenrollment {

QString InventoryNode::siteId() const
{
    return name.section(u'-', 0, 0);
}

const QList<InventoryNode> &Inventory::nodes()
{
    static const QList<InventoryNode> all = [] {
        const QStringList names {u"ams-rt1"_s, u"ams-rt2"_s, u"ams-cr1"_s, u"lon-rt1"_s,
                                 u"lon-rt2"_s, u"chi-cr5"_s, u"chi-rt3"_s, u"nyc-rt1"_s,
                                 u"nyc-cr2"_s, u"fra-rt1"_s, u"par-rt1"_s, u"sea-rt4"_s,
                                 u"sfo-cr1"_s, u"den-rt2"_s};
        QList<InventoryNode> nodes;
        int id = 101;
        for (const QString &name : names) {
            // Stable, made-up identities: the same node always has the same uuid.
            const QString uuid = u"5e0d%1-0000-4000-8000-%2"_s.arg(id, 4, 10, QLatin1Char('0'))
                                     .arg(id * 7919, 12, 10, QLatin1Char('0'));
            nodes.append({id, name, uuid, u"https://esdb.example.net/nodes/%1"_s.arg(id)});
            ++id;
        }
        return nodes;
    }();
    return all;
}

std::optional<InventoryNode> Inventory::byName(const QString &name)
{
    for (const InventoryNode &node : nodes()) {
        if (node.name == name)
            return node;
    }
    return std::nullopt;
}

std::optional<InventoryNode> Inventory::byId(int esdbNodeId)
{
    for (const InventoryNode &node : nodes()) {
        if (node.esdbNodeId == esdbNodeId)
            return node;
    }
    return std::nullopt;
}

} // namespace wfo::nodeenrollment
