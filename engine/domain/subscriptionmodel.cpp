#include "subscriptionmodel.h"

#include "store/subscriptionrepository.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace wfo::subscriptions {

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

const store::Database &databaseOf(const StepContext &context)
{
    if (!context.database())
        throw StepError(
            QCoreApplication::translate("wfo::subscriptions", "This step needs the database."));
    return *context.database();
}

} // namespace

QJsonObject create(const StepContext &context, const QString &productId, const QString &customerId)
{
    const auto product = store::SubscriptionRepository(databaseOf(context)).findProduct(productId);
    if (!product)
        throw StepError(
            QCoreApplication::translate("wfo::subscriptions", "There is no product '%1'.")
                .arg(productId));
    return QJsonObject {{u"subscription_id"_s, newId()},
                        {u"product"_s, *product},
                        {u"customer_id"_s, customerId},
                        {u"description"_s, QString()},
                        {u"status"_s, toText(Lifecycle::Initial)},
                        {u"insync"_s, false},
                        {u"start_date"_s, QJsonValue(QJsonValue::Null)},
                        {u"end_date"_s, QJsonValue(QJsonValue::Null)},
                        {u"note"_s, QJsonValue(QJsonValue::Null)},
                        {u"version"_s, 0}};
}

QJsonObject newBlock(const QString &blockName, const QJsonObject &resources)
{
    QJsonObject block = resources;
    block.insert(u"name"_s, blockName);
    block.insert(u"subscription_instance_id"_s, newId());
    block.insert(u"label"_s, QJsonValue(QJsonValue::Null));
    return block;
}

QJsonObject load(const StepContext &context, const QString &subscriptionId)
{
    const auto model = store::SubscriptionRepository(databaseOf(context)).load(subscriptionId);
    if (!model)
        throw StepError(
            QCoreApplication::translate("wfo::subscriptions", "There is no subscription '%1'.")
                .arg(subscriptionId));
    return *model;
}

QJsonObject current(const StepContext &context)
{
    const QJsonObject inState = context.subscription();
    if (!inState.isEmpty())
        return inState;
    return load(context, context.get<QString>(u"subscription_id"));
}

} // namespace wfo::subscriptions
