#include "callbacks.h"

#include "store/processrepository.h"
#include "store/timestamps.h"
#include "store/transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCallbacks, "wfo.engine.callbacks")

namespace wfo {

namespace {

QByteArray hashOf(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
}

} // namespace

QString Callbacks::newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString Callbacks::route(const QString &processId, const QString &token)
{
    return u"/api/processes/%1/callback/%2"_s.arg(processId, token);
}

QJsonObject Callbacks::endpointState(const QString &processId, const CallbackOptions &options,
                                     const QDateTime &now, QString *tokenOut)
{
    const QString token = newToken();
    if (tokenOut)
        *tokenOut = token;
    QJsonObject state {
        {options.routeKey, route(processId, token)},
        {TokenHashKey.toString(), QString::fromLatin1(hashOf(token))},
        {ResultKeyKey.toString(), options.resultKey},
        {RouteKeyKey.toString(), options.routeKey},
    };
    if (options.timeoutSeconds > 0) {
        state.insert(TimeoutKey, options.timeoutSeconds);
        state.insert(DeadlineKey, store::Timestamps::toText(now.addSecs(options.timeoutSeconds)));
    }
    return state;
}

QJsonArray Callbacks::spentKeys()
{
    return {TokenHashKey.toString(), DeadlineKey.toString()};
}

bool Callbacks::tokenMatches(const QJsonObject &state, const QString &token)
{
    const QByteArray expected = state.value(TokenHashKey).toString().toLatin1();
    const QByteArray given = hashOf(token);
    if (expected.size() != given.size() || expected.isEmpty())
        return false;
    // Both are hex digests of the same length: compare every byte, whatever differs first.
    unsigned char difference = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(expected.at(i) ^ given.at(i));
    return difference == 0;
}

QString Callbacks::timeoutMessage(int seconds)
{
    // Whole words rather than "%n minute(s)": the message is an operator's first clue.
    if (seconds % 60 == 0 && seconds >= 60) {
        const int minutes = seconds / 60;
        return minutes == 1
            ? QCoreApplication::translate("wfo::Callbacks", "No callback within 1 minute.")
            : QCoreApplication::translate("wfo::Callbacks", "No callback within %1 minutes.")
                  .arg(minutes);
    }
    return seconds == 1
        ? QCoreApplication::translate("wfo::Callbacks", "No callback within 1 second.")
        : QCoreApplication::translate("wfo::Callbacks", "No callback within %1 seconds.")
              .arg(seconds);
}

QStringList Callbacks::expireOverdue(const RunnerContext &context, const QDateTime &now)
{
    store::ProcessRepository repository(context.database);
    store::ProcessFilter filter;
    filter.statuses = {toText(ProcessStatus::AwaitingCallback)};
    const QString nowText = store::Timestamps::toText(now);
    QStringList failed;
    for (store::ProcessRecord process : repository.list(filter)) {
        const QString deadline = process.state.value(DeadlineKey).toString();
        // Fixed-width UTC text compares as time.
        if (deadline.isEmpty() || deadline > nowText || !process.claimedBy.isEmpty())
            continue;
        const QString message = timeoutMessage(process.state.value(TimeoutKey).toInt());
        store::StepRecord step;
        step.processId = process.id;
        step.index = process.nextStep;
        step.name = process.nextStepName;
        step.status = StepStatus::Failed;
        step.createdBy = u"SYSTEM"_s;
        step.startedAt = step.completedAt = store::Timestamps::now();
        step.errorClass = u"CallbackTimeout"_s;
        step.errorMessage = message;
        step.traceback = message;
        step.delta = {{RemoveKeysKey.toString(), spentKeys()}};

        applyStepDelta(process.state, step.delta);
        process.status = ProcessStatus::Failed;
        process.lastStep = step.name;
        process.lastStatus = StepStatus::Failed;
        process.nextSubStep = 0; // a retry runs the action again, with a new token
        process.failedReason = message;
        process.traceback = message;
        process.pendingInput.reset();
        process.lastModifiedAt = step.completedAt;

        store::WriteTransaction transaction(context.database);
        // The claim is this write: whichever engine changes the row first fails it.
        if (!repository.updateUnclaimedWhile(process, ProcessStatus::AwaitingCallback)) {
            transaction.rollback();
            continue;
        }
        repository.insertStep(step);
        transaction.commit();
        qCInfo(lcCallbacks) << "process" << process.id << "failed:" << message;
        failed.append(process.id);
    }
    return failed;
}

} // namespace wfo
