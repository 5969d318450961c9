#include "processrunner.h"

#include "actions.h"
#include "callbacks.h"

#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QThread>

#include <cxxabi.h>
#include <exception>
#include <typeinfo>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRunner, "wfo.engine.runner")

namespace wfo {

using store::ProcessRecord;
using store::StepRecord;
using store::Timestamps;

namespace {

QString demangle(const char *name)
{
    int status = 0;
    char *demangled = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    QString result = QString::fromLatin1(status == 0 && demangled ? demangled : name);
    std::free(demangled);
    return result;
}

// Describes an exception and the chain of exceptions nested in it.
void describe(const std::exception &e, QString *errorClass, QString *message, QStringList *trace)
{
    const QString cls = demangle(typeid(e).name());
    const QString text = dynamic_cast<const StepError *>(&e)
        ? static_cast<const StepError &>(e).message()
        : QString::fromUtf8(e.what());
    if (errorClass->isEmpty()) {
        *errorClass = cls;
        *message = text;
    }
    trace->append(cls + u": "_s + text);
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception &nested) {
        trace->append(u"  caused by:"_s);
        describe(nested, errorClass, message, trace);
    } catch (...) {
        trace->append(u"  caused by an unknown exception"_s);
    }
}

} // namespace

// `__remove_keys` as mergeState reads it: a list of keys, or one key as a string.
QJsonArray removeKeysOf(const QJsonObject &delta)
{
    const QJsonValue keys = delta.value(RemoveKeysKey);
    return keys.isString() ? QJsonArray {keys} : keys.toArray();
}

QJsonObject combineDeltas(QJsonObject first, const QJsonObject &second)
{
    QJsonArray removed = removeKeysOf(first);
    for (auto it = second.begin(); it != second.end(); ++it) {
        if (it.key() == RemoveKeysKey)
            continue;
        first.insert(it.key(), it.value());
        for (qsizetype i = removed.size() - 1; i >= 0; --i) {
            if (removed.at(i).toString() == it.key())
                removed.removeAt(i);
        }
    }
    for (const QJsonValue &key : removeKeysOf(second)) {
        first.remove(key.toString());
        if (!removed.contains(key))
            removed.append(key);
    }
    if (removed.isEmpty())
        first.remove(RemoveKeysKey);
    else
        first.insert(RemoveKeysKey, removed);
    return first;
}

struct ProcessRunner::Outcome
{
    StepStatus stepStatus = StepStatus::Success;
    ProcessStatus processStatus = ProcessStatus::Running;
    QJsonObject delta;
    int nextSubStep = 0;
    QString errorClass;
    QString errorMessage;
    QString traceback;
};

ProcessRunner::Outcome ProcessRunner::execute(const Workflow &workflow, const Step &step,
                                              ProcessRecord &process)
{
    Outcome outcome;
    if (step.condition() && !step.condition()(process.state)) {
        outcome.stepStatus = StepStatus::Skipped;
        return outcome;
    }
    switch (step.kind()) {
    case Step::Kind::Group:
        return executeGroup(workflow, step, process);
    case Step::Kind::Callback:
        return executeCallback(workflow, step, process);
    case Step::Kind::InputStep:
        if (process.pendingInput) {
            outcome.delta = *process.pendingInput;
            process.pendingInput.reset();
        } else {
            outcome.stepStatus = StepStatus::Suspend;
            outcome.processStatus = ProcessStatus::Suspended;
        }
        return outcome;
    default:
        break;
    }

    const StepContext context(process.id, workflow.name(),
                              process.runBy.isEmpty() ? process.createdBy : process.runBy,
                              process.state, &m_context.database);
    QStringList trace;
    const store::CurrentDatabase current(&m_context.database);
    try {
        if (step.function())
            outcome.delta = step.function()(context);
        if (step.kind() == Step::Kind::Done) {
            outcome.stepStatus = StepStatus::Complete;
            outcome.processStatus = ProcessStatus::Completed;
        } else if (step.kind() == Step::Kind::Abort) {
            outcome.stepStatus = StepStatus::Abort;
            outcome.processStatus = ProcessStatus::Aborted;
        }
        return outcome;
    } catch (const StepError &e) {
        describe(e, &outcome.errorClass, &outcome.errorMessage, &trace);
        outcome.processStatus = e.status();
    } catch (const std::exception &e) {
        describe(e, &outcome.errorClass, &outcome.errorMessage, &trace);
        outcome.processStatus = ProcessStatus::Failed;
    } catch (...) {
        outcome.errorClass = u"unknown"_s;
        outcome.errorMessage = QCoreApplication::translate(
            "wfo::ProcessRunner", "The step failed with an unknown error.");
        trace.append(outcome.errorMessage);
        outcome.processStatus = ProcessStatus::Failed;
    }
    outcome.delta = {};
    outcome.traceback =
        u"Workflow %1, step %2 '%3'\n"_s.arg(workflow.name()).arg(process.nextStep).arg(step.name())
        + trace.join(u'\n');
    if (step.kind() == Step::Kind::RetryStep && outcome.processStatus == ProcessStatus::Failed) {
        outcome.stepStatus = StepStatus::Waiting;
        outcome.processStatus = ProcessStatus::Waiting;
    } else {
        outcome.stepStatus = StepStatus::Failed;
    }
    return outcome;
}

ProcessRunner::Outcome ProcessRunner::executeGroup(const Workflow &workflow, const Step &group,
                                                   ProcessRecord &process)
{
    // Sub-steps that succeeded before a failure are kept (their delta is committed with the
    // failed row), so a retry continues at the sub-step that failed.
    Outcome total;
    const QJsonObject stateBefore = process.state;
    const int first = process.nextSubStep;
    for (int i = first; i < group.children().size(); ++i) {
        const Step &child = group.children().at(i);
        Outcome sub;
        if (child.kind() == Step::Kind::Group || child.kind() == Step::Kind::InputStep
            || child.kind() == Step::Kind::Callback || child.kind() == Step::Kind::Done
            || child.kind() == Step::Kind::Abort) {
            sub.stepStatus = StepStatus::Failed;
            sub.processStatus = ProcessStatus::Failed;
            sub.errorClass = u"WorkflowDefinitionError"_s;
            sub.errorMessage =
                QCoreApplication::translate("wfo::ProcessRunner",
                                            "Step '%1' cannot be part of the step group '%2'.")
                    .arg(child.name(), group.name());
        } else {
            sub = execute(workflow, child, process);
        }
        if (sub.stepStatus == StepStatus::Failed || sub.stepStatus == StepStatus::Waiting) {
            sub.delta = total.delta;
            sub.nextSubStep = i;
            sub.errorMessage = QCoreApplication::translate("wfo::ProcessRunner",
                                                           "Step '%1' of the group failed: %2")
                                   .arg(child.name(), sub.errorMessage);
            process.state = stateBefore; // the caller merges the partial delta once
            return sub;
        }
        total.delta = combineDeltas(total.delta, sub.delta);
        mergeState(process.state, sub.delta);
    }
    process.state = stateBefore; // the caller merges the combined delta once
    return total;
}

ProcessRunner::Outcome ProcessRunner::executeCallback(const Workflow &workflow, const Step &step,
                                                      ProcessRecord &process)
{
    // docs/architecture.md, "Callback steps". Sub-step 0 runs the action with a new route and
    // rests awaiting_callback at sub-step 1; the callback (Actions::callback) resumes it with
    // the posted body as pending input; sub-step 2 is the validation, which a retry runs again
    // over the result already stored with the failed row.
    const CallbackOptions &options = step.callbackOptions();
    const Step action = step.children().value(0);
    const Step validate = step.children().value(1);
    const QJsonObject stateBefore = process.state;
    Outcome outcome;
    const auto failedIn = [&](Outcome sub, const Step &child, const QJsonObject &kept,
                              int subStep) {
        sub.delta = kept;
        sub.nextSubStep = subStep;
        sub.errorMessage = QCoreApplication::translate("wfo::ProcessRunner",
                                                       "Step '%1' of the callback step failed: %2")
                               .arg(child.name(), sub.errorMessage);
        process.state = stateBefore;
        return sub;
    };
    const auto isFailure = [](const Outcome &sub) {
        return sub.stepStatus == StepStatus::Failed || sub.stepStatus == StepStatus::Waiting;
    };

    if (process.nextSubStep == 0) {
        const QJsonObject endpoint =
            Callbacks::endpointState(process.id, options, QDateTime::currentDateTimeUtc());
        mergeState(process.state, endpoint);
        const Outcome sub = execute(workflow, action, process);
        if (isFailure(sub))
            return failedIn(sub, action, {}, 0);
        process.state = stateBefore;
        outcome.delta = combineDeltas(endpoint, sub.delta);
        outcome.stepStatus = StepStatus::AwaitingCallback;
        outcome.processStatus = ProcessStatus::AwaitingCallback;
        outcome.nextSubStep = 1;
        return outcome;
    }

    QJsonObject received;
    if (process.nextSubStep == 1) {
        if (!process.pendingInput) {
            // Queued without a callback (nothing does that today): wait on.
            outcome.stepStatus = StepStatus::AwaitingCallback;
            outcome.processStatus = ProcessStatus::AwaitingCallback;
            outcome.nextSubStep = 1;
            return outcome;
        }
        const QString resultKey =
            process.state.value(Callbacks::ResultKeyKey).toString(options.resultKey);
        received.insert(resultKey, *process.pendingInput);
        process.pendingInput.reset();
    }
    mergeState(process.state, received);
    const Outcome sub = execute(workflow, validate, process);
    if (isFailure(sub))
        return failedIn(sub, validate, received, 2);
    process.state = stateBefore;
    outcome.delta = combineDeltas(combineDeltas(received, sub.delta),
                                  {{RemoveKeysKey.toString(), Callbacks::spentKeys()}});
    return outcome;
}

void ProcessRunner::applyEffects(const QJsonObject &delta)
{
    // Built-in effects of tasks, applied in the step's own transaction.
    store::ProcessRepository repository(m_context.database);
    for (const QJsonValue &id : delta.value(ResumeProcessesKey).toArray())
        repository.queueForRetry(id.toString());
    for (const QJsonValue &id : delta.value(DeleteProcessesKey).toArray())
        repository.removeCompletedTask(id.toString());
    for (const QJsonValue &value : delta.value(StartProcessesKey).toArray()) {
        QJsonObject state = value.toObject();
        const WorkflowPtr workflow = m_context.registry->find(state.take(u"workflow").toString());
        if (!workflow)
            continue;
        const ProcessRecord process = Actions::newProcess(*workflow, state, u"SYSTEM"_s, {});
        repository.insertProcess(process);
        repository.insertInputState(process.id, QString(), u"initial_state"_s, QJsonArray(),
                                    u"SYSTEM"_s);
        for (const auto &extension : std::as_const(m_context.extensions))
            extension->processCreated(m_context.database, process);
    }
}

bool ProcessRunner::writeStep(ProcessRecord &process, StepRecord &step,
                              const store::JsonText &state, const store::JsonText &delta)
{
    // Inside the step's transaction (or its savepoint in a group): the extensions' writes, the
    // built-in effects, the log row and the process row, the last only while this engine still
    // holds the claim (checked by the UPDATE itself).
    for (const auto &extension : std::as_const(m_context.extensions))
        extension->persistStep(m_context.database, process, step);
    applyEffects(step.delta);
    store::ProcessRepository repository(m_context.database);
    repository.insertStep(step, delta);
    return repository.updateClaimed(process, m_context.instanceId, state);
}

bool ProcessRunner::commit(ProcessRecord &process, StepRecord &step,
                           const ProcessRecord &beforeStep, const StateUndo &undo)
{
    // A busy database is waited for (the busy timeout) and then tried again for a while: the
    // step already ran, so its outcome must not be dropped lightly.
    //
    // The JSON of the state and of the delta is rendered here, on this runner's thread: the
    // thread that writes a group of steps then only binds it (docs/architecture.md, "Group
    // commit").
    const store::JsonText state(process.state);
    const store::JsonText delta(step.delta);
    for (int attempt = 0;; ++attempt) {
        const ProcessRecord before = process;
        const StepRecord stepBefore = step;
        try {
            bool written = false;
            if (m_context.commits) {
                written = m_context.commits->submit(
                    [&] { return writeStep(process, step, state, delta); });
            } else {
                store::WriteTransaction transaction(m_context.database);
                written = writeStep(process, step, state, delta);
                if (written)
                    transaction.commit();
            }
            if (!written) {
                qCWarning(lcRunner)
                    << "lost the claim on process" << process.id << "; another engine took it over";
                return false;
            }
            return true;
        } catch (const store::StoreError &e) {
            process = before;
            step = stepBefore;
            if (e.kind() == store::StoreError::Kind::Busy && attempt < 30) {
                QThread::msleep(200 * std::min(attempt + 1, 10));
                continue;
            }
            if (e.kind() == store::StoreError::Kind::Sql && step.status != StepStatus::Failed
                && attempt == 0) {
                // An extension or the database refused the step's effects: record the step
                // as failed instead, with the reason, so an operator can act on it.
                qCWarning(lcRunner) << "step" << step.name << "could not be stored:" << e.message();
                failInstead(process, step, beforeStep, undo, u"StoreError"_s,
                            QCoreApplication::translate("wfo::ProcessRunner",
                                                        "The step's changes could not be "
                                                        "stored: %1")
                                .arg(e.message()));
                continue;
            }
            qCCritical(lcRunner) << "cannot record step" << step.name << "of process" << process.id
                                 << ":" << e.message();
            return false;
        } catch (const std::exception &e) {
            process = before;
            step = stepBefore;
            if (attempt > 0)
                return false;
            failInstead(process, step, beforeStep, undo, demangle(typeid(e).name()),
                        QString::fromUtf8(e.what()));
        }
    }
}

void ProcessRunner::failInstead(ProcessRecord &process, StepRecord &step,
                                const ProcessRecord &beforeStep, const StateUndo &undo,
                                const QString &errorClass, const QString &message)
{
    // The step's effects are not stored, so neither is its state: the process stays where it
    // was before the step, failed at it, and a retry runs the step again.
    const QString lastModified = process.lastModifiedAt;
    QJsonObject state = std::move(process.state);
    undo.restore(state);
    process = beforeStep;
    process.state = std::move(state);
    process.status = ProcessStatus::Failed;
    process.lastStep = step.name;
    process.lastStatus = StepStatus::Failed;
    process.failedReason = message;
    process.traceback = message;
    process.claimedBy.clear();
    process.lastModifiedAt = lastModified;
    step.status = StepStatus::Failed;
    step.errorClass = errorClass;
    step.errorMessage = message;
    step.traceback = message;
    step.delta = {};
}

ProcessStatus ProcessRunner::stopBetweenSteps(ProcessRecord &process)
{
    // Paused or shutting down: hand the process back to the queue so any engine continues it.
    process.status = ProcessStatus::Resumed;
    process.claimedBy.clear();
    process.lastModifiedAt = Timestamps::now();
    try {
        store::ProcessRepository(m_context.database).updateClaimed(process, m_context.instanceId);
    } catch (const store::StoreError &e) {
        qCWarning(lcRunner) << "cannot requeue process" << process.id << ":" << e.message();
    }
    return ProcessStatus::Resumed;
}

void ProcessRunner::failWithoutWorkflow(ProcessRecord &process, const Observer &observer)
{
    failBeforeStep(process, u"UnknownWorkflow"_s,
                   QCoreApplication::translate("wfo::ProcessRunner",
                                               "The workflow '%1' is not known to this "
                                               "engine; install the product pack that "
                                               "provides it.")
                       .arg(process.workflowName),
                   observer);
}

void ProcessRunner::failBeforeStep(ProcessRecord &process, const QString &errorClass,
                                   const QString &message, const Observer &observer)
{
    StepRecord step;
    step.processId = process.id;
    step.index = process.nextStep;
    // The log needs a name; a damaged row may have none.
    step.name = process.nextStepName.isEmpty()
        ? QCoreApplication::translate("wfo::ProcessRunner", "Unknown step")
        : process.nextStepName;
    step.status = StepStatus::Failed;
    step.createdBy = u"SYSTEM"_s;
    step.startedAt = step.completedAt = Timestamps::now();
    step.errorClass = errorClass;
    step.errorMessage = message;
    process.status = ProcessStatus::Failed;
    process.failedReason = step.errorMessage;
    process.claimedBy.clear();
    process.lastModifiedAt = step.completedAt;
    if (commit(process, step, process, StateUndo()) && observer.stepCommitted)
        observer.stepCommitted(process, step);
}

ProcessStatus ProcessRunner::run(const QString &processId, const Observer &observer)
{
    // A member of the group commit while it runs: a leader waits a moment for its next step.
    const store::GroupCommit::Member member(m_context.commits.get());
    store::ProcessRepository repository(m_context.database);
    std::optional<ProcessRecord> loaded = repository.find(processId);
    if (!loaded)
        return ProcessStatus::Failed;
    ProcessRecord process = *loaded;
    const WorkflowPtr workflow = m_context.registry->find(process.workflowName);
    if (!workflow) {
        failWithoutWorkflow(process, observer);
        return process.status;
    }
    QHash<int, int> attempts = repository.failedAttempts(processId);
    const QString actor = process.runBy.isEmpty() ? process.createdBy : process.runBy;
    const StepList &steps = workflow->steps();

    // A workflow changed since the process started: find its next step by name. An index
    // outside the step list (a damaged row, or a workflow that lost steps; steps.size() means
    // "done") is found by name too, or the process fails instead of reading past the list or
    // completing without running its remaining steps.
    const bool outside = process.nextStep < 0 || process.nextStep > steps.size();
    if (outside
        || (process.nextStep < steps.size() && !process.nextStepName.isEmpty()
            && steps.at(process.nextStep).name() != process.nextStepName)) {
        const int byName = workflow->indexOf(process.nextStepName);
        if (byName >= 0) {
            process.nextStep = byName;
        } else if (outside) {
            failBeforeStep(process, u"UnknownStep"_s,
                           QCoreApplication::translate(
                               "wfo::ProcessRunner",
                               "The process's next step (number %1, '%2') is not a step of "
                               "the workflow '%3': the workflow changed since the process "
                               "started, or the process row is damaged.")
                               .arg(process.nextStep)
                               .arg(process.nextStepName, process.workflowName),
                           observer);
            return process.status;
        }
    }

    for (;;) {
        const bool abort = m_context.flags->abortRequested(processId) || process.abortRequested;
        if (!abort && (m_context.flags->isPaused() || m_context.flags->isStopping()))
            return stopBetweenSteps(process);

        ProcessRecord beforeStep = process;
        StepRecord row;
        row.processId = process.id;
        row.index = process.nextStep;
        row.createdBy = actor;
        row.startedAt = Timestamps::now();
        row.retries = attempts.value(process.nextStep);

        Outcome outcome;
        if (abort) {
            row.name = u"User Aborted"_s;
            outcome.stepStatus = StepStatus::Abort;
            outcome.processStatus = ProcessStatus::Aborted;
            row.retries = 0;
        } else if (process.nextStep >= steps.size()) {
            row.name = u"Done"_s;
            outcome.stepStatus = StepStatus::Complete;
            outcome.processStatus = ProcessStatus::Completed;
        } else {
            const Step &step = steps.at(process.nextStep);
            row.name = step.name();
            outcome = execute(*workflow, step, process);
        }
        row.completedAt = Timestamps::now();
        row.status = outcome.stepStatus;
        row.delta = outcome.delta;
        row.errorClass = outcome.errorClass;
        row.errorMessage = outcome.errorMessage;
        row.traceback = outcome.traceback;

        // Not a copy of the whole state (state.h, StateUndo).
        const StateUndo undo(process.state, outcome.delta);
        beforeStep.state = {};
        applyStepDelta(process.state, outcome.delta);
        process.status = outcome.processStatus;
        process.lastStep = row.name;
        process.lastStatus = outcome.stepStatus;
        const bool advances = outcome.stepStatus == StepStatus::Success
            || outcome.stepStatus == StepStatus::Skipped
            || outcome.stepStatus == StepStatus::Complete
            || outcome.stepStatus == StepStatus::Abort;
        if (advances && !abort) {
            ++process.nextStep;
            process.nextSubStep = 0;
        } else if (!advances) {
            process.nextSubStep = outcome.nextSubStep;
        }
        process.nextStepName =
            process.nextStep < steps.size() ? steps.at(process.nextStep).name() : QString();
        const bool failed =
            outcome.stepStatus == StepStatus::Failed || outcome.stepStatus == StepStatus::Waiting;
        process.failedReason = failed ? outcome.errorMessage : QString();
        process.traceback = failed ? outcome.traceback : QString();
        if (abort)
            process.abortRequested = false;
        if (process.status != ProcessStatus::Running)
            process.claimedBy.clear();
        process.lastModifiedAt = row.completedAt;

        if (!commit(process, row, beforeStep, undo)) {
            // Not recorded. Let go of the claim so recovery marks the process failed (and
            // retryable) at the step that could not be recorded; if even that cannot be
            // written now, the housekeeper keeps trying.
            try {
                repository.release(process.id, m_context.instanceId);
            } catch (const store::StoreError &) {
                m_context.flags->addUnreleased(process.id);
            }
            return ProcessStatus::Running;
        }
        if (failed)
            attempts[row.index] += 1;
        if (abort)
            m_context.flags->clearAbort(processId);
        if (observer.stepCommitted)
            observer.stepCommitted(process, row);
        if (process.status != ProcessStatus::Running)
            return process.status;
    }
}

} // namespace wfo
