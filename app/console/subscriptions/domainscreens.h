#pragma once
// The screens that need the domain (subscriptions, products): adds them to a main window — the
// Subscriptions page and detail, the new subscription wizard, the subscription cards of the
// start page, the catalogue tabs of Metadata — and the repository-backed picker provider.

#include "domain/constraintsettings.h"

namespace wfo::console {

class MainWindow;

void installDomainScreens(MainWindow *window, const ConstraintSettings &settings);

} // namespace wfo::console
