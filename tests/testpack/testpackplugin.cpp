// The test pack as a plugin, so that orchestratorctl loads it from the pack path like any pack
// and the shipped executable carries no test workflows.
#include "testpack.h"

#include <QObject>

namespace wfo::testpack {

class TestPackPlugin final : public QObject, public ProductPack
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID WfoProductPack_iid)
    Q_INTERFACES(wfo::ProductPack)
    Q_DISABLE_COPY_MOVE(TestPackPlugin)

public:
    TestPackPlugin() = default;

    QString name() const override { return m_pack.name(); }
    void install(PackContext &context) override { m_pack.install(context); }

private:
    TestPack m_pack;
};

} // namespace wfo::testpack

#include "testpackplugin.moc"
