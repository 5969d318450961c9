#include "commandparser.h"
#include "commands.h"
#include "ctlcontext.h"

#include "core/actions.h"
#include "queries/operators.h"
#include "store/postgresqlroles.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

int listOperators(CtlContext &context, const store::Database &database)
{
    const QJsonArray operators = queries::OperatorQueries::operators(database);
    if (context.json()) {
        context.out().printJson(operators);
        return ExitOk;
    }
    if (operators.isEmpty()) {
        context.out().print(OperatorCommands::tr(
            "No operators are defined: everyone acts as admin. Add the first with "
            "'orchestratorctl operators add NAME --role admin'."));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : operators) {
        const QJsonObject o = value.toObject();
        rows.append({o.value(u"user_name").toString(), o.value(u"display_name").toString(),
                     o.value(u"role").toString(),
                     o.value(u"enabled").toBool() ? OperatorCommands::tr("yes")
                                                  : OperatorCommands::tr("no")});
    }
    context.out().print(
        Output::table({OperatorCommands::tr("USER"), OperatorCommands::tr("NAME"),
                       OperatorCommands::tr("ROLE"), OperatorCommands::tr("ENABLED")},
                      rows));
    return ExitOk;
}

} // namespace

int OperatorCommands::operators(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"operators"_s,
                         tr("List the operators, or add, change or disable one (admin). While no "
                            "operator is defined everyone acts as admin; once one is, users not "
                            "in the list are refused. 'grant-sql' prints the PostgreSQL roles "
                            "and GRANTs that make the database refuse what a role may not do."));
    parser.addPositional(u"action"_s, tr("list, add, set, disable or grant-sql."),
                         u"list|add|set|disable|grant-sql"_s);
    parser.addPositional(u"name"_s, tr("The operator's user name."), u"[NAME]"_s);
    parser.addOption({u"role"_s, tr("viewer, operator or admin."), tr("ROLE")});
    parser.addOption({u"display-name"_s, tr("The operator's full name."), tr("TEXT")});
    parser.addOption({u"schema"_s,
                      tr("grant-sql: the PostgreSQL schema of the tables (default public)."),
                      tr("NAME"), u"public"_s});
    if (const std::optional<int> exit = parser.parse(arguments, 1, 2))
        return *exit;
    const QStringList positional = parser.positional();
    if (positional.constFirst() == "grant-sql"_L1) {
        // Needs no database: the script is run by the tables' owner, e.g. with psql.
        context.out().print(store::PostgresqlRoles::grantScript(parser.value(u"schema"_s)));
        return ExitOk;
    }
    const QString action = positional.constFirst();
    if (action != "list"_L1 && action != "add"_L1 && action != "set"_L1 && action != "disable"_L1)
        return parser.usageError(tr("Unknown operators action '%1'.").arg(action));
    if (action != "list"_L1 && positional.size() < 2)
        return parser.usageError(tr("'operators %1' needs the operator's user name.").arg(action));

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        if (action == "list"_L1)
            return listOperators(context, store->database());
        const QString name = positional.at(1).trimmed();
        const QJsonArray known = queries::OperatorQueries::operators(store->database());
        QJsonObject current;
        for (const QJsonValue &value : known) {
            if (value.toObject().value(u"user_name").toString() == name)
                current = value.toObject();
        }
        if (action != "add"_L1 && current.isEmpty()) {
            context.out().error(tr("There is no operator '%1'.").arg(name));
            return ExitError;
        }
        std::optional<Role> role = roleFromText(current.value(u"role").toString());
        if (parser.isSet(u"role"_s)) {
            role = roleFromText(parser.value(u"role"_s));
            if (!role)
                return parser.usageError(tr("'%1' is not a role; use viewer, operator or admin.")
                                             .arg(parser.value(u"role"_s)));
        } else if (action == "add"_L1 || action == "set"_L1) {
            return parser.usageError(tr("'operators %1' needs --role.").arg(action));
        }
        RunFlags flags;
        Actions actions(store->database(), &context.registry(), {}, &flags, u"ctl"_s);
        const ActionResult result =
            actions.saveOperator({name, parser.value(u"display-name"_s), *role,
                                  action != "disable"_L1, action, CtlContext::actor()});
        if (!result.ok()) {
            context.out().error(result.message);
            return exitCodeForRefusal(result);
        }
        return listOperators(context, store->database());
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

int OperatorCommands::audit(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(context, u"audit"_s,
                         tr("Show the audit trail: every operator action, allowed or refused, "
                            "newest first."));
    parser.addOption(
        {u"since"_s, tr("Only actions at or after T (YYYY-MM-DD or a timestamp)."), tr("T")});
    parser.addOption({u"actor"_s, tr("Only actions of operator A."), tr("A")});
    parser.addOption(
        {u"target"_s, tr("Only actions on process, subscription or operator ID."), tr("ID")});
    parser.addOption({u"limit"_s, tr("At most N rows (default 1000)."), tr("N"), u"1000"_s});
    if (const std::optional<int> exit = parser.parse(arguments, 0, 0))
        return *exit;
    queries::AuditQueryFilter filter;
    filter.since = parser.value(u"since"_s);
    filter.actor = parser.value(u"actor"_s);
    filter.targetId = parser.value(u"target"_s).toLower();
    bool ok = false;
    filter.limit = parser.value(u"limit"_s).toInt(&ok);
    if (!ok || filter.limit < 1)
        return parser.usageError(tr("--limit takes a positive number."));
    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        const QJsonArray rows = queries::OperatorQueries::auditTrail(store->database(), filter);
        if (context.json()) {
            context.out().printJson(rows);
            return ExitOk;
        }
        QList<QStringList> table;
        for (const QJsonValue &value : rows) {
            const QJsonObject r = value.toObject();
            table.append(
                {r.value(u"at").toString(), r.value(u"actor").toString(),
                 r.value(u"origin").toString(), r.value(u"action").toString(),
                 r.value(u"target_kind").toString() + u' ' + r.value(u"target_id").toString(),
                 r.value(u"allowed").toBool() ? tr("allowed") : tr("refused")});
        }
        context.out().print(Output::table(
            {tr("WHEN"), tr("WHO"), tr("FROM"), tr("ACTION"), tr("TARGET"), tr("RESULT")}, table));
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

} // namespace wfo::ctl
