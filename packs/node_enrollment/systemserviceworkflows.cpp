#include "systemserviceworkflows.h"

#include "enrollmentworkflows.h"

#include "domain/subscriptionmodel.h"
#include "forms/core/formgenerator.h"
#include "services/subscriptionsteps.h"
#include "store/subscriptionrepository.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::nodeenrollment {

namespace {

const QStringList UsableEnrollmentStatuses {u"provisioning"_s, u"active"_s};

forms::FormGenerator createForm()
{
    return [](forms::FormSession &session) -> QJsonObject {
        forms::PickerFilter filter;
        filter.tags = {QString::fromLatin1(EnrollmentTag)};
        filter.statuses = UsableEnrollmentStatuses;
        // Enrollments that have a service already are shown, disabled, with the reason: read
        // each time the page is made, so the picker never offers one that is taken meanwhile.
        if (const store::Database *database = store::CurrentDatabase::get()) {
            const QMap<QString, QString> used = store::SubscriptionRepository(*database).usedOfTag(
                QString::fromLatin1(EnrollmentTag), {u"terminated"_s});
            for (auto it = used.cbegin(); it != used.cend(); ++it)
                filter.unavailable.insert(it.key(), SystemServiceWorkflows::hasService(it.value()));
        }
        forms::FormPage page(
            QCoreApplication::translate("wfo::nodeenrollment::SystemServiceWorkflows",
                                        "Node System Service"),
            {forms::Field::customer(u"customer_id"_s)
                 .label(QCoreApplication::translate("wfo::nodeenrollment::SystemServiceWorkflows",
                                                    "Customer")),
             forms::Field::subscription(u"node_subscription_id"_s)
                 .label(QCoreApplication::translate("wfo::nodeenrollment::SystemServiceWorkflows",
                                                    "Node enrollment"))
                 .description(
                     QCoreApplication::translate("wfo::nodeenrollment::SystemServiceWorkflows",
                                                 "The enrolled node the service runs on."))
                 .filter(filter)});
        // The picker only offers suitable enrollments; an id typed in is checked here.
        page.validator([](const QJsonObject &values) {
            forms::ValidationErrors errors;
            const store::Database *database = store::CurrentDatabase::get();
            const QString id = values.value(u"node_subscription_id").toString();
            if (database && !id.isEmpty()) {
                const QString why = SystemServiceWorkflows::refusal(*database, id);
                if (!why.isEmpty())
                    errors.append({QJsonArray {u"node_subscription_id"_s}, why, u"value_error"_s});
            }
            return errors;
        });
        session.page(page);
        return QJsonObject();
    };
}

Step constructModel()
{
    return step(u"Construct Node System Service model"_s, [](const StepContext &context) {
        const QString enrollmentId = context.get<QString>(u"node_subscription_id");
        if (context.database()) {
            const QString why = SystemServiceWorkflows::refusal(*context.database(), enrollmentId);
            if (!why.isEmpty())
                throw StepError(why);
        }
        const QJsonObject enrollment = subscriptions::load(context, enrollmentId);
        // The enrollment's own block, with its owner: saving makes this service depend on it.
        const QJsonObject ne = enrollment.value(u"ne").toObject();
        const InventoryNode node = EnrollmentWorkflows::nodeOf(ne);
        QJsonObject subscription = subscriptions::create(context, context.get<QString>(u"product"),
                                                         context.get<QString>(u"customer_id"));
        const QString description = u"Node %1 System Service"_s.arg(node.name);
        subscription.insert(u"description"_s, description);
        subscription.insert(
            u"nss"_s,
            subscriptions::newBlock(
                QString::fromLatin1(SystemServiceBlock),
                {{u"service_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                 {u"node"_s, ne}}));
        return QJsonObject {{u"subscription"_s, subscription},
                            {u"subscription_id"_s, subscription.value(u"subscription_id")},
                            {u"subscription_description"_s, description},
                            {u"node_name"_s, node.name}};
    });
}

} // namespace

QString SystemServiceWorkflows::hasService(const QString &serviceDescription)
{
    return tr("The node has a system service already: %1.").arg(serviceDescription);
}

QString SystemServiceWorkflows::refusal(const store::Database &database,
                                        const QString &subscriptionId)
{
    store::SubscriptionRepository repository(database);
    const std::optional<QJsonObject> enrollment = repository.load(subscriptionId);
    if (!enrollment)
        return tr("There is no subscription '%1'.").arg(subscriptionId);
    if (enrollment->value(u"product").toObject().value(u"tag").toString()
        != QLatin1StringView(EnrollmentTag))
        return tr("Subscription '%1' is not a Node Enrollment.")
            .arg(enrollment->value(u"description").toString());
    const QString status = enrollment->value(u"status").toString();
    if (!UsableEnrollmentStatuses.contains(status))
        return tr("The node enrollment is %1; it must be provisioning or active.").arg(status);
    for (const QJsonValue &value : repository.inUseBy(subscriptionId)) {
        const QJsonObject user = value.toObject();
        if (user.value(u"status").toString() != "terminated"_L1)
            return hasService(user.value(u"description").toString());
    }
    return {};
}

QList<Workflow> SystemServiceWorkflows::all()
{
    return {
        createWorkflow(u"create_node_system_service"_s,
                       QT_TRANSLATE_NOOP("wfo::workflows", "Create Node System Service"),
                       createForm(), Lifecycle::Active,
                       begin >> constructModel() >> storeProcessSubscription()),
        terminateWorkflow(u"terminate_node_system_service"_s,
                          QT_TRANSLATE_NOOP("wfo::workflows", "Terminate Node System Service"), {},
                          StepList())
            .startRole(Role::Admin),
    };
}

} // namespace wfo::nodeenrollment
