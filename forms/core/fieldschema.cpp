// Field <-> JSON schema property, in the shape pydantic-forms emits: `format` markers for the
// special widgets, `$defs` for enums and the contact person object, `uniforms` for UI hints.
// Reading is defensive: a schema from elsewhere may be malformed in any way.
#include "field.h"

#include <QHash>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace wfo::forms {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject choiceDefinition(const QString &title, const QList<Choice> &choices)
{
    QJsonArray values;
    QJsonObject labels;
    bool labelled = false;
    for (const Choice &choice : choices) {
        values.append(choice.value);
        labels.insert(choice.value, choice.displayText());
        labelled = labelled || !choice.label.isEmpty();
    }
    QJsonObject definition {{u"enum"_s, values}, {u"title"_s, title}, {u"type"_s, u"string"_s}};
    if (labelled)
        definition.insert(u"options"_s, labels);
    return definition;
}

QJsonObject contactDefinition()
{
    const QJsonObject properties {
        {u"name"_s,
         QJsonObject {{u"format"_s, u"contactPersonName"_s},
                      {u"title"_s, u"Name"_s},
                      {u"type"_s, u"string"_s}}},
        {u"email"_s,
         QJsonObject {
             {u"format"_s, u"email"_s}, {u"title"_s, u"Email"_s}, {u"type"_s, u"string"_s}}},
        {u"phone"_s,
         QJsonObject {{u"default"_s, u""_s}, {u"title"_s, u"Phone"_s}, {u"type"_s, u"string"_s}}},
    };
    return QJsonObject {{u"properties"_s, properties},
                        {u"required"_s, QJsonArray {u"name"_s, u"email"_s}},
                        {u"title"_s, u"ContactPerson"_s},
                        {u"type"_s, u"object"_s}};
}

// Puts `definition` under `defs` and returns a reference to it, or returns it inline.
QJsonObject reference(const QString &name, const QJsonObject &definition, QJsonObject *defs)
{
    if (!defs)
        return definition;
    defs->insert(name, definition);
    return QJsonObject {{u"$ref"_s, QString(u"#/$defs/"_s + name)}};
}

void insertFilter(QJsonObject *property, const PickerFilter &filter)
{
    QJsonObject uniforms = property->value(u"uniforms").toObject();
    if (!filter.productIds.isEmpty())
        uniforms.insert(u"productIds"_s, toArray(filter.productIds));
    if (!filter.tags.isEmpty())
        uniforms.insert(u"tags"_s, toArray(filter.tags));
    if (!filter.statuses.isEmpty())
        uniforms.insert(u"statuses"_s, toArray(filter.statuses));
    if (!filter.unavailable.isEmpty()) {
        QJsonObject unavailable;
        for (auto it = filter.unavailable.cbegin(); it != filter.unavailable.cend(); ++it)
            unavailable.insert(it.key(), it.value());
        uniforms.insert(u"unavailable"_s, unavailable);
    }
    if (!uniforms.isEmpty())
        property->insert(u"uniforms"_s, uniforms);
}

} // namespace

QString Field::definitionName() const
{
    // "role_id" -> "RoleIdChoice", like the enum class name pydantic would use.
    QString result;
    bool upper = true;
    for (const QChar c : m_name) {
        if (!c.isLetterOrNumber()) {
            upper = true;
            continue;
        }
        result.append(upper ? c.toUpper() : c);
        upper = false;
    }
    return result + u"Choice"_s;
}

QJsonObject Field::toJsonSchema(QJsonObject *defs) const
{
    QJsonObject property;
    const auto put = [&property](const QString &key, const QJsonValue &value) {
        property.insert(key, value);
    };
    switch (m_type) {
    case FieldType::Text:
    case FieldType::LongText:
        put(u"type"_s, u"string"_s);
        if (m_type == FieldType::LongText)
            put(u"format"_s, u"long"_s);
        if (m_minLength)
            put(u"minLength"_s, *m_minLength);
        if (m_maxLength)
            put(u"maxLength"_s, *m_maxLength);
        if (!m_pattern.isEmpty())
            put(u"pattern"_s, m_pattern);
        break;
    case FieldType::Integer:
    case FieldType::Timestamp:
        put(u"type"_s, m_type == FieldType::Integer ? u"integer"_s : u"number"_s);
        if (m_minimum)
            put(u"minimum"_s, double(*m_minimum));
        if (m_maximum)
            put(u"maximum"_s, double(*m_maximum));
        if (m_type == FieldType::Timestamp) {
            put(u"format"_s, u"timestamp"_s);
            put(u"uniforms"_s,
                QJsonObject {{u"showTimeSelect"_s, true},
                             {u"min"_s, m_minimum ? QJsonValue(double(*m_minimum)) : QJsonValue()},
                             {u"max"_s, m_maximum ? QJsonValue(double(*m_maximum)) : QJsonValue()},
                             {u"locale"_s, QJsonValue()},
                             {u"dateFormat"_s, QJsonValue()},
                             {u"timeFormat"_s, QJsonValue()}});
        }
        break;
    case FieldType::Number:
        put(u"type"_s, u"number"_s);
        if (m_numberMinimum)
            put(u"minimum"_s, *m_numberMinimum);
        if (m_numberMaximum)
            put(u"maximum"_s, *m_numberMaximum);
        break;
    case FieldType::Boolean:
        put(u"type"_s, u"boolean"_s);
        break;
    case FieldType::Choice:
        property = reference(definitionName(), choiceDefinition(definitionName(), m_choices), defs);
        if (m_choiceStyle != ChoiceStyle::Automatic)
            put(u"uniforms"_s,
                QJsonObject {{u"checkboxes"_s, m_choiceStyle == ChoiceStyle::Radio}});
        break;
    case FieldType::MultiChoice:
    case FieldType::List: {
        put(u"type"_s, u"array"_s);
        put(u"items"_s,
            m_type == FieldType::List && m_item
                ? m_item->toJsonSchema(defs)
                : reference(definitionName(), choiceDefinition(definitionName(), m_choices), defs));
        if (m_minItems)
            put(u"minItems"_s, *m_minItems);
        if (m_maxItems)
            put(u"maxItems"_s, *m_maxItems);
        if (m_unique)
            put(u"uniqueItems"_s, true);
        break;
    }
    case FieldType::Label:
        put(u"format"_s, u"label"_s);
        put(u"type"_s, u"string"_s);
        put(u"default"_s, m_content.isEmpty() ? QJsonValue() : QJsonValue(m_content));
        break;
    case FieldType::Divider:
        put(u"format"_s, u"divider"_s);
        put(u"type"_s, u"string"_s);
        put(u"default"_s, QJsonValue());
        break;
    case FieldType::Markdown:
        put(u"format"_s, u"markdown"_s);
        put(u"type"_s, u"string"_s);
        put(u"default"_s, QJsonObject {{u"content"_s, m_content}, {u"color"_s, m_variant}});
        break;
    case FieldType::Callout:
        put(u"format"_s, u"callout"_s);
        put(u"type"_s, u"string"_s);
        put(u"default"_s,
            QJsonObject {{u"header"_s, m_header},
                         {u"message"_s, m_content},
                         {u"icon_type"_s, m_variant},
                         {u"message_type"_s, m_variant}});
        break;
    case FieldType::Summary: {
        QJsonArray columns;
        for (const QStringList &column : m_summary.columns)
            columns.append(toArray(column));
        const QJsonObject data {{u"headers"_s, toArray(m_summary.headers)},
                                {u"labels"_s, toArray(m_summary.labels)},
                                {u"columns"_s, columns}};
        put(u"format"_s, u"summary"_s);
        put(u"type"_s, u"string"_s);
        put(u"default"_s, QJsonValue());
        put(u"uniforms"_s, QJsonObject {{u"data"_s, data}});
        put(u"extraProperties"_s, QJsonObject {{u"data"_s, data}});
        break;
    }
    case FieldType::Accept: {
        QJsonArray data;
        for (const Choice &item : m_choices)
            data.append(QJsonArray {item.value, item.displayText()});
        put(u"format"_s, u"accept"_s);
        put(u"type"_s, u"string"_s);
        put(u"enum"_s, QJsonArray {u"ACCEPTED"_s, u"INCOMPLETE"_s});
        if (!data.isEmpty())
            put(u"data"_s, data);
        break;
    }
    case FieldType::ReadOnly: {
        const QJsonValue value = m_default.value_or(QJsonValue());
        put(u"const"_s, value);
        put(u"uniforms"_s, QJsonObject {{u"disabled"_s, true}, {u"value"_s, value}});
        put(u"type"_s,
            value.isBool() ? u"boolean"_s
                : value.isDouble()
                ? (std::trunc(value.toDouble()) == value.toDouble() ? u"integer"_s : u"number"_s)
                : value.isArray()  ? u"array"_s
                : value.isObject() ? u"object"_s
                                   : u"string"_s);
        break;
    }
    case FieldType::Hidden:
        put(u"format"_s, u"hidden"_s);
        put(u"type"_s, u"string"_s);
        break;
    case FieldType::Date:
    case FieldType::IpAddress:
    case FieldType::IpPrefix:
    case FieldType::VlanRanges:
    case FieldType::Uuid:
    case FieldType::Customer:
    case FieldType::Product:
    case FieldType::Subscription: {
        static const QHash<FieldType, QString> formats {
            {FieldType::Date, u"date"_s},
            {FieldType::IpAddress, u"ipvanyaddress"_s},
            {FieldType::IpPrefix, u"ipvanynetwork"_s},
            {FieldType::VlanRanges, u"vlan"_s},
            {FieldType::Uuid, u"uuid"_s},
            {FieldType::Customer, u"customerId"_s},
            {FieldType::Product, u"productId"_s},
            {FieldType::Subscription, u"subscriptionId"_s},
        };
        put(u"type"_s, u"string"_s);
        // A read-only subscription is pydantic-forms' DisplaySubscription.
        put(u"format"_s,
            m_type == FieldType::Subscription && m_readOnly ? u"subscription"_s
                                                            : formats.value(m_type));
        if (!m_pattern.isEmpty())
            put(u"pattern"_s, m_pattern);
        insertFilter(&property, m_filter);
        break;
    }
    case FieldType::ContactPerson:
        property = reference(u"ContactPerson"_s, contactDefinition(), defs);
        break;
    }

    if (!isDisplayOnly() || m_type == FieldType::Label || !m_label.isEmpty())
        put(u"title"_s, labelText());
    if (!m_description.isEmpty())
        put(u"description"_s, m_description);
    if (m_default && !isDisplayOnly())
        put(u"default"_s, *m_default);
    if (m_readOnly && m_type != FieldType::ReadOnly) {
        QJsonObject uniforms = property.value(u"uniforms").toObject();
        uniforms.insert(u"disabled"_s, true);
        put(u"uniforms"_s, uniforms);
    }
    return property;
}

} // namespace wfo::forms
