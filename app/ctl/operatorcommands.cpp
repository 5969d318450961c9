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

int listTokens(CtlContext &context, const store::Database &database)
{
    const QJsonArray tokens = queries::OperatorQueries::tokens(database);
    if (context.json()) {
        context.out().printJson(tokens);
        return ExitOk;
    }
    if (tokens.isEmpty()) {
        context.out().print(OperatorCommands::tr(
            "No API tokens: the API answers only on the loopback address, acting as the user "
            "who serves it. Create one with 'orchestratorctl tokens create --user NAME'."));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const QJsonValue &value : tokens) {
        const QJsonObject t = value.toObject();
        const QString state = t.value(u"state").toString();
        const QString stateText = state == "revoked"_L1 ? OperatorCommands::tr("revoked")
            : state == "expired"_L1                     ? OperatorCommands::tr("expired")
                                                        : OperatorCommands::tr("active");
        const QString expires = t.value(u"expires_at").toString();
        rows.append({t.value(u"token_id").toString(), t.value(u"user_name").toString(), stateText,
                     expires.isEmpty() ? OperatorCommands::tr("never") : expires,
                     t.value(u"created_at").toString() + u' ' + t.value(u"created_by").toString(),
                     t.value(u"description").toString()});
    }
    context.out().print(
        Output::table({OperatorCommands::tr("ID"), OperatorCommands::tr("USER"),
                       OperatorCommands::tr("STATE"), OperatorCommands::tr("EXPIRES"),
                       OperatorCommands::tr("CREATED"), OperatorCommands::tr("DESCRIPTION")},
                      rows));
    return ExitOk;
}

} // namespace

int OperatorCommands::tokens(CtlContext &context, const QStringList &arguments)
{
    CommandParser parser(
        context, u"tokens"_s,
        tr("List, create or revoke the REST API's bearer tokens (admin). Each token acts as its "
           "operator, with that operator's role. A new token is printed once and only its hash "
           "is stored. Once any token exists, the API asks every request for one."));
    parser.addPositional(u"action"_s, tr("list, create or revoke."), u"list|create|revoke"_s);
    parser.addPositional(u"id"_s, tr("revoke: the token's ID (see 'tokens list')."), u"[ID]"_s);
    parser.addOption({u"user"_s, tr("create: the operator the token acts as."), tr("NAME")});
    parser.addOption({u"expires"_s,
                      tr("create: the token expires after DAYS days (default: never)."),
                      tr("DAYS")});
    parser.addOption({u"description"_s, tr("create: what the token is for."), tr("TEXT")});
    if (const std::optional<int> exit = parser.parse(arguments, 1, 2))
        return *exit;
    const QStringList positional = parser.positional();
    const QString action = positional.constFirst();
    if (action != "list"_L1 && action != "create"_L1 && action != "revoke"_L1)
        return parser.usageError(tr("Unknown tokens action '%1'.").arg(action));
    if (action == "revoke"_L1 && positional.size() < 2)
        return parser.usageError(tr("'tokens revoke' needs the token's ID."));
    if (action == "create"_L1 && parser.value(u"user"_s).trimmed().isEmpty())
        return parser.usageError(tr("'tokens create' needs --user NAME."));
    TokenRequest request;
    request.userName = parser.value(u"user"_s).trimmed();
    request.description = parser.value(u"description"_s);
    request.actor = CtlContext::actor();
    if (parser.isSet(u"expires"_s)) {
        bool ok = false;
        request.expiresDays = parser.value(u"expires"_s).toInt(&ok);
        if (!ok || request.expiresDays < 1)
            return parser.usageError(tr("--expires takes a number of days, 1 or more."));
    }

    std::unique_ptr<StoreHandle> store;
    if (const std::optional<int> exit = context.openStore(store))
        return *exit;
    try {
        if (action == "list"_L1)
            return listTokens(context, store->database());
        RunFlags flags;
        Actions actions(store->database(), &context.registry(), {}, &flags, u"ctl"_s);
        const ActionResult result = action == "create"_L1
            ? actions.createToken(request)
            : actions.revokeToken(positional.at(1), request.actor);
        if (!result.ok()) {
            context.out().error(result.message);
            return exitCodeForRefusal(result);
        }
        if (action == "revoke"_L1) {
            context.out().print(tr("Token %1 is revoked.").arg(positional.at(1).trimmed()));
            return ExitOk;
        }
        if (context.json()) {
            context.out().printJson(QJsonObject {{u"token_id"_s, result.tokenId},
                                                 {u"user_name"_s, request.userName},
                                                 {u"token"_s, result.secret}});
            return ExitOk;
        }
        context.out().print(result.secret);
        context.out().error(tr("Token %1 acts as '%2'. It is shown only now: keep it in a safe "
                               "place. Send it as 'Authorization: Bearer TOKEN'.")
                                .arg(result.tokenId, request.userName));
        return ExitOk;
    } catch (const store::StoreError &e) {
        return context.storeFailure(e);
    }
}

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
