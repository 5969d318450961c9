#include "definitions.h"

namespace wfo {

QList<Lifecycle> requiredFrom(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Initial:
        return {Lifecycle::Initial, Lifecycle::Provisioning, Lifecycle::Active,
                Lifecycle::Migrating, Lifecycle::Disabled};
    case Lifecycle::Provisioning:
        return {Lifecycle::Provisioning, Lifecycle::Active, Lifecycle::Migrating,
                Lifecycle::Disabled};
    case Lifecycle::Active:
        return {Lifecycle::Active, Lifecycle::Migrating, Lifecycle::Disabled};
    case Lifecycle::Migrating:
        return {Lifecycle::Migrating};
    case Lifecycle::Disabled:
        return {Lifecycle::Disabled};
    case Lifecycle::Terminated:
        return {};
    }
    return {};
}

} // namespace wfo
