#pragma once
// How the subscription detail screen shows a SubscriptionDetail: the status line, the general
// table, version labels and the diff of two versions. Kept out of the view so that the view
// only lays out widgets and fills them; its strings stay in the view's translation context.

#include "queries/subscriptiondetail.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace wfo::console {

class SubscriptionDetailPresenter final
{
    Q_DECLARE_TR_FUNCTIONS(wfo::console::SubscriptionDetailView)

public:
    // "<status>" coloured, and "out of sync" when it is (rich text).
    static QString statusHtml(const QJsonObject &model);
    // Id, product, customer, status, in sync, dates, version and links to related
    // subscriptions ("subscription:<id>"), as a rich-text table.
    static QString generalHtml(const queries::SubscriptionDetail &detail);
    // "3 — Resync subscription by tester" for a row of SubscriptionDetail::versions.
    static QString versionLabel(const QJsonObject &version);
    // "- path = old" / "+ path = new" lines of what differs between two saved models.
    static QString diffText(int versionA, int versionB, const QJsonObject &a, const QJsonObject &b);
};

} // namespace wfo::console
