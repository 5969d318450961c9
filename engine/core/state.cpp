#include "state.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo {

namespace {

// The keys a delta removes with `__remove_keys` (a list, or one key as text).
QStringList removedKeys(const QJsonObject &delta)
{
    const QJsonValue remove = delta.value(RemoveKeysKey);
    if (remove.isString())
        return {remove.toString()};
    QStringList keys;
    for (const QJsonValue &key : remove.toArray())
        keys.append(key.toString());
    return keys;
}

// The effect keys, which applyStepDelta keeps out of the state.
constexpr QStringView EffectKeys[] {ResumeProcessesKey, DeleteProcessesKey, StartProcessesKey};

} // namespace

void mergeState(QJsonObject &state, const QJsonObject &delta)
{
    for (auto it = delta.begin(); it != delta.end(); ++it) {
        if (it.key() != RemoveKeysKey)
            state.insert(it.key(), it.value());
    }
    for (const QString &key : removedKeys(delta))
        state.remove(key);
}

void applyStepDelta(QJsonObject &state, const QJsonObject &delta)
{
    mergeState(state, delta);
    for (QStringView key : EffectKeys)
        state.remove(key);
}

StateUndo::StateUndo(const QJsonObject &state, const QJsonObject &delta)
{
    // Every key applyStepDelta may touch: the delta's, the removed ones, the effect keys.
    for (auto it = delta.begin(); it != delta.end(); ++it) {
        if (it.key() != RemoveKeysKey)
            keep(state, it.key());
    }
    for (const QString &key : removedKeys(delta))
        keep(state, key);
    for (QStringView key : EffectKeys)
        keep(state, key.toString());
}

void StateUndo::keep(const QJsonObject &state, const QString &key)
{
    QJsonValue value = state.value(key);
    // A text read from an object refers to that object, which a change would then copy.
    if (value.isString())
        value = QJsonValue(value.toString());
    m_previous.append({key, value});
}

void StateUndo::restore(QJsonObject &state) const
{
    for (const auto &[key, value] : m_previous) {
        if (value.isUndefined())
            state.remove(key);
        else
            state.insert(key, value);
    }
}

StepError::StepError(const QString &message, ProcessStatus status)
    : std::runtime_error(message.toStdString())
    , m_message(message)
    , m_status(status)
{ }

StepContext::StepContext(const QString &processId, const QString &workflowName,
                         const QString &actor, const QJsonObject &state,
                         const store::Database *database)
    : m_processId(processId)
    , m_workflowName(workflowName)
    , m_actor(actor)
    , m_state(state)
    , m_database(database)
{ }

void StepContext::missing(QStringView key, const char *expected) const
{
    if (!m_state.contains(key)) {
        throw StepError(
            QCoreApplication::translate("wfo::StepContext", "The state has no value '%1'.")
                .arg(key));
    }
    throw StepError(
        QCoreApplication::translate("wfo::StepContext", "The state value '%1' is not a %2.")
            .arg(key, QString::fromLatin1(expected)));
}

} // namespace wfo
