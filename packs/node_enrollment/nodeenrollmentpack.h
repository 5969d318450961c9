#pragma once
// The Node Enrollment product pack (docs/writing-a-product-pack.md): products Node Enrollment and
// Node System Service, their blocks, workflows and constraint settings, the simulated ESDB
// inventory and the simulated NSO device registry.

#include "domain/productpack.h"

#include <QObject>

namespace wfo::nodeenrollment {

class NodeEnrollmentPack final : public QObject, public ProductPack
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WfoProductPack_iid)
    Q_INTERFACES(wfo::ProductPack)
    Q_DISABLE_COPY_MOVE(NodeEnrollmentPack)

public:
    NodeEnrollmentPack() = default;

    QString name() const override;
    void install(PackContext &context) override;
};

} // namespace wfo::nodeenrollment
