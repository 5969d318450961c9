// orchestrator-console: opens the database (embedded SQLite by default) and the engine, then
// shows the main window. Everything else lives in the wfo_console library.
#include "common/consolecontext.h"
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

    wfo::store::DatabaseUrl url = wfo::store::DatabaseUrl::defaultUrl();
    if (parser.isSet(dbOption)) {
        QString error;
        const auto parsed = wfo::store::DatabaseUrl::parse(parser.value(dbOption), &error);
        if (!parsed) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Orchestrator Console"),
                                  error);
            return 2;
        }
        url = *parsed;
    }

    const std::unique_ptr<wfo::Installation> installation = createInstallation();
    wfo::EngineOptions options;
    options.url = url;
    options.threads = wfo::console::SettingsPage::configuredThreads();
    options.kind = u"console"_s;
    options.migrate = url.isSqlite();
    wfo::Engine engine(&installation->registry(), options);
    installation->configure(engine);

    std::unique_ptr<wfo::console::ConsoleContext> context;
    std::unique_ptr<wfo::console::MainWindow> window;
    QObject::connect(&engine, &wfo::Engine::opened, &app, [&](bool ok, const QString &message) {
        if (!ok) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Orchestrator Console"),
                QApplication::translate("main", "Cannot open the database: %1").arg(message));
            QApplication::exit(1);
            return;
        }
        context = std::make_unique<wfo::console::ConsoleContext>(&engine);
        window = std::make_unique<wfo::console::MainWindow>(context.get());
        wfo::console::installDomainScreens(window.get(), installation->constraintSettings());
        window->show();
    });
    engine.open();
    const int code = QApplication::exec();
    window.reset();
    context.reset();
    return code;
}
