// orchestrator-console: picks the database (--db, then $WFO_DATABASE_URL, then the one chosen
// in the database dialog, then the embedded SQLite file) and hands it to a console session,
// which opens the engine and shows the main window. Everything else lives in wfo_console.
#include "consolesession.h"
#include "database/databasesettings.h"
#include "mainwindow.h"
#include "settings/settingspage.h"

#include "subscriptions/domainscreens.h"

#include "app/i18n/i18n.h"
#include "core/engine.h"
#include "services/installation.h"

#include "forms/widgets/formdialog.h"
#include "forms/widgets/formgallery.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QSettings>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The one place where the console learns its workflows and engine extensions: the built-ins,
// the domain and the product packs found in the installation's pack folder.
std::unique_ptr<wfo::Installation> createInstallation()
{
    auto installation = std::make_unique<wfo::Installation>();
    QStringList messages;
    installation->loadPacks(&messages);
    installation->finish(&messages);
    for (const QString &message : messages)
        qWarning("%s", qPrintable(message));
    return installation;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"OrchestratorConsole"_s);
    QApplication::setApplicationName(u"orchestrator-console"_s);
    QApplication::setApplicationVersion(QStringLiteral(WFO_VERSION));
    wfo::i18n::installTranslations(app); // QSettings "ui/language": "" = system, "en", "nl"
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "Orchestrator Console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Manage customer subscriptions by running workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s, QApplication::translate("main", "Database URL."),
                                      u"url"_s);
    const QCommandLineOption galleryOption(
        u"form-gallery"_s,
        QApplication::translate("main", "Show the form gallery instead of the console."));
    parser.addOption(dbOption);
    parser.addOption(galleryOption);
    parser.process(app);

    if (parser.isSet(galleryOption)) {
        QObject::connect(wfo::forms::showFormGallery(), &QObject::destroyed, &app,
                         [] { QApplication::quit(); });
        return QApplication::exec();
    }

    QString error;
    const auto choice = wfo::console::DatabaseSettings::resolve(
        parser.value(dbOption), qEnvironmentVariable("WFO_DATABASE_URL"),
        QSettings().value(wfo::console::DatabaseSettings::urlKey()).toString(), &error);
    if (!choice) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Orchestrator Console"),
                              error);
        return 2;
    }
    if (!choice->warning.isEmpty())
        qWarning("%s", qPrintable(choice->warning));
    wfo::console::DatabaseSettings::setStartupSource(choice->source);

    const std::unique_ptr<wfo::Installation> installation = createInstallation();
    wfo::EngineOptions options;
    options.threads = wfo::console::SettingsPage::configuredThreads();
    options.kind = u"console"_s;
    const wfo::Installation *configured = installation.get();
    wfo::console::ConsoleSession session(
        &installation->registry(), options,
        [configured](wfo::Engine &engine) { configured->configure(engine); },
        [configured](wfo::console::MainWindow *window) {
            wfo::console::installDomainScreens(
                window, configured->constraintSettings(),
                {configured->subscriptionViews(), configured->catalogueTables()});
        });
    session.start(choice->url);
    return QApplication::exec();
}
