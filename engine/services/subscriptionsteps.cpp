#include "subscriptionsteps.h"

#include "domain/subscriptionmodel.h"
#include "store/timestamps.h"

#include <QCoreApplication>
#include <QDate>

using namespace Qt::StringLiterals;

namespace wfo {

namespace {

QJsonObject unsyncStep(const StepContext &context, bool checked)
{
    // Always the stored subscription: the state may hold an older copy.
    const QString id = context.has(u"subscription_id")
        ? context.get<QString>(u"subscription_id")
        : context.subscription().value(u"subscription_id").toString();
    QJsonObject subscription = subscriptions::load(context, id);
    if (checked && !subscription.value(u"insync").toBool())
        throw StepError(QCoreApplication::translate("wfo::subscriptions",
                                                    "The subscription is out of sync already: "
                                                    "another workflow is changing it."));
    QJsonObject old = context.value(u"__old_subscriptions__").toObject();
    old.insert(id, subscription);
    subscription.insert(u"insync"_s, false);
    return QJsonObject {{u"subscription"_s, subscription},
                        {u"subscription_id"_s, id},
                        {u"__old_subscriptions__"_s, old}};
}

} // namespace

Step storeProcessSubscription()
{
    // The engine links the process and its subscription whenever a step commits one; this
    // step marks the point in the log, as operators know it.
    return step(u"Store process subscription"_s, [](const StepContext &) { return QJsonObject(); });
}

Step unsync()
{
    return step(u"Unsync subscription"_s,
                [](const StepContext &context) { return unsyncStep(context, true); });
}

Step unsyncUnchecked()
{
    return step(u"Unsync subscription"_s,
                [](const StepContext &context) { return unsyncStep(context, false); });
}

Step resync()
{
    return step(u"Resync subscription"_s, [](const StepContext &context) {
        QJsonObject subscription = subscriptions::current(context);
        subscription.insert(u"insync"_s, true);
        return QJsonObject {{u"subscription"_s, subscription}};
    });
}

Step setStatus(Lifecycle status)
{
    return step(u"Set subscription status to %1"_s.arg(toText(status)),
                [status](const StepContext &context) {
                    QJsonObject subscription = subscriptions::current(context);
                    subscription.insert(u"status"_s, toText(status));
                    const QString today = QDate::currentDate().toString(Qt::ISODate);
                    if (status == Lifecycle::Active && subscription.value(u"start_date").isNull())
                        subscription.insert(u"start_date"_s, today);
                    if (status == Lifecycle::Terminated)
                        subscription.insert(u"end_date"_s, today);
                    return QJsonObject {{u"subscription"_s, subscription}};
                });
}

Workflow createWorkflow(const QString &name, const char *description,
                        const forms::FormGenerator &form, Lifecycle status, const StepList &steps)
{
    Workflow workflow(name, Target::Create, description,
                      begin >> init() >> steps >> setStatus(status) >> resync() >> done());
    workflow.initialForm(form);
    return workflow;
}

Workflow modifyWorkflow(const QString &name, const char *description,
                        const forms::FormGenerator &form, const StepList &steps)
{
    Workflow workflow(name, Target::Modify, description,
                      begin >> init() >> storeProcessSubscription() >> unsync() >> steps >> resync()
                          >> done());
    workflow.initialForm(form);
    return workflow;
}

Workflow terminateWorkflow(const QString &name, const char *description,
                           const forms::FormGenerator &form, const StepList &steps)
{
    Workflow workflow(name, Target::Terminate, description,
                      begin >> init() >> storeProcessSubscription() >> unsync() >> steps
                          >> setStatus(Lifecycle::Terminated) >> resync() >> done());
    workflow.initialForm(form);
    return workflow;
}

Workflow validateWorkflow(const QString &name, const char *description, const StepList &steps)
{
    return Workflow(name, Target::Validate, description,
                    begin >> init() >> storeProcessSubscription() >> unsyncUnchecked() >> steps
                        >> resync() >> done());
}

} // namespace wfo
