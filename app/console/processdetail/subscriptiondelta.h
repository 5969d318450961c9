#pragma once
// The subscription delta of a modify: the model before it (kept by the unsync step in the
// process state under "__old_subscriptions__", subscription id -> model) against the model the
// process works on ("subscription"). Compared field by field: the subscription's own fields,
// then each product block (matched by its instance id, so renamed or reordered blocks are not
// mistaken for new ones) with its resources; blocks of other subscriptions (depends_on) only
// by which block is referenced. SubscriptionDeltaView shows it as a tree: Block / Field,
// Before, After.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTreeWidget>

namespace wfo::console {

struct SubscriptionChange
{
    enum class Kind { Changed, Added, Removed };
    QString subscriptionId;
    QString block; // "" for the subscription's own fields, else "attribute › attribute"
    QString field; // a field or resource; "" for a whole block added or removed
    QString before; // compact JSON text; "" when added
    QString after; // "" when removed
    Kind kind = Kind::Changed;
};

QList<SubscriptionChange> subscriptionDelta(const QJsonObject &before, const QJsonObject &after);
// Every delta of a process state; empty when it holds no "__old_subscriptions__".
QList<SubscriptionChange> subscriptionDeltaOfState(const QJsonObject &state);
bool hasSubscriptionDelta(const QJsonObject &state);

class SubscriptionDeltaView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionDeltaView)

public:
    explicit SubscriptionDeltaView(QWidget *parent = nullptr);

    void setState(const QJsonObject &state);
    const QList<SubscriptionChange> &changes() const { return m_changes; }

private:
    QList<SubscriptionChange> m_changes;
};

} // namespace wfo::console
