#pragma once
// Sample forms: the gallery (one page with every field type, for developers and tests) and a
// small branching wizard (for the documentation and the dialog's tests).

#include "formgenerator.h"
#include "wfo_forms_export.h"

namespace wfo::forms {

// Identifiers the gallery's pickers use; a picker provider offering them makes the gallery
// submittable.
WFO_FORMS_EXPORT QString galleryProductId();
WFO_FORMS_EXPORT QString gallerySubscriptionId();
WFO_FORMS_EXPORT QString galleryCustomerId();

WFO_FORMS_EXPORT FormPage galleryPage();
WFO_FORMS_EXPORT FormGenerator galleryGenerator();

// Three pages: the node, then either a rack position (sites "ams*") or a remote hands contact,
// then a confirmation with a summary and an accept checklist. Page 1 has a page-level check:
// the node name must start with the site code.
WFO_FORMS_EXPORT FormGenerator exampleWizardGenerator();

} // namespace wfo::forms
