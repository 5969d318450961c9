#include "permissions.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wfo {

QString toText(Role role)
{
    switch (role) {
    case Role::Viewer:
        return u"viewer"_s;
    case Role::Operator:
        return u"operator"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return u"viewer"_s;
}

std::optional<Role> roleFromText(const QString &text)
{
    for (const Role role : {Role::Viewer, Role::Operator, Role::Admin}) {
        if (toText(role) == text.trimmed().toLower())
            return role;
    }
    return std::nullopt;
}

QString displayName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return QCoreApplication::translate("wfo::Role", "viewer");
    case Role::Operator:
        return QCoreApplication::translate("wfo::Role", "operator");
    case Role::Admin:
        return QCoreApplication::translate("wfo::Role", "admin");
    }
    return QString();
}

QString toText(Permission permission)
{
    switch (permission) {
    case Permission::Start:
        return u"start"_s;
    case Permission::Resume:
        return u"resume"_s;
    case Permission::Abort:
        return u"abort"_s;
    case Permission::Reset:
        return u"reset"_s;
    case Permission::SetNote:
        return u"set_note"_s;
    case Permission::SetInSync:
        return u"set_in_sync"_s;
    case Permission::Skip:
        return u"skip"_s;
    case Permission::DeleteTask:
        return u"delete_task"_s;
    case Permission::PauseEngine:
        return u"pause_engine"_s;
    case Permission::EditSchedules:
        return u"edit_schedules"_s;
    case Permission::ManageOperators:
        return u"manage_operators"_s;
    case Permission::EditSettings:
        return u"edit_settings"_s;
    }
    return QString();
}

QString displayName(Permission permission)
{
    switch (permission) {
    case Permission::Start:
        return QCoreApplication::translate("wfo::Permission", "start workflows");
    case Permission::Resume:
        return QCoreApplication::translate("wfo::Permission", "resume or retry processes");
    case Permission::Abort:
        return QCoreApplication::translate("wfo::Permission", "abort processes");
    case Permission::Reset:
        return QCoreApplication::translate("wfo::Permission", "reset processes");
    case Permission::SetNote:
        return QCoreApplication::translate("wfo::Permission", "set notes");
    case Permission::SetInSync:
        return QCoreApplication::translate("wfo::Permission", "set subscriptions in sync");
    case Permission::Skip:
        return QCoreApplication::translate("wfo::Permission", "skip steps");
    case Permission::DeleteTask:
        return QCoreApplication::translate("wfo::Permission", "delete task processes");
    case Permission::PauseEngine:
        return QCoreApplication::translate("wfo::Permission", "pause and resume the engine");
    case Permission::EditSchedules:
        return QCoreApplication::translate("wfo::Permission", "edit schedules");
    case Permission::ManageOperators:
        return QCoreApplication::translate("wfo::Permission", "manage operators");
    case Permission::EditSettings:
        return QCoreApplication::translate("wfo::Permission", "edit settings");
    }
    return QString();
}

Role requiredRole(Permission permission)
{
    switch (permission) {
    case Permission::Start:
    case Permission::Resume:
    case Permission::Abort:
    case Permission::Reset:
    case Permission::SetNote:
    case Permission::SetInSync:
        return Role::Operator;
    case Permission::Skip:
    case Permission::DeleteTask:
    case Permission::PauseEngine:
    case Permission::EditSchedules:
    case Permission::ManageOperators:
    case Permission::EditSettings:
        return Role::Admin;
    }
    return Role::Admin;
}

bool isAllowed(std::optional<Role> role, Permission permission, Role needed)
{
    return role && *role >= std::max(needed, requiredRole(permission));
}

QString refusalMessage(const QString &actor, std::optional<Role> role, Permission permission,
                       Role needed)
{
    if (isAllowed(role, permission, needed))
        return QString();
    needed = std::max(needed, requiredRole(permission));
    if (role) {
        return QCoreApplication::translate("wfo::Permission",
                                           "%1 may not %2: that needs the %3 role, and %1 is %4.")
            .arg(actor, displayName(permission), displayName(needed), displayName(*role));
    }
    return QCoreApplication::translate("wfo::Permission",
                                       "'%1' is not an enabled operator of this database, so may "
                                       "not %2 (it needs the %3 role); an admin can add you with "
                                       "'orchestratorctl operators add %1 --role operator'.")
        .arg(actor, displayName(permission), displayName(needed));
}

QString readOnlyRefusal(const QString &actor, Permission permission)
{
    return QCoreApplication::translate("wfo::Permission",
                                       "This connection's database role may only read, so %1 may "
                                       "not %2 here; ask an admin for a role that may write "
                                       "('orchestratorctl operators grant-sql').")
        .arg(actor, displayName(permission));
}

} // namespace wfo
