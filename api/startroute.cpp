// POST /api/processes/{workflow_key}: start a workflow with a list of page inputs, as
// orchestrator-core does. Like core's wrapped initial forms, a create workflow first asks for
// the product (only when it serves several; a `product` in the first page is taken either way)
// and a workflow on a subscription first asks for `subscription_id`; then the workflow's own
// pages follow. A page that still needs an answer is a 510 with its JSON schema.
#include "apiserver.h"
#include "outcomes.h"
#include "routehelpers.h"

#include "forms/core/field.h"
#include "queries/restviews.h"

using namespace Qt::StringLiterals;

namespace wfo::api {

namespace {

forms::FormPage productPage(const QJsonArray &products)
{
    QList<forms::Choice> choices;
    for (const QJsonValue &row : products) {
        const QJsonObject product = row.toObject();
        choices.append(
            {product.value(u"product_id").toString(), product.value(u"name").toString()});
    }
    return forms::FormPage(
        QCoreApplication::translate("wfo::api::ApiServer", "Product"),
        {forms::Field::choice(u"product"_s, choices)
             .label(QCoreApplication::translate("wfo::api::ApiServer", "Product"))});
}

forms::FormPage subscriptionPage()
{
    return forms::FormPage(
        QCoreApplication::translate("wfo::api::ApiServer", "Subscription"),
        {forms::Field::uuid(u"subscription_id"_s)
             .label(QCoreApplication::translate("wfo::api::ApiServer", "Subscription"))});
}

ApiResponse inputError(const QString &field, const QString &message)
{
    forms::ValidationError error;
    error.loc = QJsonArray {field};
    error.msg = message;
    error.type = u"value_error"_s;
    return Outcomes::formNotValid({error});
}

} // namespace

void ApiServer::addStartRoute()
{
    m_router.add("POST"_ba, u"/api/processes/{workflow_key}"_s, [this](const ApiRequest &request) {
        ApiResponse problem;
        std::optional<QJsonArray> inputs = parseUserInputs(request.body, &problem);
        if (!inputs)
            return ready(problem);
        const QString key = request.param(u"workflow_key"_s);
        const WorkflowPtr workflow = m_engine->registry()->find(key);
        if (!workflow)
            return ready(ApiResponse::problem(404, tr("Workflow '%1' does not exist.").arg(key)));
        if (enginePaused())
            return ready(ApiResponse::problem(503, engineLocked()));

        StartRequest start;
        start.workflow = workflow->name();
        start.actor = request.actor;
        const QString leading = workflow->target() == Target::Create ? u"product"_s
            : workflow->isTask()                                     ? QString()
                                                                     : u"subscription_id"_s;
        const QJsonObject first = inputs->isEmpty() ? QJsonObject() : inputs->first().toObject();
        if (!leading.isEmpty() && first.contains(leading)) {
            const QJsonValue value = first.value(leading);
            if (!value.isString() || value.toString().isEmpty())
                return ready(inputError(leading, tr("Input should be a valid UUID or name.")));
            start.initialState.insert(leading, value);
            inputs->removeFirst();
        }
        start.userInputs = *inputs;

        return m_engine->start(start)
            .then(
                this,
                [this,
                 name = workflow->name()](const ActionResult &result) -> QFuture<ApiResponse> {
                    if (result.outcome == ActionResult::Outcome::Blocked) {
                        const QString code = result.refusal.code;
                        if (code == "product.required"_L1)
                            return read([name](const store::Database &database) {
                                return Outcomes::formNotComplete(
                                    productPage(
                                        queries::RestViews::productsOfWorkflow(database, name)),
                                    true);
                            });
                        if (code == "subscription.required"_L1)
                            return ready(Outcomes::formNotComplete(subscriptionPage(), true));
                        if (code == "product.not_found"_L1 || code == "workflow.not_for_product"_L1)
                            return ready(inputError(u"product"_s, result.message));
                        if (code == "subscription.not_found"_L1)
                            return ready(inputError(u"subscription_id"_s, result.message));
                    }
                    return ready(Outcomes::response(
                        result, ApiResponse::json(QJsonObject {{u"id"_s, result.processId}}, 201)));
                })
            .unwrap();
    });
}

} // namespace wfo::api
