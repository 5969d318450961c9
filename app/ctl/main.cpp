// orchestratorctl: the command-line tool; all of it lives in the wfo_ctl library.
#include "app/ctl/ctlapp.h"
#include "app/ctl/signalwatcher.h"
#include "app/i18n/i18n.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // First of all, so that a worker stopped while it starts stops cleanly (see SignalWatcher).
    wfo::ctl::SignalWatcher::holdSignals();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("orchestratorctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("orchestrator-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WFO_VERSION));
    wfo::i18n::installTranslations(app);
    return wfo::ctl::CtlApp::run(QCoreApplication::arguments());
}
