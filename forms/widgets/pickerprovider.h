#pragma once
// Where customer, product and subscription pickers get their entries. The console implements
// PickerProvider over its database; lookups are asynchronous so the GUI never waits on it.
// StaticPickerProvider serves a fixed list (tests, the form gallery, headless demos).

#include "forms/core/field.h"
#include "wfo_formwidgets_export.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace wfo::forms {

enum class PickerKind { Customer, Product, Subscription };

struct PickerItem
{
    QString id; // what the form stores
    QString label; // what the operator reads
    QString detail; // a second line (status, customer, ...)
    // For filtering by a PickerFilter; may stay empty when the provider filters itself.
    QString productId;
    QStringList tags;
    QString status;
};

struct PickerQuery
{
    PickerKind kind = PickerKind::Customer;
    QString text; // what the operator typed; empty for "the first entries"
    PickerFilter filter;
};

using PickerReply = std::function<void(const QList<PickerItem> &items)>;

class WFO_FORMWIDGETS_EXPORT PickerProvider
{
public:
    virtual ~PickerProvider();
    // Starts a lookup and returns at once. Call `reply` exactly once, on the GUI thread (from a
    // queued signal or a future continuation with a context object), now or later. A picker
    // ignores replies to lookups it no longer needs, so answering late is always safe.
    virtual void lookup(const PickerQuery &query, const PickerReply &reply) = 0;
};

class WFO_FORMWIDGETS_EXPORT StaticPickerProvider final : public QObject, public PickerProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaticPickerProvider)

public:
    explicit StaticPickerProvider(QObject *parent = nullptr);

    void setItems(PickerKind kind, const QList<PickerItem> &items);
    // Answers after `delayMs` on the event loop (0: on the next turn of the event loop).
    void setDelay(int delayMs) { m_delayMs = delayMs; }
    int lookupCount() const { return m_lookups; }

    void lookup(const PickerQuery &query, const PickerReply &reply) override;

    // Entries that match the gallery's and the example wizard's fields.
    static StaticPickerProvider *createSample(QObject *parent = nullptr);

private:
    QList<PickerItem> m_customers;
    QList<PickerItem> m_products;
    QList<PickerItem> m_subscriptions;
    int m_delayMs = 0;
    int m_lookups = 0;
};

} // namespace wfo::forms
