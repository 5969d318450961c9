#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

int notAvailable(CtlContext &context, const QString &command)
{
    context.out().error(
        DomainCommands::tr("'%1' is not available yet: this build has no products and "
                           "subscriptions.")
            .arg(command));
    return ExitError;
}

} // namespace

int DomainCommands::products(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"products"_s, tr("List the products."));
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    return notAvailable(context, u"products"_s);
}

int DomainCommands::subscriptions(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"subscriptions"_s, tr("List the subscriptions."));
    parser.addOption({ u"search"_s, tr("Only subscriptions matching Q."), tr("Q") });
    parser.addOption({ u"status"_s, tr("Only subscriptions in lifecycle status S."), tr("S") });
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    return notAvailable(context, u"subscriptions"_s);
}

int DomainCommands::subscription(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"subscription"_s,
                         tr("Show a subscription with its available and blocked workflows."));
    parser.addPositional(u"subscription_id"_s, tr("The subscription."), u"SUBSCRIPTION_ID"_s);
    if (const std::optional<int> exit = parser.parse(arguments, 1, 1))
        return *exit;
    return notAvailable(context, u"subscription"_s);
}

} // namespace wfo::ctl
