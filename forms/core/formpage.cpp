#include "formpage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace wfo::forms {

FormPage::FormPage(const QString &title, const QList<Field> &fields)
    : m_title(title)
    , m_fields(fields)
{ }

FormPage &FormPage::add(const Field &field)
{
    m_fields.append(field);
    return *this;
}

FormPage &FormPage::validator(const PageValidator &validator)
{
    m_validators.append(validator);
    return *this;
}

const Field *FormPage::field(const QString &name) const
{
    for (const Field &field : m_fields) {
        if (field.name() == name)
            return &field;
    }
    return nullptr;
}

PageValidation FormPage::validate(const QJsonObject &input) const
{
    PageValidation result;
    for (const Field &field : m_fields) {
        if (const auto value = field.validate(input.value(field.name()), &result.errors))
            result.values.insert(field.name(), *value);
    }
    // Page validators only make sense on values that passed their own field checks.
    if (result.errors.isEmpty()) {
        for (const PageValidator &validator : m_validators)
            result.errors.append(validator(result.values));
    }
    return result;
}

QJsonObject FormPage::toJsonSchema() const
{
    QJsonObject properties;
    QJsonObject defs;
    QJsonArray required;
    for (const Field &field : m_fields) {
        properties.insert(field.name(), field.toJsonSchema(&defs));
        if (field.isRequired())
            required.append(field.name());
    }
    QJsonObject schema { { u"title"_s, m_title },
                         { u"type"_s, u"object"_s },
                         { u"additionalProperties"_s, false },
                         { u"properties"_s, properties } };
    if (!required.isEmpty())
        schema.insert(u"required"_s, required);
    if (!defs.isEmpty())
        schema.insert(u"$defs"_s, defs);
    // JSON objects do not keep insertion order; the field order travels separately.
    QJsonArray order;
    for (const Field &field : m_fields)
        order.append(field.name());
    schema.insert(u"propertyOrder"_s, order);
    return schema;
}

std::optional<FormPage> FormPage::fromJsonSchema(const QJsonObject &schema, QString *error)
{
    const QJsonValue propertiesValue = schema.value(u"properties");
    if (!propertiesValue.isObject() && !propertiesValue.isUndefined()) {
        if (error)
            *error = tr("The form schema's 'properties' is not an object.");
        return std::nullopt;
    }
    const QJsonObject properties = propertiesValue.toObject();
    // pydantic v2 writes `$defs`, v1 wrote `definitions`; accept both.
    QJsonObject defs = schema.value(u"definitions").toObject();
    const QJsonObject newDefs = schema.value(u"$defs").toObject();
    for (auto it = newDefs.begin(); it != newDefs.end(); ++it)
        defs.insert(it.key(), it.value());
    QStringList required;
    for (const QJsonValue &name : schema.value(u"required").toArray())
        required.append(name.toString());

    QStringList order;
    for (const QJsonValue &name : schema.value(u"propertyOrder").toArray()) {
        if (properties.contains(name.toString()) && !order.contains(name.toString()))
            order.append(name.toString());
    }
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (!order.contains(it.key()))
            order.append(it.key());
    }

    FormPage page(schema.value(u"title").toString());
    for (const QString &name : std::as_const(order)) {
        const QJsonValue property = properties.value(name);
        if (!property.isObject()) {
            if (error)
                *error = tr("The schema of field '%1' is not an object.").arg(name);
            return std::nullopt;
        }
        auto field =
            Field::fromJsonSchema(name, property.toObject(), required.contains(name), error, defs);
        if (!field)
            return std::nullopt;
        page.add(*field);
    }
    return page;
}

} // namespace wfo::forms
