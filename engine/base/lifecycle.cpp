#include "lifecycle.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo {

QString toText(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Initial:
        return u"initial"_s;
    case Lifecycle::Provisioning:
        return u"provisioning"_s;
    case Lifecycle::Active:
        return u"active"_s;
    case Lifecycle::Migrating:
        return u"migrating"_s;
    case Lifecycle::Disabled:
        return u"disabled"_s;
    case Lifecycle::Terminated:
        return u"terminated"_s;
    }
    return {};
}

QStringList lifecycleNames()
{
    return {u"initial"_s,   u"provisioning"_s, u"active"_s,
            u"migrating"_s, u"disabled"_s,     u"terminated"_s};
}

std::optional<Lifecycle> lifecycleFromString(QStringView text)
{
    const QStringList names = lifecycleNames();
    for (int i = 0; i < names.size(); ++i) {
        if (text.compare(names.at(i), Qt::CaseInsensitive) == 0)
            return Lifecycle(i);
    }
    return std::nullopt;
}

QString displayName(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Initial:
        return QCoreApplication::translate("wfo::Lifecycle", "Initial");
    case Lifecycle::Provisioning:
        return QCoreApplication::translate("wfo::Lifecycle", "Provisioning");
    case Lifecycle::Active:
        return QCoreApplication::translate("wfo::Lifecycle", "Active");
    case Lifecycle::Migrating:
        return QCoreApplication::translate("wfo::Lifecycle", "Migrating");
    case Lifecycle::Disabled:
        return QCoreApplication::translate("wfo::Lifecycle", "Disabled");
    case Lifecycle::Terminated:
        return QCoreApplication::translate("wfo::Lifecycle", "Terminated");
    }
    return {};
}

} // namespace wfo
