# Desktop integration and the Debian package.
#   wfo_desktopidentity  (library, Wfo::DesktopIdentity) the console's window icon and desktop id
#   install rules        .desktop, AppStream metainfo, hicolor icons, man pages
#   CPack DEB            ./dev package (cpack -G DEB), the .deb lands in the build directory
set(WFO_DESKTOP_ID org.orchestratorconsole.OrchestratorConsole)
set(wfo_packaging ${PROJECT_SOURCE_DIR}/packaging)
set(wfo_icon_sizes 32 48 64 128 256)

# The window icon as PNGs in a resource (no SVG plugin needed), plus the desktop file name.
add_library(wfo_desktopidentity STATIC
    ${wfo_packaging}/desktopidentity.h ${wfo_packaging}/desktopidentity.cpp)
add_library(Wfo::DesktopIdentity ALIAS wfo_desktopidentity)
target_include_directories(wfo_desktopidentity PUBLIC $<BUILD_INTERFACE:${wfo_packaging}>)
target_link_libraries(wfo_desktopidentity PUBLIC Qt6::Gui)
wfo_set_warnings(wfo_desktopidentity)
set(wfo_icon_pngs "")
foreach(size IN LISTS wfo_icon_sizes)
    list(APPEND wfo_icon_pngs ${WFO_DESKTOP_ID}-${size}.png)
endforeach()
list(TRANSFORM wfo_icon_pngs PREPEND ${wfo_packaging}/icons/)
qt_add_resources(wfo_desktopidentity wfo_icons
    PREFIX /wfo/icons BASE ${wfo_packaging}/icons FILES ${wfo_icon_pngs}
    OUTPUT_TARGETS wfo_icon_resource_targets)
# Position-independent, so that a shared library (the console's) may link it too.
set_target_properties(wfo_desktopidentity ${wfo_icon_resource_targets}
    PROPERTIES POSITION_INDEPENDENT_CODE ON)

# Desktop entry, AppStream metainfo, icons.
install(FILES ${wfo_packaging}/${WFO_DESKTOP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${wfo_packaging}/${WFO_DESKTOP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${wfo_packaging}/icons/${WFO_DESKTOP_ID}.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size IN LISTS wfo_icon_sizes)
    install(FILES ${wfo_packaging}/icons/${WFO_DESKTOP_ID}-${size}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
        RENAME ${WFO_DESKTOP_ID}.png)
endforeach()

# Man pages, compressed as Debian policy wants them (-n: reproducible, no time stamp).
set(wfo_man_pages "")
foreach(page orchestratorctl.1 orchestrator-console.1)
    set(gz ${PROJECT_BINARY_DIR}/packaging/${page}.gz)
    add_custom_command(OUTPUT ${gz}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
        COMMAND sh -c "gzip -9n -c '${wfo_packaging}/${page}' > '${gz}'"
        DEPENDS ${wfo_packaging}/${page}
        VERBATIM)
    list(APPEND wfo_man_pages ${gz})
endforeach()
add_custom_target(wfo_man_pages ALL DEPENDS ${wfo_man_pages})
install(FILES ${wfo_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Installed libraries find each other next to themselves, and pack plugins find the libraries
# one level up: the project-wide RPATH ($ORIGIN/../<libdir>) is right for bin/ only, and a
# RUNPATH is not inherited by a library's own dependencies. Targets with an RPATH of their own
# keep it.
function(wfo_collect_targets out dir)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
        wfo_collect_targets(more ${sub})
        list(APPEND targets ${more})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()
wfo_collect_targets(wfo_all_targets ${PROJECT_SOURCE_DIR})
foreach(target IN LISTS wfo_all_targets)
    get_target_property(type ${target} TYPE)
    get_target_property(rpath ${target} INSTALL_RPATH)
    if(NOT rpath STREQUAL CMAKE_INSTALL_RPATH)
        continue()
    endif()
    if(type STREQUAL SHARED_LIBRARY)
        set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN")
    elseif(type STREQUAL MODULE_LIBRARY)
        set_target_properties(${target} PROPERTIES INSTALL_RPATH "$ORIGIN/..;$ORIGIN")
    endif()
endforeach()

# CPack: one Debian package with everything but the tests.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME orchestrator-console)
set(CPACK_PACKAGE_VENDOR "The Orchestrator Console developers")
set(CPACK_PACKAGE_CONTACT "Orchestrator Console developers <maintainers@orchestrator-console.example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop workflow orchestrator for customer subscriptions")
set(CPACK_PACKAGE_DESCRIPTION
"Orchestrator Console is a desktop workflow orchestrator for network and service
providers. Operators create, change, validate and terminate customer subscriptions
by running workflows: ordered lists of steps that the engine runs in worker threads
and records durably after every step, so that a failed step can be retried from
exactly where it failed.
.
The package contains the desktop application, the headless command-line tool
orchestratorctl, the Node Enrollment example product pack and the Dutch translation.
SQLite is the embedded database; PostgreSQL serves teams and several engine workers.")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
# Library dependencies come from dpkg-shlibdeps; the plugins Qt loads at run time cannot be seen
# by it: the SQLite driver (the embedded database) and the platform plugins (xcb, wayland).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Our own libraries, for dpkg-shlibdeps, which runs in the staging root.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
    ./${CPACK_PACKAGING_INSTALL_PREFIX}/${WFO_INSTALL_LIBDIR})
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libqt6sql6-psql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
