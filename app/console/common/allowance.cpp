#include "allowance.h"

#include <QAction>
#include <QVariant>
#include <QWidget>

namespace wfo::console {

namespace {

constexpr const char *AllowedToolTip = "wfoAllowedToolTip";

// The tooltip the object has when allowed, remembered the first time it is disabled.
template<typename Object>
QString allowedToolTip(Object *object)
{
    const QVariant stored = object->property(AllowedToolTip);
    if (stored.isValid())
        return stored.toString();
    object->setProperty(AllowedToolTip, object->toolTip());
    return object->toolTip();
}

} // namespace

void setAllowed(QWidget *widget, const QString &reason)
{
    const QString normal = allowedToolTip(widget);
    widget->setEnabled(reason.isEmpty());
    widget->setToolTip(reason.isEmpty() ? normal : reason);
    widget->setAccessibleDescription(reason);
}

void setAllowed(QAction *action, const QString &reason)
{
    const QString normal = allowedToolTip(action);
    action->setEnabled(reason.isEmpty());
    action->setToolTip(reason.isEmpty() ? normal : reason);
}

void setBusy(QWidget *widget)
{
    allowedToolTip(widget);
    widget->setEnabled(false);
}

QString firstReason(const QString &a, const QString &b, const QString &c)
{
    return !a.isEmpty() ? a : !b.isEmpty() ? b : c;
}

} // namespace wfo::console
