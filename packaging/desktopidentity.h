#pragma once
// Ties the running console to its desktop entry: the desktop file name (the Wayland app id,
// matched against org.orchestratorconsole.OrchestratorConsole.desktop) and the window icon,
// taken from the icon theme when installed and from the built-in PNGs otherwise (Qt needs no
// SVG plugin for those).

#include <QIcon>
#include <QString>

namespace wfo {

inline constexpr auto desktopId = "org.orchestratorconsole.OrchestratorConsole";

// The application icon at every size we ship.
QIcon applicationIcon();

// Sets the desktop file name and the window icon on the running QGuiApplication.
void setDesktopIdentity();

} // namespace wfo
