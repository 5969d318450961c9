#include "pickerprovider.h"

#include "forms/core/gallery.h"

#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace wfo::forms {

PickerProvider::~PickerProvider() = default;

StaticPickerProvider::StaticPickerProvider(QObject *parent)
    : QObject(parent)
{ }

void StaticPickerProvider::setItems(PickerKind kind, const QList<PickerItem> &items)
{
    switch (kind) {
    case PickerKind::Customer:
        m_customers = items;
        break;
    case PickerKind::Product:
        m_products = items;
        break;
    case PickerKind::Subscription:
        m_subscriptions = items;
        break;
    }
}

void StaticPickerProvider::lookup(const PickerQuery &query, const PickerReply &reply)
{
    ++m_lookups;
    const QList<PickerItem> &all = query.kind == PickerKind::Customer ? m_customers
        : query.kind == PickerKind::Product                           ? m_products
                                                                      : m_subscriptions;
    QList<PickerItem> found;
    for (const PickerItem &item : all) {
        const PickerFilter &filter = query.filter;
        if (!query.text.isEmpty() && !item.label.contains(query.text, Qt::CaseInsensitive)
            && !item.id.contains(query.text, Qt::CaseInsensitive))
            continue;
        if (!filter.productIds.isEmpty() && !filter.productIds.contains(item.productId))
            continue;
        if (!filter.statuses.isEmpty() && !filter.statuses.contains(item.status))
            continue;
        if (!filter.tags.isEmpty()
            && std::none_of(filter.tags.begin(), filter.tags.end(),
                            [&item](const QString &tag) { return item.tags.contains(tag); }))
            continue;
        found.append(item);
    }
    QTimer::singleShot(m_delayMs, this, [reply, found] { reply(found); });
}

StaticPickerProvider *StaticPickerProvider::createSample(QObject *parent)
{
    auto *provider = new StaticPickerProvider(parent);
    provider->setItems(PickerKind::Customer,
                       { { galleryCustomerId(), u"ACME Networks"_s, tr("Amsterdam"), {}, {}, {} },
                         { u"globex"_s, u"Globex Corporation"_s, tr("London"), {}, {}, {} } });
    provider->setItems(
        PickerKind::Product,
        { { galleryProductId(), tr("Node"), tr("Router or switch"), galleryProductId(), {}, {} },
          { u"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"_s,
            tr("Port"),
            tr("Physical port"),
            u"6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"_s,
            {},
            {} } });
    provider->setItems(PickerKind::Subscription,
                       { { gallerySubscriptionId(),
                           u"ams1-rt1"_s,
                           tr("Node, active"),
                           galleryProductId(),
                           { u"NODE"_s },
                           u"active"_s },
                         { u"1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"_s,
                           u"lon1-rt2"_s,
                           tr("Node, provisioning"),
                           galleryProductId(),
                           { u"NODE"_s },
                           u"provisioning"_s } });
    return provider;
}

} // namespace wfo::forms
