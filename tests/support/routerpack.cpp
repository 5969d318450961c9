#include "routerpack.h"

#include "domain/subscriptionmodel.h"
#include "services/installation.h"
#include "services/subscriptionsteps.h"

#include <QThread>

using namespace Qt::StringLiterals;
using namespace wfo;

namespace testsupport {

QString RouterPack::name() const
{
    return u"test_pack"_s;
}

void RouterPack::install(wfo::PackContext &context)
{
    context.addProductBlock(
        {u"RouterBlock"_s,
         u"A router"_s,
         u"RTR"_s,
         {{u"hostname"_s, u"Host name"_s, requiredFrom(Lifecycle::Provisioning)},
          {u"asn"_s, u"AS number"_s, {}}},
         {}});
    context.addProductBlock({u"ServiceBlock"_s,
                             u"A service on a router"_s,
                             u"SVC"_s,
                             {{u"service_name"_s, u"Name"_s, requiredFrom(Lifecycle::Active)}},
                             {{u"router"_s, u"RouterBlock"_s, 1, 1}}});
    context.addProduct({u"Test Router"_s,
                        u"Routers"_s,
                        u"Router"_s,
                        u"TestRouter"_s,
                        {{u"vendor"_s, u"acme"_s}},
                        {{u"router"_s, u"RouterBlock"_s, 1, 1}}});
    context.addProduct({u"Test Service"_s,
                        u"Services"_s,
                        u"Service"_s,
                        u"TestService"_s,
                        {},
                        {{u"svc"_s, u"ServiceBlock"_s, 1, 1}}});
    context.addProduct({u"Lonely Product"_s, u"No workflows"_s, u"Other"_s, u"Lonely"_s, {}, {}});

    const forms::FormGenerator routerForm = [](forms::FormSession &session) {
        session.page(forms::FormPage(
            u"Router"_s,
            {forms::Field::text(u"customer_id"_s), forms::Field::text(u"hostname"_s).optional()}));
        return QJsonObject();
    };
    const Step construct = step(u"Construct router"_s, [](const StepContext &c) {
        QJsonObject sub =
            subscriptions::create(c, c.get<QString>(u"product"), c.get<QString>(u"customer_id"));
        QJsonObject block = subscriptions::newBlock(u"RouterBlock"_s);
        if (!c.value(u"hostname").toString().isEmpty())
            block.insert(u"hostname"_s, c.value(u"hostname"));
        sub.insert(u"router"_s, block);
        sub.insert(u"description"_s, u"Router %1"_s.arg(c.value(u"hostname").toString()));
        return QJsonObject {{u"subscription"_s, sub}};
    });
    context.addWorkflow(createWorkflow(u"create_test_router"_s, "Create router", routerForm,
                                       Lifecycle::Provisioning, begin >> construct),
                        u"TestRouter"_s, u"Test Router%"_s);
    const Step setAsn = step(u"Set AS number"_s, [](const StepContext &c) {
        QJsonObject sub = c.subscription();
        QJsonObject block = sub.value(u"router").toObject();
        block.insert(u"asn"_s, 64512);
        sub.insert(u"router"_s, block);
        sub.insert(u"status"_s, u"active"_s);
        return QJsonObject {{u"subscription"_s, sub}};
    });
    context.addWorkflow(
        modifyWorkflow(u"modify_test_router"_s, "Activate router", {}, begin >> setAsn),
        u"TestRouter"_s, u"Test Router%"_s);
    context.settings().usableMap.insert(u"modify_test_router"_s, {u"provisioning"_s, u"active"_s});
    const Step check = step(u"Check router"_s, [](const StepContext &) {
        QThread::msleep(checkDelayMs);
        if (validationFails)
            throw StepError(u"The router does not answer"_s);
        return QJsonObject {{u"checked"_s, true}};
    });
    context.addWorkflow(
        validateWorkflow(u"validate_test_router"_s, "Validate router", begin >> check),
        u"TestRouter"_s, u"Test Router%"_s);
    // A step that writes the subscription, then one that may fail: what a reset rewinds.
    context.addWorkflow(createWorkflow(u"create_test_router_checked"_s, "Create and check router",
                                       routerForm, Lifecycle::Provisioning,
                                       begin >> construct >> check),
                        u"TestRouter"_s, u"Test Router%"_s);
    context.addWorkflow(modifyWorkflow(u"modify_test_router_checked"_s, "Activate and check router",
                                       {}, begin >> setAsn >> check),
                        u"TestRouter"_s, u"Test Router%"_s);
    context.settings().usableMap.insert(u"modify_test_router_checked"_s,
                                        {u"provisioning"_s, u"active"_s});
    context.addWorkflow(
        terminateWorkflow(u"terminate_test_router"_s, "Terminate router", {}, StepList()),
        u"TestRouter"_s, u"Test Router%"_s);

    const Step constructService = step(u"Construct service"_s, [](const StepContext &c) {
        QJsonObject sub = subscriptions::create(c, c.get<QString>(u"product"), u"c1"_s);
        const QJsonObject router = subscriptions::load(c, c.get<QString>(u"router_id"));
        QJsonObject block =
            subscriptions::newBlock(u"ServiceBlock"_s, {{u"service_name"_s, u"web"_s}});
        block.insert(u"router"_s, router.value(u"router"));
        sub.insert(u"svc"_s, block);
        sub.insert(u"description"_s, u"Service on router"_s);
        return QJsonObject {{u"subscription"_s, sub}};
    });
    context.addWorkflow(createWorkflow(u"create_test_service"_s, "Create service", {},
                                       Lifecycle::Active, begin >> constructService),
                        u"TestService"_s, u"Test Service%"_s);
    context.addWorkflow(
        terminateWorkflow(u"terminate_test_service"_s, "Terminate service", {}, StepList()),
        u"TestService"_s, u"Test Service%"_s);
}

} // namespace testsupport
