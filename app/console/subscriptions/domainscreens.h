#pragma once
// The screens that need the domain (subscriptions, products): the Subscriptions page and
// detail, the new subscription wizard, the subscription cards of the start page, the catalogue
// tabs of Metadata, and the repository-backed picker provider. They reach the main window only
// through ConsoleScreens.

#include "domain/constraintsettings.h"
#include "domain/productpack.h"

#include <QList>

#include <QCoreApplication>

namespace wfo::console {

class ConsoleContext;
class ConsoleScreens;
class MainWindow;

class DomainScreens final
{
    Q_DECLARE_TR_FUNCTIONS(wfo::console::DomainScreens)

public:
    // Creates the screens (unparented: the main window takes them) and describes them.
    // What packs contribute without widgets.
    struct PackContributions
    {
        QList<SubscriptionView> views; // start-page cards after the console's own
        QList<CatalogueTable> tables; // Metadata tabs after the catalogue's
    };

    static void contribute(ConsoleScreens &screens, ConsoleContext *context,
                           const ConstraintSettings &settings, const PackContributions &packs = {});
};

// contribute() into a fresh ConsoleScreens, installed into `window`.
void installDomainScreens(MainWindow *window, const ConstraintSettings &settings,
                          const DomainScreens::PackContributions &packs = {});

} // namespace wfo::console
