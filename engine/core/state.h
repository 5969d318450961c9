#pragma once
// Process state: a JSON object. Steps read typed values from it through StepContext and return
// a JSON object that the engine merges shallowly into it; keys only disappear when a step
// returns `__remove_keys: [...]`.

#include "base/status.h"
#include "wfo_engine_export.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <stdexcept>
#include <type_traits>

namespace wfo {

namespace store {
class Database;
}

inline constexpr QStringView RemoveKeysKey = u"__remove_keys";
// Keys by which the built-in tasks ask the engine for effects in their step's transaction; they
// stay in the step's logged delta but never in the state.
inline constexpr QStringView ResumeProcessesKey = u"__resume_processes";
inline constexpr QStringView DeleteProcessesKey = u"__delete_processes";
inline constexpr QStringView StartProcessesKey = u"__start_processes";

// Merges `delta` into `state` (shallow); honours `__remove_keys`, which itself is not stored.
WFO_ENGINE_EXPORT void mergeState(QJsonObject &state, const QJsonObject &delta);
// What a logged step does to its process's state: the merge, without the effect keys. Replaying
// the deltas of the step log over the initial state gives the state at any point (a reset).
WFO_ENGINE_EXPORT void applyStepDelta(QJsonObject &state, const QJsonObject &delta);

// The values applyStepDelta(state, delta) replaces or removes, to put them back: the engine
// keeps this, not a copy of the whole state, while a step is stored, because changing a state
// that a copy shares copies all of it (docs/performance.md, "Engine").
class WFO_ENGINE_EXPORT StateUndo
{
public:
    StateUndo() = default;
    StateUndo(const QJsonObject &state, const QJsonObject &delta);
    // `state` as it was before the delta (after applyStepDelta, or before it: a no-op).
    void restore(QJsonObject &state) const;

private:
    void keep(const QJsonObject &state, const QString &key);
    QList<std::pair<QString, QJsonValue>> m_previous; // Undefined: the key was absent
};

// Thrown by steps to fail with a clear message. `status` lets a step say that an external API
// is unavailable or data is inconsistent (process statuses api_unavailable/inconsistent_data).
class WFO_ENGINE_EXPORT StepError : public std::runtime_error
{
public:
    explicit StepError(const QString &message, ProcessStatus status = ProcessStatus::Failed);
    QString message() const { return m_message; }
    ProcessStatus status() const { return m_status; }

private:
    QString m_message;
    ProcessStatus m_status;
};

// What a step sees of its process.
class WFO_ENGINE_EXPORT StepContext
{
public:
    StepContext(const QString &processId, const QString &workflowName, const QString &actor,
                const QJsonObject &state, const store::Database *database = nullptr);

    QString processId() const { return m_processId; }
    QString workflowName() const { return m_workflowName; }
    QString actor() const { return m_actor; } // operator name or "SYSTEM"
    const QJsonObject &state() const { return m_state; }

    bool has(QStringView key) const { return m_state.contains(key); }
    QJsonValue value(QStringView key) const { return m_state.value(key); }

    // Typed access; throws StepError naming the key when it is missing or of the wrong type.
    template<typename T>
    T get(QStringView key) const;

    // The subscription the process works on (`subscription` in the state), when there is one.
    QJsonObject subscription() const { return m_state.value(u"subscription").toObject(); }

    // The database, for reading only (this thread's connection). A step never writes: what it
    // changes goes into its returned state, which the engine commits with the step's log row.
    const store::Database *database() const { return m_database; }

private:
    [[noreturn]] void missing(QStringView key, const char *expected) const;

    QString m_processId;
    QString m_workflowName;
    QString m_actor;
    QJsonObject m_state;
    const store::Database *m_database = nullptr;
};

template<typename T>
T StepContext::get(QStringView key) const
{
    const QJsonValue v = m_state.value(key);
    if constexpr (std::is_same_v<T, bool>) {
        if (!v.isBool())
            missing(key, "boolean");
        return v.toBool();
    } else if constexpr (std::is_integral_v<T>) {
        if (!v.isDouble())
            missing(key, "integer");
        return static_cast<T>(v.toInteger());
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!v.isDouble())
            missing(key, "number");
        return static_cast<T>(v.toDouble());
    } else if constexpr (std::is_same_v<T, QString>) {
        if (!v.isString())
            missing(key, "string");
        return v.toString();
    } else if constexpr (std::is_same_v<T, QUuid>) {
        const QUuid id = QUuid::fromString(v.toString());
        if (id.isNull())
            missing(key, "UUID");
        return id;
    } else if constexpr (std::is_same_v<T, QJsonObject>) {
        if (!v.isObject())
            missing(key, "object");
        return v.toObject();
    } else if constexpr (std::is_same_v<T, QJsonArray>) {
        if (!v.isArray())
            missing(key, "list");
        return v.toArray();
    } else {
        static_assert(std::is_same_v<T, QJsonValue>, "unsupported state value type");
        if (v.isUndefined())
            missing(key, "value");
        return v;
    }
}

} // namespace wfo
