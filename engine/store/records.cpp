#include "records.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace wfo::store {

JsonText::JsonText(const QJsonObject &object)
    : m_object(object)
    , m_text(render(object))
    , m_rendered(true)
{ }

QString JsonText::of(const QJsonObject &object) const
{
    return m_rendered && object == m_object ? m_text : render(object);
}

QString JsonText::render(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList ProcessRecord::subscriptionIds() const
{
    QStringList ids;
    auto add = [&ids](const QJsonValue &value) {
        const QString id = value.toString();
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    };
    add(state.value(u"subscription_id"));
    add(state.value(u"subscription").toObject().value(u"subscription_id"));
    for (const QJsonValue &value : state.value(u"subscription_ids").toArray())
        add(value);
    return ids;
}

} // namespace wfo::store
