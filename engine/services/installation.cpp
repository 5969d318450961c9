#include "installation.h"

#include "builtinworkflows.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPluginLoader>

using namespace Qt::StringLiterals;

// Quiet unless asked for (QT_LOGGING_RULES="wfo.installation.info=true"): which pack came from
// where.
Q_LOGGING_CATEGORY(lcInstallation, "wfo.installation", QtWarningMsg)

namespace wfo {

Installation::Installation()
{
    registerBuiltinWorkflows(m_registry);
}

Installation::~Installation() = default;

QStringList Installation::packDirectories(QStringList *refused)
{
    QStringList candidates;
    const QStringList fromEnv =
        qEnvironmentVariable("WFO_PACK_PATH").split(u':', Qt::SkipEmptyParts);
    for (const QString &dir : fromEnv) {
        if (QDir::isRelativePath(dir)) {
            // Relative to whatever folder the program was started in: anyone's files.
            if (refused)
                refused->append(tr("The pack folder '%1' in WFO_PACK_PATH is relative; it was "
                                   "ignored. Give absolute paths.")
                                    .arg(dir));
            continue;
        }
        candidates.append(QDir::cleanPath(dir));
    }
    if (QCoreApplication::instance()) {
        candidates.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/'
                                          + QStringLiteral(WFO_PACK_RELATIVE_DIR)));
    }
    candidates.removeDuplicates();
    QStringList dirs;
    for (const QString &dir : std::as_const(candidates)) {
        const QFileInfo info(dir);
        if (info.exists() && info.permission(QFileDevice::WriteOther)) {
            if (refused)
                refused->append(tr("The pack folder '%1' may be written by every user; it was "
                                   "ignored. Make it writable by its owner only (chmod o-w).")
                                    .arg(dir));
            continue;
        }
        dirs.append(dir);
    }
    return dirs;
}

QStringList Installation::packFiles(QStringList *messages)
{
    QStringList packs;
    for (const QString &dirPath : packDirectories(messages)) {
        const QDir dir(dirPath);
        if (!dir.exists())
            continue;
        const QFileInfoList files =
            dir.entryInfoList({u"*.so"_s, u"*.dll"_s, u"*.dylib"_s}, QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            // The metadata is read from the file without loading it: nothing of a plugin that
            // is not a product pack (or not a plugin at all) runs.
            const QJsonObject metaData = QPluginLoader(file.absoluteFilePath()).metaData();
            const QString iid = metaData.value(u"IID").toString();
            if (iid != QLatin1StringView(WfoProductPack_iid)) {
                if (messages)
                    messages->append(tr("Cannot load the product pack '%1': %2")
                                         .arg(file.absoluteFilePath(),
                                              iid.isEmpty()
                                                  ? tr("it is not a Qt plugin")
                                                  : tr("it is not a product pack (%1)").arg(iid)));
                continue;
            }
            packs.append(file.absoluteFilePath());
        }
    }
    return packs;
}

void Installation::loadPacks(QStringList *messages)
{
    for (const QString &path : packFiles(messages)) {
        QPluginLoader loader(path);
        QObject *instance = loader.instance();
        auto *pack = qobject_cast<ProductPack *>(instance);
        if (!pack) {
            messages->append(
                tr("Cannot load the product pack '%1': %2")
                    .arg(path, instance ? tr("it is not a product pack") : loader.errorString()));
            continue;
        }
        if (m_packNames.contains(pack->name())) {
            qCInfo(lcInstallation) << "pack" << pack->name() << "already loaded; skipped" << path;
            continue;
        }
        qCInfo(lcInstallation) << "pack" << pack->name() << "loaded from" << path;
        m_packSources.append(u"%1 (%2)"_s.arg(pack->name(), path));
        m_plugins.append(instance);
        addPack(*pack);
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
