#pragma once
// Asking before an operator's irreversible action without blocking: the question is a
// window-modal QMessageBox opened with open() (no nested event loop), with an object name so
// tests can find it and press its buttons.

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace wfo::console {

// Shows the question; calls `onAccept` on the GUI thread when the operator confirms.
QMessageBox *askConfirmation(QWidget *parent, const QString &objectName, const QString &title,
                             const QString &text, const QString &acceptText,
                             const std::function<void()> &onAccept);

// Tells something that is not a problem (non-blocking, an information icon).
void showInformation(QWidget *parent, const QString &title, const QString &text);

// Shows an error (non-blocking).
void showError(QWidget *parent, const QString &title, const QString &text);

} // namespace wfo::console
