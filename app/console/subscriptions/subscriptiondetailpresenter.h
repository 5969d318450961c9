#pragma once
// How the subscription detail screen shows a SubscriptionDetail: the status line, the general
// table, version labels and the coloured diff of two versions with links to the processes and
// steps that made them. Kept out of the view so that the view
// only lays out widgets and fills them; its strings stay in the view's translation context.

#include "queries/subscriptiondetail.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace wfo::console {

class SubscriptionDetailPresenter final
{
    Q_DECLARE_TR_FUNCTIONS(wfo::console::SubscriptionDetailView)

public:
    // Who left an out-of-sync subscription so: the newest process on it (not a task) that did
    // not complete, and its step: where it stopped, or for an aborted one the step that last
    // changed the subscription (from the versions). Empty when in sync or when no process did.
    struct OutOfSync
    {
        QString processId;
        QString workflow;
        QString status; // the process's status word
        QString step;
        bool isEmpty() const { return processId.isEmpty(); }
    };
    static OutOfSync outOfSyncCause(const queries::SubscriptionDetail &detail);
    // The banner's sentence: which process and step left the subscription out of sync.
    static QString outOfSyncText(const queries::SubscriptionDetail &detail, const OutOfSync &cause);
    // Why a workflow is blocked, as the operator should read it. The engine's sentence, except
    // for `subscription.not_in_sync`, which names the process that left it so and points to a
    // validation only when one may run.
    static QString blockedReason(const queries::SubscriptionDetail &detail, const Refusal &reason);

    // "<status>" coloured, and "out of sync" when it is (rich text).
    static QString statusHtml(const QJsonObject &model);
    // Id, product, customer, status, in sync, dates, version and links to related
    // subscriptions ("subscription:<id>"), as a rich-text table.
    static QString generalHtml(const queries::SubscriptionDetail &detail);
    // "3 — Resync subscription by tester" for a row of SubscriptionDetail::versions.
    static QString versionLabel(const QJsonObject &version);
    // What differs between two saved models, path by path (a changed value is a removed and an
    // added line), in path order.
    struct DiffLine
    {
        bool added = false; // else removed
        QString path;
        QString value;
    };
    static QList<DiffLine> diff(const QJsonObject &a, const QJsonObject &b);
    // The link to the process and step that made a version ("process:<id>?step=<name>"), or an
    // empty URL when no process did.
    static QUrl versionLink(const QJsonObject &version);
    // Two versions compared as rich text: for each, who made it with a link to its process and
    // step (versionLink), then the differences coloured (removed red, added green).
    // `versionA`/`versionB` are rows of SubscriptionDetail::versions, `a`/`b` their models.
    static QString diffHtml(const QJsonObject &versionA, const QJsonObject &versionB,
                            const QJsonObject &a, const QJsonObject &b);
};

} // namespace wfo::console
