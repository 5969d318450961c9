#pragma once
// Actions an operator may not take stay visible but disabled, with the reason (a missing role,
// or the state of what they act on) as tooltip and accessible description, so that the
// operator sees why and a screen reader says it. The tooltip an action has when it is allowed is
// kept and comes back when it is allowed again.

#include <QString>

class QAction;
class QWidget;

namespace wfo::console {

// Enables `widget` when `reason` is empty; otherwise disables it and explains why.
void setAllowed(QWidget *widget, const QString &reason);
void setAllowed(QAction *action, const QString &reason);
// The same, disabled without a reason (for example while an action runs).
void setBusy(QWidget *widget);

// The first non-empty reason: a missing role outranks the state of the target.
QString firstReason(const QString &a, const QString &b, const QString &c = {});

} // namespace wfo::console
