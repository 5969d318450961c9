#pragma once
// The form gallery: a dialog with one page holding every field type, for developers to see
// every widget at once (console: Help > Form gallery, or --form-gallery) and for tests.

#include "wfo_formwidgets_export.h"

class QWidget;

namespace wfo::forms {

class FormDialog;
class PickerProvider;

// Without a provider the pickers use sample entries owned by the dialog.
WFO_FORMWIDGETS_EXPORT FormDialog *createFormGalleryDialog(PickerProvider *provider = nullptr,
                                                           QWidget *parent = nullptr);
// Shows the gallery without blocking; it deletes itself when closed. When submitted, it shows
// the collected answers as JSON.
WFO_FORMWIDGETS_EXPORT FormDialog *showFormGallery(QWidget *parent = nullptr,
                                                   PickerProvider *provider = nullptr);

} // namespace wfo::forms
