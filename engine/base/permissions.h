#pragma once
// Operators' roles and what each may do. A viewer reads everything; an operator also starts,
// resumes, retries, aborts, resets and sets notes; an admin also skips steps, deletes task
// processes, pauses the engine and edits schedules, operators and settings. While no operator
// is defined, everyone acts as admin (the embedded single-user default).

#include "wfo_engine_export.h"

#include <QString>

#include <optional>

namespace wfo {

enum class Role { Viewer = 0, Operator = 1, Admin = 2 };

enum class Permission {
    Start,
    Resume, // resume with input, or retry
    Abort,
    Reset,
    SetNote,
    SetInSync, // mark a subscription in sync without a workflow
    Skip,
    DeleteTask,
    PauseEngine,
    EditSchedules,
    ManageOperators,
    EditSettings,
};

WFO_ENGINE_EXPORT QString toText(Role role); // "viewer", "operator", "admin"
WFO_ENGINE_EXPORT std::optional<Role> roleFromText(const QString &text);
WFO_ENGINE_EXPORT QString displayName(Role role); // translated
WFO_ENGINE_EXPORT QString toText(Permission permission); // "start", "resume", ...
WFO_ENGINE_EXPORT QString displayName(Permission permission); // translated: "start workflows"
// The least role that has the permission.
WFO_ENGINE_EXPORT Role requiredRole(Permission permission);
// Whether `role` (nothing: not an enabled operator) may use `permission` where `needed` is the
// least role the target asks for (a workflow may ask for more than the permission does).
WFO_ENGINE_EXPORT bool isAllowed(std::optional<Role> role, Permission permission,
                                 Role needed = Role::Viewer);
// Why `actor` may not: which permission is missing and which role has it, translated; empty
// when it may. The engine refuses with it and the console shows it on disabled actions.
WFO_ENGINE_EXPORT QString refusalMessage(const QString &actor, std::optional<Role> role,
                                         Permission permission, Role needed = Role::Viewer);
// Why `actor` may not use `permission` through a connection whose database role may only read
// (a PostgreSQL viewer's login, docs/operators.md).
WFO_ENGINE_EXPORT QString readOnlyRefusal(const QString &actor, Permission permission);

} // namespace wfo
