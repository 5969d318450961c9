#include "installation.h"

#include "builtinworkflows.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPluginLoader>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstallation, "wfo.installation")

namespace wfo {

Installation::Installation()
{
    registerBuiltinWorkflows(m_registry);
}

Installation::~Installation() = default;

QStringList Installation::packDirectories()
{
    QStringList dirs;
    for (const QString &dir : qEnvironmentVariable("WFO_PACK_PATH").split(u':', Qt::SkipEmptyParts))
        dirs.append(dir);
    if (QCoreApplication::instance()) {
        dirs.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/'
                                    + QStringLiteral(WFO_PACK_RELATIVE_DIR)));
    }
    dirs.removeDuplicates();
    return dirs;
}

void Installation::loadPacks(QStringList *messages)
{
    for (const QString &dirPath : packDirectories()) {
        const QDir dir(dirPath);
        if (!dir.exists())
            continue;
        const QFileInfoList files =
            dir.entryInfoList({u"*.so"_s, u"*.dll"_s, u"*.dylib"_s}, QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            QPluginLoader loader(file.absoluteFilePath());
            QObject *instance = loader.instance();
            auto *pack = qobject_cast<ProductPack *>(instance);
            if (!pack) {
                messages->append(
                    tr("Cannot load the product pack '%1': %2")
                        .arg(file.absoluteFilePath(),
                             instance ? tr("it is not a product pack") : loader.errorString()));
                continue;
            }
            if (m_packNames.contains(pack->name())) {
                qCInfo(lcInstallation) << "pack" << pack->name() << "already loaded; skipped"
                                       << file.absoluteFilePath();
                continue;
            }
            m_plugins.append(instance);
            addPack(*pack);
        }
    }
}

void Installation::addPack(ProductPack &pack)
{
    if (m_packNames.contains(pack.name()))
        return;
    m_packNames.append(pack.name());
    pack.install(*this);
}

void Installation::addProduct(const ProductDefinition &product)
{
    m_catalogue.products.append(product);
}

void Installation::addProductBlock(const ProductBlockDefinition &block)
{
    m_catalogue.blocks.append(block);
}

void Installation::addWorkflow(const Workflow &workflow, const QString &tag,
                               const QString &searchPhrase)
{
    m_registry.add(workflow);
    m_catalogue.registrations.append(WorkflowRegistration {workflow.name(), tag, searchPhrase});
}

void Installation::addExtension(const std::shared_ptr<EngineExtension> &extension)
{
    m_extensions.append(extension);
}

void Installation::finish(QStringList *messages)
{
    if (m_finished)
        return;
    m_finished = true;
    m_catalogue.settings.loadFile(ConstraintSettings::defaultFilePath(), messages);
    m_catalogue.settings.applyEnvironment(messages);
    // The domain first: packs' extensions see subscriptions already saved.
    m_extensions.prepend(std::make_shared<DomainExtension>(m_catalogue, &m_registry));
}

void Installation::configure(Engine &engine) const
{
    for (const auto &extension : m_extensions)
        engine.addExtension(extension);
}

} // namespace wfo
