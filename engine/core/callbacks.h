#pragma once
// Callback steps' bookkeeping (docs/architecture.md, "Callback steps"): the route and its
// token, what the state keeps to check a token (a hash, never the token alone), the deadline,
// and the housekeeping that fails processes whose callback did not come in time.

#include "processrunner.h"
#include "step.h"
#include "wfo_engine_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace wfo {

class WFO_ENGINE_EXPORT Callbacks
{
public:
    // State keys; the first two are orchestrator-core's.
    static constexpr QStringView ProgressKey = u"callback_progress";
    static constexpr QStringView TimeoutKey = u"__callback_timeout"; // seconds
    static constexpr QStringView TokenHashKey = u"__callback_token_hash";
    static constexpr QStringView DeadlineKey = u"__callback_deadline"; // store::Timestamps text
    static constexpr QStringView ResultKeyKey = u"__callback_result_key";
    static constexpr QStringView RouteKeyKey = u"__callback_route_key";

    // A fresh token: 32 bytes from the system's random source, base64url without padding.
    static QString newToken();
    static QString route(const QString &processId, const QString &token);
    // The state a callback step adds before its action runs: the route under
    // `options.routeKey`, the token's hash, the timeout and deadline, where the result goes.
    static QJsonObject endpointState(const QString &processId, const CallbackOptions &options,
                                     const QDateTime &now, QString *token = nullptr);
    // The keys to drop once the callback came (the token no longer opens anything).
    static QJsonArray spentKeys();
    // Whether `token` is the one the state's hash was made of; compares in constant time.
    static bool tokenMatches(const QJsonObject &state, const QString &token);
    // "No callback within 5 minutes." (translated), for a timeout of `seconds`.
    static QString timeoutMessage(int seconds);

    // Fails every process awaiting a callback past its deadline, each in its own write
    // transaction that changes the row only while it still awaits (so one engine does it,
    // once). The failed row is logged at the callback step, so a retry runs it again with a
    // new token. Returns the ids it failed. Throws store::StoreError.
    static QStringList expireOverdue(const RunnerContext &context, const QDateTime &now);
};

} // namespace wfo
