#pragma once
// Records that a product pack keeps for an outside system it simulates (the Node Enrollment
// pack's NSO device registry): JSON objects by key, in one table of the store, so that packs
// hold no SQL of their own (docs/architecture.md, "Layers").

#include "database.h"
#include "wfo_engine_export.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace wfo::store {

class WFO_ENGINE_EXPORT PackRecords
{
public:
    // The records of one kind of one pack, e.g. ("node_enrollment", "nso_device").
    PackRecords(const Database &database, const QString &pack, const QString &kind)
        : m_db(database)
        , m_pack(pack)
        , m_kind(kind)
    { }

    void put(const QString &key, const QJsonObject &value);
    std::optional<QJsonObject> find(const QString &key) const;
    // Returns whether there was a record to remove.
    bool remove(const QString &key);
    QStringList keys() const;
    // Every record of the kind, by key.
    QList<std::pair<QString, QJsonObject>> all() const;

private:
    const Database &m_db;
    QString m_pack;
    QString m_kind;
};

} // namespace wfo::store
