#pragma once
// The one place where the action side's outcomes become HTTP status codes and bodies, as
// orchestrator-core answers them (docs/api.md, "Status codes"):
//   Ok 2xx · UnknownWorkflow, UnknownProcess 404 · NotAllowed 409 · NeedsInput 510 (the next
//   page, pydantic-forms' FormNotCompleteError) · InvalidInput 400 (FormValidationError) ·
//   Blocked 412 (404 for an unknown product or subscription) · NotPermitted 403 · Failed 500.

#include "apimessage.h"
#include "wfo_api_export.h"

#include "core/actionresult.h"
#include "forms/core/formgenerator.h"

#include <QCoreApplication>

namespace wfo::api {

class WFO_API_EXPORT Outcomes
{
    Q_DECLARE_TR_FUNCTIONS(wfo::api::Outcomes)

public:
    // `ok` is the answer when the action was taken.
    static ApiResponse response(const ActionResult &result, const ApiResponse &ok);
    // 510 with {"form": <JSON schema of the page>, "meta": {"hasNext": bool}, ...}.
    static ApiResponse formNotComplete(const forms::FormPage &page, bool hasNext);
    // 400 with {"validation_errors": [{loc, msg, type}], ...}.
    static ApiResponse formNotValid(const forms::ValidationErrors &errors);
    // Whether a page is followed by another: pydantic-forms knows it from the page class
    // (SubmitFormPage); we take a page with a summary to be the last one.
    static bool hasNext(const forms::FormPage &page);
    static QJsonObject refusalJson(const Refusal &refusal);
};

} // namespace wfo::api
