#include "state.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace wfo {

void mergeState(QJsonObject &state, const QJsonObject &delta)
{
    for (auto it = delta.begin(); it != delta.end(); ++it) {
        if (it.key() != RemoveKeysKey)
            state.insert(it.key(), it.value());
    }
    const QJsonValue remove = delta.value(RemoveKeysKey);
    if (remove.isArray()) {
        for (const QJsonValue &key : remove.toArray())
            state.remove(key.toString());
    } else if (remove.isString()) {
        state.remove(remove.toString());
    }
}

void applyStepDelta(QJsonObject &state, const QJsonObject &delta)
{
    mergeState(state, delta);
    for (QStringView key : {ResumeProcessesKey, DeleteProcessesKey, StartProcessesKey})
        state.remove(key);
}

StateUndo::StateUndo(const QJsonObject &state, const QJsonObject &delta)
{
    // Every key applyStepDelta may touch: the delta's, the removed ones, the effect keys.
    for (auto it = delta.begin(); it != delta.end(); ++it) {
        if (it.key() != RemoveKeysKey)
            keep(state, it.key());
    }
    const QJsonValue remove = delta.value(RemoveKeysKey);
    if (remove.isArray()) {
        for (const QJsonValue &key : remove.toArray())
            keep(state, key.toString());
    } else if (remove.isString()) {
        keep(state, remove.toString());
    }
    for (QStringView key : {ResumeProcessesKey, DeleteProcessesKey, StartProcessesKey})
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
