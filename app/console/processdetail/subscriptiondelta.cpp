#include "subscriptiondelta.h"

#include "queries/jsontext.h"
#include "queries/subscriptionblocks.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::console {

namespace {

const auto s_old = "__old_subscriptions__"_L1;

using queries::SubscriptionBlocks;

bool isBlockList(const QJsonValue &value)
{
    const QJsonArray array = value.toArray();
    return value.isArray() && !array.isEmpty() && SubscriptionBlocks::isBlock(array.first());
}

QString blockLabel(const QString &parent, const QString &attribute, const QJsonObject &block)
{
    const QString name = block.value(u"name").toString();
    const QString own =
        name.isEmpty() || name == attribute ? attribute : u"%1 (%2)"_s.arg(attribute, name);
    return parent.isEmpty() ? own : QString(parent + u" › "_s + own);
}

class Differ
{
public:
    explicit Differ(const QString &subscriptionId)
        : m_id(subscriptionId)
    { }

    void fields(const QString &block, const QJsonObject &before, const QJsonObject &after,
                bool inBlock)
    {
        QStringList keys = before.keys() + after.keys();
        keys.removeDuplicates();
        keys.sort();
        for (const QString &key : keys) {
            const QJsonValue a = before.value(key);
            const QJsonValue b = after.value(key);
            if (inBlock && SubscriptionBlocks::isIdentityKey(key))
                continue;
            if (SubscriptionBlocks::isBlock(a) || SubscriptionBlocks::isBlock(b)) {
                blocks(block, key, a.toObject(), b.toObject());
            } else if (isBlockList(a) || isBlockList(b)) {
                blockList(block, key, a.toArray(), b.toArray());
            } else if (a != b) {
                add(block, key, a, b);
            }
        }
    }

    QList<SubscriptionChange> changes;

private:
    void add(const QString &block, const QString &field, const QJsonValue &a, const QJsonValue &b)
    {
        SubscriptionChange change;
        change.subscriptionId = m_id;
        change.block = block;
        change.field = field;
        change.before = queries::jsonText(a);
        change.after = queries::jsonText(b);
        change.kind = a.isUndefined() ? SubscriptionChange::Kind::Added
            : b.isUndefined()         ? SubscriptionChange::Kind::Removed
                                      : SubscriptionChange::Kind::Changed;
        changes.append(change);
    }

    void blocks(const QString &parent, const QString &attribute, const QJsonObject &a,
                const QJsonObject &b)
    {
        const QString label = blockLabel(parent, attribute, b.isEmpty() ? a : b);
        if (a.isEmpty() || b.isEmpty()) {
            SubscriptionChange change;
            change.subscriptionId = m_id;
            change.block = label;
            change.kind =
                a.isEmpty() ? SubscriptionChange::Kind::Added : SubscriptionChange::Kind::Removed;
            (a.isEmpty() ? change.after : change.before) =
                SubscriptionBlocks::instanceId(a.isEmpty() ? b : a);
            changes.append(change);
            return;
        }
        const auto owner = [this](const QJsonObject &block) {
            const QString o = block.value(u"owner_subscription_id").toString();
            return o.isEmpty() ? m_id : o;
        };
        if (owner(a) != m_id || owner(b) != m_id) {
            // A block of another subscription: what matters is which one is referenced.
            const QString ia = SubscriptionBlocks::instanceId(a);
            const QString ib = SubscriptionBlocks::instanceId(b);
            if (ia != ib)
                add(label,
                    QCoreApplication::translate("wfo::console::SubscriptionDeltaView",
                                                "depends on"),
                    QString(owner(a) + u" / "_s + ia), QString(owner(b) + u" / "_s + ib));
            return;
        }
        const QString idKey = SubscriptionBlocks::instanceIdKey();
        if (a.value(idKey) != b.value(idKey))
            add(label, idKey, a.value(idKey), b.value(idKey));
        fields(label, a, b, true);
    }

    void blockList(const QString &parent, const QString &attribute, const QJsonArray &a,
                   const QJsonArray &b)
    {
        QStringList ids;
        QHash<QString, QJsonObject> before;
        QHash<QString, QJsonObject> after;
        for (const QJsonValue &v : a) {
            const QString id = SubscriptionBlocks::instanceId(v.toObject());
            before.insert(id, v.toObject());
            ids << id;
        }
        for (const QJsonValue &v : b) {
            const QString id = SubscriptionBlocks::instanceId(v.toObject());
            after.insert(id, v.toObject());
            if (!ids.contains(id))
                ids << id;
        }
        for (const QString &id : std::as_const(ids))
            blocks(parent, attribute, before.value(id), after.value(id));
    }

    QString m_id;
};

} // namespace

QList<SubscriptionChange> subscriptionDelta(const QJsonObject &before, const QJsonObject &after)
{
    Differ differ(
        after.value(u"subscription_id").toString(before.value(u"subscription_id").toString()));
    differ.fields(QString(), before, after, false);
    return differ.changes;
}

bool hasSubscriptionDelta(const QJsonObject &state)
{
    return !state.value(s_old).toObject().isEmpty();
}

QList<SubscriptionChange> subscriptionDeltaOfState(const QJsonObject &state)
{
    QList<SubscriptionChange> all;
    const QJsonObject old = state.value(s_old).toObject();
    const QJsonObject current = state.value(u"subscription").toObject();
    for (auto it = old.begin(); it != old.end(); ++it) {
        // The state holds the model of the subscription it works on now; another one it
        // touched earlier has only its old model here.
        if (current.value(u"subscription_id").toString() != it.key())
            continue;
        all += subscriptionDelta(it.value().toObject(), current);
    }
    return all;
}

SubscriptionDeltaView::SubscriptionDeltaView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(u"subscriptionDelta"_s);
    setAccessibleName(tr("Subscription delta"));
    setColumnCount(3);
    setHeaderLabels({tr("Block / field"), tr("Before"), tr("After")});
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

void SubscriptionDeltaView::setState(const QJsonObject &state)
{
    m_changes = subscriptionDeltaOfState(state);
    clear();
    if (!hasSubscriptionDelta(state))
        return;
    if (m_changes.isEmpty()) {
        addTopLevelItem(new QTreeWidgetItem({tr("No changes to the subscription yet.")}));
        return;
    }
    const QColor removed(0xc6, 0x28, 0x28);
    const QColor added(0x2e, 0x7d, 0x32);
    QHash<QString, QTreeWidgetItem *> groups;
    for (const SubscriptionChange &change : std::as_const(m_changes)) {
        const QString group = change.block.isEmpty() ? tr("Subscription") : change.block;
        QTreeWidgetItem *parent = groups.value(group);
        if (!parent) {
            parent = new QTreeWidgetItem(this, {group});
            QFont bold = parent->font(0);
            bold.setBold(true);
            parent->setFont(0, bold);
            groups.insert(group, parent);
        }
        QTreeWidgetItem *item = parent;
        if (change.field.isEmpty()) {
            // A whole block added or removed.
            item->setText(1,
                          change.kind == SubscriptionChange::Kind::Added ? tr("—") : tr("present"));
            item->setText(
                2, change.kind == SubscriptionChange::Kind::Added ? tr("added") : tr("removed"));
        } else {
            item = new QTreeWidgetItem(parent, {change.field, change.before, change.after});
        }
        item->setForeground(1, QBrush(removed));
        item->setForeground(2, QBrush(added));
        item->setToolTip(1, change.before);
        item->setToolTip(2, change.after);
    }
    expandAll();
}

} // namespace wfo::console
