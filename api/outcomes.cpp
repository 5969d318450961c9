#include "outcomes.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

bool Outcomes::hasNext(const forms::FormPage &page)
{
    for (const forms::Field &field : page.fields()) {
        if (field.type() == forms::FieldType::Summary)
            return false;
    }
    return true;
}

QJsonObject Outcomes::refusalJson(const Refusal &refusal)
{
    return {{u"code"_s, refusal.code},
            {u"message"_s, refusal.message},
            {u"details"_s, refusal.details}};
}

ApiResponse Outcomes::formNotComplete(const forms::FormPage &page, bool hasNext)
{
    return ApiResponse::json(
        QJsonObject {{u"type"_s, u"FormNotCompleteError"_s},
                     {u"detail"_s, tr("The form needs more input: %1").arg(page.title())},
                     {u"form"_s, page.toJsonSchema()},
                     {u"meta"_s, QJsonObject {{u"hasNext"_s, hasNext}}},
                     {u"title"_s, u"Form not complete"_s},
                     {u"status"_s, 510}},
        510);
}

ApiResponse Outcomes::formNotValid(const forms::ValidationErrors &errors)
{
    QStringList lines;
    for (const forms::ValidationError &error : errors)
        lines.append(error.field().isEmpty() ? error.msg : error.field() + u": "_s + error.msg);
    return ApiResponse::json(
        QJsonObject {
            {u"type"_s, u"FormValidationError"_s},
            {u"detail"_s,
             tr("%n validation error(s): %1", nullptr, errors.size()).arg(lines.join(u"; "_s))},
            {u"title"_s, u"Form not valid"_s},
            {u"validation_errors"_s, forms::toJson(errors)},
            {u"status"_s, 400}},
        400);
}

ApiResponse Outcomes::response(const ActionResult &result, const ApiResponse &ok)
{
    using Outcome = ActionResult::Outcome;
    switch (result.outcome) {
    case Outcome::Ok:
        return ok;
    case Outcome::UnknownWorkflow:
    case Outcome::UnknownProcess:
        return ApiResponse::problem(404, result.message);
    case Outcome::NotAllowed:
        return ApiResponse::problem(409, result.message);
    case Outcome::NeedsInput:
        return formNotComplete(result.form.page, hasNext(result.form.page));
    case Outcome::InvalidInput:
        if (result.form.errors.isEmpty())
            return ApiResponse::problem(400, result.message);
        return formNotValid(result.form.errors);
    case Outcome::Blocked:
        if (result.refusal.code.endsWith(u".not_found"))
            return ApiResponse::problem(404, result.message,
                                        {{u"reason"_s, refusalJson(result.refusal)}});
        return ApiResponse::problem(412, result.message,
                                    {{u"reason"_s, refusalJson(result.refusal)}});
    case Outcome::NotPermitted:
        return ApiResponse::problem(403, result.message,
                                    {{u"reason"_s, refusalJson(result.refusal)}});
    case Outcome::Failed:
        break;
    }
    return ApiResponse::problem(
        500, result.message.isEmpty() ? tr("The action failed.") : result.message);
}

} // namespace wfo::api
