// orchestrator-console: opens the database (embedded SQLite by default) and the engine, then
// shows the main window.
#include "mainwindow.h"

#include "core/engine.h"
#include "services/builtinworkflows.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"OrchestratorConsole"_s);
    QApplication::setApplicationName(u"orchestrator-console"_s);
    QApplication::setApplicationDisplayName(
        QApplication::translate("main", "Orchestrator Console"));
    QApplication::setApplicationVersion(QStringLiteral(WFO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Manage customer subscriptions by running workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(u"db"_s, QApplication::translate("main", "Database URL."),
                                u"url"_s);
    parser.addOption(dbOption);
    parser.process(app);

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

    wfo::WorkflowRegistry registry;
    wfo::registerBuiltinWorkflows(registry);
    wfo::EngineOptions options;
    options.url = url;
    options.threads = 2;
    options.kind = u"console"_s;
    options.migrate = url.isSqlite();
    wfo::Engine engine(&registry, options);

    std::unique_ptr<MainWindow> window;
    QObject::connect(&engine, &wfo::Engine::opened, &app, [&](bool ok, const QString &message) {
        if (!ok) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Orchestrator Console"),
                QApplication::translate("main", "Cannot open the database: %1").arg(message));
            QApplication::exit(1);
            return;
        }
        window = std::make_unique<MainWindow>(&engine);
        window->show();
    });
    engine.open();
    const int code = QApplication::exec();
    window.reset();
    return code;
}
